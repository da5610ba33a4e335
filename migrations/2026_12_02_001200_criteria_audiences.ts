import { sql, type Kysely } from 'kysely';

// A criteria set per audience (src/lib/domain/audiences.ts): communes, wards and townships ('area'),
// agencies, enterprises and schools are judged by different criteria within one campaign.
// - A set is written for one audience; versions count per campaign and audience, one draft each.
// - `period_criteria_sets` names the set each audience of a period is scored against. A period's own
//   `criteria_set_id` stays its first audience's set (the one every period has); a trigger copies it
//   into `period_criteria_sets`, so that table alone is read.
// - Roadmap targets may be set per block ('area', 'institution'); a null block is the campaign's.
// Portable between PostgreSQL 15 (server) and PGlite (PostgreSQL 17): plain SQL, no extensions.

const statements = [
	`ALTER TABLE criteria_sets ADD COLUMN audience text NOT NULL DEFAULT 'area'
		CHECK (audience IN ('area', 'agency', 'enterprise', 'school'))`,
	`ALTER TABLE criteria_sets DROP CONSTRAINT criteria_sets_campaign_id_version_key`,
	`ALTER TABLE criteria_sets ADD CONSTRAINT criteria_sets_audience_version_key
		UNIQUE (campaign_id, audience, version)`,
	`ALTER TABLE criteria_sets ADD CONSTRAINT criteria_sets_id_audience_key
		UNIQUE (id, campaign_id, audience)`,
	`DROP INDEX criteria_sets_one_draft_idx`,
	`CREATE UNIQUE INDEX criteria_sets_one_draft_idx ON criteria_sets (campaign_id, audience)
		WHERE status = 'draft'`,
	// A published set keeps its audience too.
	`CREATE OR REPLACE FUNCTION refuse_published_set_change() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF OLD.status = 'published' AND (NEW.status, NEW.version, NEW.campaign_id, NEW.published_at,
			NEW.published_by, NEW.revision, NEW.audience) IS DISTINCT FROM (OLD.status, OLD.version,
			OLD.campaign_id, OLD.published_at, OLD.published_by, OLD.revision, OLD.audience)
		THEN
			RAISE EXCEPTION 'criteria set % is published and cannot change', OLD.id
				USING ERRCODE = 'check_violation';
		END IF;
		RETURN NEW;
	END
	$$`,

	`CREATE TABLE period_criteria_sets (
		period_id integer NOT NULL,
		campaign_id integer NOT NULL,
		audience text NOT NULL,
		criteria_set_id integer NOT NULL,
		PRIMARY KEY (period_id, audience),
		FOREIGN KEY (period_id, campaign_id) REFERENCES periods (id, campaign_id) ON DELETE CASCADE,
		FOREIGN KEY (criteria_set_id, campaign_id, audience)
			REFERENCES criteria_sets (id, campaign_id, audience)
	)`,
	`CREATE INDEX period_criteria_sets_set_idx ON period_criteria_sets (criteria_set_id)`,
	`INSERT INTO period_criteria_sets (period_id, campaign_id, audience, criteria_set_id)
		SELECT p.id, p.campaign_id, s.audience, s.id
		FROM periods p JOIN criteria_sets s ON s.id = p.criteria_set_id`,
	`CREATE FUNCTION keep_period_first_set() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		INSERT INTO period_criteria_sets (period_id, campaign_id, audience, criteria_set_id)
			SELECT NEW.id, NEW.campaign_id, s.audience, s.id
			FROM criteria_sets s WHERE s.id = NEW.criteria_set_id
		ON CONFLICT (period_id, audience) DO UPDATE SET criteria_set_id = EXCLUDED.criteria_set_id;
		RETURN NEW;
	END
	$$`,
	`CREATE TRIGGER periods_first_set AFTER INSERT OR UPDATE OF criteria_set_id ON periods
		FOR EACH ROW EXECUTE FUNCTION keep_period_first_set()`,

	`ALTER TABLE roadmap_targets ADD COLUMN block text CHECK (block IN ('area', 'institution'))`,
	`ALTER TABLE roadmap_targets DROP CONSTRAINT roadmap_targets_campaign_id_year_unit_id_key`,
	`ALTER TABLE roadmap_targets ADD CONSTRAINT roadmap_targets_campaign_year_unit_block_key
		UNIQUE NULLS NOT DISTINCT (campaign_id, year, unit_id, block)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const statement of [
		`DELETE FROM roadmap_targets WHERE block IS NOT NULL`,
		`ALTER TABLE roadmap_targets DROP CONSTRAINT roadmap_targets_campaign_year_unit_block_key`,
		`ALTER TABLE roadmap_targets DROP COLUMN block`,
		`ALTER TABLE roadmap_targets ADD CONSTRAINT roadmap_targets_campaign_id_year_unit_id_key
			UNIQUE NULLS NOT DISTINCT (campaign_id, year, unit_id)`,
		`DROP TRIGGER periods_first_set ON periods`,
		`DROP FUNCTION keep_period_first_set()`,
		`DROP TABLE period_criteria_sets`,
		`CREATE OR REPLACE FUNCTION refuse_published_set_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
		`DROP INDEX criteria_sets_one_draft_idx`,
		`CREATE UNIQUE INDEX criteria_sets_one_draft_idx ON criteria_sets (campaign_id)
			WHERE status = 'draft'`,
		`ALTER TABLE criteria_sets DROP CONSTRAINT criteria_sets_id_audience_key`,
		`ALTER TABLE criteria_sets DROP CONSTRAINT criteria_sets_audience_version_key`,
		`ALTER TABLE criteria_sets ADD CONSTRAINT criteria_sets_campaign_id_version_key
			UNIQUE (campaign_id, version)`,
		`ALTER TABLE criteria_sets DROP COLUMN audience`
	]) {
		await sql.raw(statement).execute(db);
	}
}
