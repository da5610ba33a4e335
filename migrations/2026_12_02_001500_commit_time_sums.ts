import { sql, type Kysely } from 'kysely';

// Both the data versions (…001300) and the kept sums (…001400) are rows many transactions update:
// the province's sums change with every save in the province. Held from the write to the commit,
// their locks queued writers behind each other and could close a cycle with the rows a transaction
// locked later (two approvals, each with its recognition, could deadlock). Now both are touched
// only when a transaction commits, after every other lock it takes, and one at a time:
// - `kept_refresh` still rewrites the (period, unit) rows at once, but puts the differences to the
//   sums in `kept_path_pending`; a deferred trigger adds them to `kept_path_figures` at commit, in
//   key order, and removes them;
// - that trigger and the data versions' bump first take one transaction-level advisory lock, so a
//   transaction's commit-time updates never wait on another's half done (commits that change
//   figures or versions pass that point one at a time: a few milliseconds each);
// - a campaign's change also moves the map's version: every dashboard lists the campaigns.
// Frozen in time: never import from src/. Portable between PostgreSQL 15 and PGlite (17).

const columns = `code, name, path, kind, holds_code, recognised, awaiting, status, score, met_count,
	criteria_count, mandatory_met, eligible, updated_at, criteria_set_id, unmet_codes`;

/** The lock every commit takes before it touches the shared sums or versions. */
const COMMIT_LOCK = 746_150_001;

