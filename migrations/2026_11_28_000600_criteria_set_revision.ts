import { sql, type Kysely } from 'kysely';

// Criteria sets edited in the administration: a revision that every edit of a draft bumps (a stale
// form is refused, so two admins never overwrite each other), and the promise that a published
// version never changes, kept by the database as well as by the service: past periods and their
// assessments were scored against it.
// Inserting into a published set stays possible: the seed writes its sets as published.

const statements = [
	`ALTER TABLE criteria_sets ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1)`,
	// What a score depends on: a criterion's code, group, type, target, points and mandatory flag.
	// Wording, guidance, order and the evidence flag are the service's to guard (test fixtures
	// adjust the evidence flag of the sample set).
	`CREATE FUNCTION refuse_published_criterion_change() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF EXISTS (SELECT 1 FROM criteria_sets WHERE id = OLD.criteria_set_id AND status = 'published')
			AND (TG_OP = 'DELETE' OR (NEW.criteria_set_id, NEW.group_id, NEW.code, NEW.type,
				NEW.comparator, NEW.target_number, NEW.target_rating, NEW.points, NEW.mandatory)
				IS DISTINCT FROM (OLD.criteria_set_id, OLD.group_id, OLD.code, OLD.type,
				OLD.comparator, OLD.target_number, OLD.target_rating, OLD.points, OLD.mandatory))
		THEN
			RAISE EXCEPTION 'criteria set % is published: its criteria cannot change',
				OLD.criteria_set_id USING ERRCODE = 'check_violation';
		END IF;
		IF TG_OP = 'DELETE' THEN
			RETURN OLD;
		END IF;
		RETURN NEW;
	END
	$$`,
	`CREATE TRIGGER criteria_published_guard BEFORE UPDATE OR DELETE ON criteria
		FOR EACH ROW EXECUTE FUNCTION refuse_published_criterion_change()`,
	`CREATE FUNCTION refuse_published_group_change() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF EXISTS (SELECT 1 FROM criteria_sets WHERE id = OLD.criteria_set_id AND status = 'published')
			AND (TG_OP = 'DELETE' OR (NEW.criteria_set_id, NEW.code)
				IS DISTINCT FROM (OLD.criteria_set_id, OLD.code))
		THEN
			RAISE EXCEPTION 'criteria set % is published: its groups cannot change',
				OLD.criteria_set_id USING ERRCODE = 'check_violation';
		END IF;
		IF TG_OP = 'DELETE' THEN
			RETURN OLD;
		END IF;
		RETURN NEW;
	END
	$$`,
	`CREATE TRIGGER criteria_groups_published_guard BEFORE UPDATE OR DELETE ON criteria_groups
		FOR EACH ROW EXECUTE FUNCTION refuse_published_group_change()`,
	// A published set stays published, with its version, campaign and publication.
	`CREATE FUNCTION refuse_published_set_change() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF OLD.status = 'published' AND (NEW.status, NEW.version, NEW.campaign_id, NEW.published_at,
			NEW.published_by, NEW.revision) IS DISTINCT FROM (OLD.status, OLD.version, OLD.campaign_id,
			OLD.published_at, OLD.published_by, OLD.revision)
		THEN
			RAISE EXCEPTION 'criteria set % is published and cannot change', OLD.id
				USING ERRCODE = 'check_violation';
		END IF;
		RETURN NEW;
	END
	$$`,
	`CREATE TRIGGER criteria_sets_published_guard BEFORE UPDATE ON criteria_sets
		FOR EACH ROW EXECUTE FUNCTION refuse_published_set_change()`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const statement of [
		'DROP TRIGGER criteria_sets_published_guard ON criteria_sets',
		'DROP TRIGGER criteria_published_guard ON criteria',
		'DROP TRIGGER criteria_groups_published_guard ON criteria_groups',
		'DROP FUNCTION refuse_published_set_change()',
		'DROP FUNCTION refuse_published_group_change()',
		'DROP FUNCTION refuse_published_criterion_change()',
		'ALTER TABLE criteria_sets DROP COLUMN revision'
	]) {
		await sql.raw(statement).execute(db);
	}
}
