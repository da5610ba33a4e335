import { sql, type Kysely } from 'kysely';

// A data version per scope, bumped when a transaction that changed what a page shows commits, so
// any number of app instances can reuse figures (and answer 304) until the next change:
// - 'map': the units, their versions and links, reorganisations, reporting areas (every campaign);
// - 'campaign:<id>': a campaign, its roadmap, criteria, periods, assessments, recognitions;
// - 'user:<id>': a user's own row and notifications (the name and bell on every page).
// The triggers are deferred: the version's row is locked only at commit, after every other lock
// the transaction takes, so the row never closes a cycle of waits. Each scope is
// bumped once per transaction. Versions follow the clock (microseconds, and always up by one at
// least), so a restored database never hands out a version an instance saw before the restore.
// Portable between PostgreSQL 15 (server) and PGlite (PostgreSQL 17): plain SQL, no extensions.

/** The tables, and how a row finds its scope: 'map', or the column naming its campaign or user. */
const WATCHED: [table: string, kind: 'map' | 'campaign' | 'user', column: string | null][] = [
	['units', 'map', null],
	['unit_versions', 'map', null],
	['unit_links', 'map', null],
	['reorganisations', 'map', null],
	['area_sets', 'map', null],
	['areas', 'map', null],
	['area_members', 'map', null],
	['campaigns', 'campaign', 'id'],
	['roadmap_targets', 'campaign', 'campaign_id'],
	['criteria_sets', 'campaign', 'campaign_id'],
	['periods', 'campaign', 'campaign_id'],
	['period_criteria_sets', 'campaign', 'campaign_id'],
	['assessments', 'campaign', 'campaign_id'],
	['recognitions', 'campaign', 'campaign_id'],
	['recognition_decisions', 'campaign', 'campaign_id'],
	['criteria_groups', 'campaign', 'criteria_set_id'],
	['criteria', 'campaign', 'criteria_set_id'],
	['period_extensions', 'campaign', 'period_id'],
	['criterion_results', 'campaign', 'assessment_id'],
	['review_comments', 'campaign', 'assessment_id'],
	['evidence_files', 'campaign', 'assessment_id'],
	['users', 'user', 'id'],
	['notifications', 'user', 'recipient_id']
];

/** What a changed row bumps, given the row (NEW or OLD). */
function bumpOf(kind: 'map' | 'campaign' | 'user', table: string, row: string) {
	if (kind === 'map') return `PERFORM bump_data_version('map');`;
	if (kind === 'user') return `PERFORM bump_data_version('user:' || ${row});`;
	return `PERFORM bump_campaign_version('${table}', '${row.split('.')[1]}', ${row});`;
}

/** A trigger function per table: plpgsql reads a row's columns by name only. */
function watch([table, kind, column]: (typeof WATCHED)[number]) {
	const [added, removed] = column
		? [bumpOf(kind, table, `NEW.${column}`), bumpOf(kind, table, `OLD.${column}`)]
		: [bumpOf(kind, table, ''), ''];
	return [
		`CREATE FUNCTION ${table}_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF TG_OP <> 'DELETE' THEN ${added} END IF;
			IF TG_OP <> 'INSERT' THEN ${removed || added} END IF;
			RETURN NULL;
		END
		$$`,
		`CREATE CONSTRAINT TRIGGER ${table}_data_version
			AFTER INSERT OR UPDATE OR DELETE ON ${table}
			DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${table}_data_version()`
	];
}

const statements = [
	`CREATE TABLE data_versions (
		scope text PRIMARY KEY,
		version bigint NOT NULL
	)`,
	`CREATE FUNCTION bump_data_version(target text) RETURNS void LANGUAGE plpgsql AS $$
	DECLARE
		done text := coalesce(current_setting('kieumau.bumped', true), '');
	BEGIN
		IF position('|' || target || '|' IN done) > 0 THEN RETURN; END IF;
		PERFORM set_config('kieumau.bumped', done || '|' || target || '|', true);
		INSERT INTO data_versions AS d (scope, version)
			VALUES (target, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
		ON CONFLICT (scope) DO UPDATE SET version = greatest(d.version + 1, EXCLUDED.version);
	END
	$$`,
	// The campaign of a row: its own column, or through the criteria set, period or assessment it
	// names. A row whose parent is gone (a cascade) bumps 'map', which every campaign reads. Rows
	// come in runs of one parent (an assessment's results): the last one looked up is remembered.
	`CREATE FUNCTION bump_campaign_version(source text, kind text, ref integer)
	RETURNS void LANGUAGE plpgsql AS $$
	DECLARE
		memo text := 'kieumau.last_' || source;
		campaign integer;
	BEGIN
		IF current_setting(memo, true) = ref::text THEN RETURN; END IF;
		PERFORM set_config(memo, ref::text, true);
		campaign := CASE kind
			WHEN 'criteria_set_id' THEN (SELECT campaign_id FROM criteria_sets WHERE id = ref)
			WHEN 'period_id' THEN (SELECT campaign_id FROM periods WHERE id = ref)
			WHEN 'assessment_id' THEN (SELECT campaign_id FROM assessments WHERE id = ref)
			ELSE ref
		END;
		PERFORM bump_data_version(coalesce('campaign:' || campaign, 'map'));
	END
	$$`,
	...WATCHED.flatMap(watch)
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const [table] of WATCHED) {
		await sql.raw(`DROP TRIGGER ${table}_data_version ON ${table}`).execute(db);
		await sql.raw(`DROP FUNCTION ${table}_data_version()`).execute(db);
	}
	for (const statement of [
		`DROP FUNCTION bump_campaign_version(text, text, integer)`,
		`DROP FUNCTION bump_data_version(text)`,
		`DROP TABLE data_versions`
	]) {
		await sql.raw(statement).execute(db);
	}
}