const statements = [
	`CREATE TABLE kept_path_pending (
		txid bigint NOT NULL DEFAULT txid_current(),
		period_id integer NOT NULL,
		path text NOT NULL,
		kind text NOT NULL,
		status text NOT NULL,
		units integer NOT NULL,
		recognised integer NOT NULL,
		awaiting integer NOT NULL,
		score_sum numeric NOT NULL
	)`,
	`CREATE INDEX kept_path_pending_txid_idx ON kept_path_pending (txid)`,
	`CREATE OR REPLACE FUNCTION kept_refresh(period_ids integer[], unit_ids integer[]) RETURNS void
		LANGUAGE plpgsql AS $$
	BEGIN
		IF coalesce(cardinality(period_ids), 0) = 0 THEN RETURN; END IF;
		PERFORM 1 FROM kept_unit_figures k
			JOIN unnest(period_ids, unit_ids) AS s(period_id, unit_id)
				ON k.period_id = s.period_id AND k.unit_id = s.unit_id
			ORDER BY k.period_id, k.unit_id FOR UPDATE OF k;
		-- Raised before the rows go in: an immediate constraint fires at the end of the INSERT.
		PERFORM set_config('kieumau.kept_pending', 'yes', true);
		WITH scope AS (
			SELECT DISTINCT period_id, unit_id FROM unnest(period_ids, unit_ids) AS s(period_id, unit_id)
		),
		fresh AS MATERIALIZED (
			SELECT f.* FROM scope s JOIN kept_unit_figures_fresh f
				ON f.period_id = s.period_id AND f.unit_id = s.unit_id
		),
		old AS MATERIALIZED (
			SELECT k.* FROM scope s JOIN kept_unit_figures k
				ON k.period_id = s.period_id AND k.unit_id = s.unit_id
		),
		gone AS (
			DELETE FROM kept_unit_figures k USING old o
			WHERE k.period_id = o.period_id AND k.unit_id = o.unit_id
				AND NOT EXISTS (SELECT 1 FROM fresh f
					WHERE f.period_id = o.period_id AND f.unit_id = o.unit_id)
		),
		put AS (
			INSERT INTO kept_unit_figures AS k (period_id, unit_id, campaign_id, ${columns})
			SELECT period_id, unit_id, campaign_id, ${columns} FROM fresh
			ON CONFLICT (period_id, unit_id) DO UPDATE SET (campaign_id, ${columns}) =
				ROW(excluded.campaign_id, ${columns.replace(/(\w+)/g, 'excluded.$1')})
			WHERE k IS DISTINCT FROM excluded
		),
		signed AS (
			SELECT 1 AS sign, period_id, path, kind, status, recognised, awaiting, score FROM fresh
			UNION ALL
			SELECT -1, period_id, path, kind, status, recognised, awaiting, score FROM old
		),
		delta AS (
			SELECT x.period_id, pre.path, x.kind, coalesce(x.status, '') AS status,
				sum(x.sign)::int AS units,
				sum(x.sign * x.recognised::int)::int AS recognised,
				sum(x.sign * x.awaiting::int)::int AS awaiting,
				sum(x.sign * coalesce(x.score, 0)) AS score_sum
			FROM signed x CROSS JOIN LATERAL kept_prefixes(x.path) AS pre(path)
			GROUP BY 1, 2, 3, 4
			HAVING sum(x.sign) <> 0 OR sum(x.sign * x.recognised::int) <> 0
				OR sum(x.sign * x.awaiting::int) <> 0 OR sum(x.sign * coalesce(x.score, 0)) <> 0
		)
		INSERT INTO kept_path_pending
			(period_id, path, kind, status, units, recognised, awaiting, score_sum)
		SELECT * FROM delta;
	END
	$$`,
	// Fires for each pending row: the first firing of a commit applies them all, the others see
	// the flag `kept_refresh` raised is down (set again if rows come later in the transaction).
	`CREATE FUNCTION kept_apply_pending() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF current_setting('kieumau.kept_pending', true) IS DISTINCT FROM 'yes' THEN
			RETURN NULL;
		END IF;
		PERFORM set_config('kieumau.kept_pending', 'no', true);
		PERFORM pg_advisory_xact_lock(${COMMIT_LOCK});
		WITH gone AS (
			DELETE FROM kept_path_pending WHERE txid = txid_current() RETURNING *
		),
		delta AS (
			SELECT period_id, path, kind, status, sum(units)::int AS units,
				sum(recognised)::int AS recognised, sum(awaiting)::int AS awaiting,
				sum(score_sum) AS score_sum
			FROM gone GROUP BY 1, 2, 3, 4
		)
		INSERT INTO kept_path_figures AS t
			(period_id, path, kind, status, units, recognised, awaiting, score_sum)
		SELECT * FROM delta ORDER BY period_id, path, kind, status
		ON CONFLICT (period_id, path, kind, status) DO UPDATE SET
			units = t.units + excluded.units,
			recognised = t.recognised + excluded.recognised,
			awaiting = t.awaiting + excluded.awaiting,
			score_sum = t.score_sum + excluded.score_sum;
		RETURN NULL;
	END
	$$`,
	`CREATE CONSTRAINT TRIGGER kept_path_pending_apply AFTER INSERT ON kept_path_pending
		DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kept_apply_pending()`,
	// Every dashboard lists the campaigns (the switcher, a unit's other campaigns): a campaign's
	// change moves the map's version too, which every campaign's figures and pages read.
	`CREATE OR REPLACE FUNCTION campaigns_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF TG_OP <> 'DELETE' THEN PERFORM bump_campaign_version('campaigns', 'id', NEW.id); END IF;
		IF TG_OP <> 'INSERT' THEN PERFORM bump_campaign_version('campaigns', 'id', OLD.id); END IF;
		PERFORM bump_data_version('map');
		RETURN NULL;
	END
	$$`,
	`CREATE OR REPLACE FUNCTION bump_data_version(target text) RETURNS void LANGUAGE plpgsql AS $$
	DECLARE
		done text := coalesce(current_setting('kieumau.bumped', true), '');
	BEGIN
		IF position('|' || target || '|' IN done) > 0 THEN RETURN; END IF;
		PERFORM pg_advisory_xact_lock(${COMMIT_LOCK});
		PERFORM set_config('kieumau.bumped', done || '|' || target || '|', true);
		INSERT INTO data_versions AS d (scope, version)
			VALUES (target, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
		ON CONFLICT (scope) DO UPDATE SET version = greatest(d.version + 1, EXCLUDED.version);
	END
	$$`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const statement of [
		`CREATE OR REPLACE FUNCTION bump_data_version(target text) RETURNS void LANGUAGE plpgsql AS $$
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
		`CREATE OR REPLACE FUNCTION kept_refresh(period_ids integer[], unit_ids integer[]) RETURNS void
		LANGUAGE plpgsql AS $$
	BEGIN
		IF coalesce(cardinality(period_ids), 0) = 0 THEN RETURN; END IF;
		PERFORM 1 FROM kept_unit_figures k
			JOIN unnest(period_ids, unit_ids) AS s(period_id, unit_id)
				ON k.period_id = s.period_id AND k.unit_id = s.unit_id
			ORDER BY k.period_id, k.unit_id FOR UPDATE OF k;
		WITH scope AS (
			SELECT DISTINCT period_id, unit_id FROM unnest(period_ids, unit_ids) AS s(period_id, unit_id)
		),
		fresh AS MATERIALIZED (
			SELECT f.* FROM scope s JOIN kept_unit_figures_fresh f
				ON f.period_id = s.period_id AND f.unit_id = s.unit_id
		),
		old AS MATERIALIZED (
			SELECT k.* FROM scope s JOIN kept_unit_figures k
				ON k.period_id = s.period_id AND k.unit_id = s.unit_id
		),
		gone AS (
			DELETE FROM kept_unit_figures k USING old o
			WHERE k.period_id = o.period_id AND k.unit_id = o.unit_id
				AND NOT EXISTS (SELECT 1 FROM fresh f
					WHERE f.period_id = o.period_id AND f.unit_id = o.unit_id)
		),
		put AS (
			INSERT INTO kept_unit_figures AS k (period_id, unit_id, campaign_id, ${columns})
			SELECT period_id, unit_id, campaign_id, ${columns} FROM fresh
			ON CONFLICT (period_id, unit_id) DO UPDATE SET (campaign_id, ${columns}) =
				ROW(excluded.campaign_id, ${columns.replace(/(\w+)/g, 'excluded.$1')})
			WHERE k IS DISTINCT FROM excluded
		),
		signed AS (
			SELECT 1 AS sign, period_id, path, kind, status, recognised, awaiting, score FROM fresh
			UNION ALL
			SELECT -1, period_id, path, kind, status, recognised, awaiting, score FROM old
		),
		delta AS (
			SELECT x.period_id, pre.path, x.kind, coalesce(x.status, '') AS status,
				sum(x.sign)::int AS units,
				sum(x.sign * x.recognised::int)::int AS recognised,
				sum(x.sign * x.awaiting::int)::int AS awaiting,
				sum(x.sign * coalesce(x.score, 0)) AS score_sum
			FROM signed x CROSS JOIN LATERAL kept_prefixes(x.path) AS pre(path)
			GROUP BY 1, 2, 3, 4
			HAVING sum(x.sign) <> 0 OR sum(x.sign * x.recognised::int) <> 0
				OR sum(x.sign * x.awaiting::int) <> 0 OR sum(x.sign * coalesce(x.score, 0)) <> 0
		)
		INSERT INTO kept_path_figures AS t
			(period_id, path, kind, status, units, recognised, awaiting, score_sum)
		SELECT * FROM delta ORDER BY period_id, path, kind, status
		ON CONFLICT (period_id, path, kind, status) DO UPDATE SET
			units = t.units + excluded.units,
			recognised = t.recognised + excluded.recognised,
			awaiting = t.awaiting + excluded.awaiting,
			score_sum = t.score_sum + excluded.score_sum;
	END
	$$`,
		`CREATE OR REPLACE FUNCTION campaigns_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF TG_OP <> 'DELETE' THEN PERFORM bump_campaign_version('campaigns', 'id', NEW.id); END IF;
			IF TG_OP <> 'INSERT' THEN PERFORM bump_campaign_version('campaigns', 'id', OLD.id); END IF;
			RETURN NULL;
		END
		$$`,
		`DROP TRIGGER kept_path_pending_apply ON kept_path_pending`,
		`DROP FUNCTION kept_apply_pending()`,
		`DROP TABLE kept_path_pending`
	]) {
		await sql.raw(statement).execute(db);
	}
}
