import { sql, type Kysely } from 'kysely';

// Figures kept as the work happens, so a dashboard reads a handful of rows instead of aggregating
// the subtree over the raw tables on every request.
// - `kept_unit_figures`: per period, each unit of the campaign's kinds in force on its last day, as
//   it stood then (code, name, path, kind), whether a recognition was in force at the period's end,
//   whether the provisional level counts it as awaiting one, and its assessment of the period.
//   `kept_unit_figures_fresh` is the same computed from the raw tables: the definition.
// - `kept_path_figures`: per period, for every path of that day (each unit and each ancestor) and
//   each kind and assessment status ('' for none), the sums over the units under it.
// Statement triggers on every table a figure reads recompute the affected (period, unit) rows in the
// same transaction as the write and add the difference to the sums (`kept_refresh`). A restore
// loads rows with triggers off: it calls `kept_rebuild()` afterwards, as this migration does.
// Frozen in time: never import from src/. Portable between PostgreSQL 15 and PGlite (17).

const columns = `code, name, path, kind, holds_code, recognised, awaiting, status, score, met_count,
	criteria_count, mandatory_met, eligible, updated_at, criteria_set_id, unmet_codes`;

/** The sums over a relation of unit rows: per period, path (each unit's and its ancestors'), kind, status. */
const sumsOver = (source: string) => `
	SELECT f.period_id, pre.path, f.kind, coalesce(f.status, '') AS status, count(*)::int AS units,
		(count(*) FILTER (WHERE f.recognised))::int AS recognised,
		(count(*) FILTER (WHERE f.awaiting))::int AS awaiting,
		coalesce(sum(f.score), 0) AS score_sum
	FROM ${source} f CROSS JOIN LATERAL kept_prefixes(f.path) AS pre(path)
	GROUP BY 1, 2, 3, 4`;

type Event = 'INSERT' | 'UPDATE' | 'DELETE';

/** The advisory lock between the work and the structure (see `refreshOn`). */
const STRUCTURE_LOCK = 746_150_002;

/** An update's rows, old and new, of the rows where one of the columns changed. */
const changedOf = (key: string, changed: string[]) => {
	const differ = `(${changed.map((c) => `n.${c}`)}) IS DISTINCT FROM (${changed.map((c) => `o.${c}`)})`;
	return `(SELECT n.* FROM new_rows n JOIN old_rows o ON o.${key} = n.${key} WHERE ${differ}
		UNION ALL SELECT o.* FROM new_rows n JOIN old_rows o ON o.${key} = n.${key} WHERE ${differ})`;
};

/**
 * A trigger function on a table calling `kept_refresh` over the rows a statement wrote (`call`
 * of the relation of them), and one statement trigger per event, each naming its transition tables.
 * Before it reads anything, a statement that wrote rows takes the structure lock: shared for the
 * work (assessments, recognitions), exclusive for what decides which units a period counts
 * (periods, campaigns, units and their versions). Each side then sees the other's rows committed:
 * a period created while a unit moves counts the unit where it went, and the work of a unit being
 * reorganised waits for the reorganisation (no cycle of row locks between the two).
 */
function refreshOn(
	table: string,
	events: Event[],
	call: (rows: string) => string,
	updated = '(SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows)',
	lock: 'shared' | 'exclusive' = 'exclusive'
): string[] {
	const relation: Record<Event, string> = {
		INSERT: 'new_rows',
		DELETE: 'old_rows',
		UPDATE: updated
	};
	const take =
		lock === 'shared'
			? `pg_advisory_xact_lock_shared(${STRUCTURE_LOCK})`
			: `pg_advisory_xact_lock(${STRUCTURE_LOCK})`;
	const body = events
		.map(
			(event, i) => `${i === 0 ? 'IF' : 'ELSIF'} TG_OP = '${event}' THEN
				IF EXISTS (SELECT 1 FROM ${relation[event]} r) THEN
					PERFORM ${take};
					PERFORM ${call(relation[event])};
				END IF;`
		)
		.join('\n');
	const tables: Record<Event, string> = {
		INSERT: 'NEW TABLE AS new_rows',
		DELETE: 'OLD TABLE AS old_rows',
		UPDATE: 'OLD TABLE AS old_rows NEW TABLE AS new_rows'
	};
	return [
		`CREATE FUNCTION kept_on_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			${body}
			END IF;
			RETURN NULL;
		END
		$$`,
		...events.map(
			(event) => `CREATE TRIGGER ${table}_kept_${event.toLowerCase()} AFTER ${event} ON ${table}
				REFERENCING ${tables[event]} FOR EACH STATEMENT EXECUTE FUNCTION kept_on_${table}()`
		)
	];
}

const statements = [
	`CREATE TABLE kept_unit_figures (
		period_id integer NOT NULL,
		unit_id integer NOT NULL,
		campaign_id integer NOT NULL,
		code text NOT NULL,
		name text NOT NULL,
		path text NOT NULL,
		kind text NOT NULL,
		holds_code boolean NOT NULL,
		recognised boolean NOT NULL,
		awaiting boolean NOT NULL,
		status text,
		score numeric(5, 2),
		met_count integer,
		criteria_count integer,
		mandatory_met boolean,
		eligible boolean,
		updated_at timestamptz,
		criteria_set_id integer,
		unmet_codes text[],
		PRIMARY KEY (period_id, unit_id)
	) WITH (fillfactor = 80)`,
	`CREATE INDEX kept_unit_figures_path_idx ON kept_unit_figures (period_id, path text_pattern_ops)`,
	`CREATE INDEX kept_unit_figures_unit_idx ON kept_unit_figures (unit_id)`,

	`CREATE TABLE kept_path_figures (
		period_id integer NOT NULL,
		path text NOT NULL,
		kind text NOT NULL,
		status text NOT NULL,
		units integer NOT NULL,
		recognised integer NOT NULL,
		awaiting integer NOT NULL,
		score_sum numeric NOT NULL,
		PRIMARY KEY (period_id, path, kind, status)
	)`,

	// The paths a unit's figures add to: its own and each ancestor's ('/VN/01/' → '/VN/', '/VN/01/').
	`CREATE FUNCTION kept_prefixes(path text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
		SELECT left(path, i) FROM generate_series(2, length(path)) AS i WHERE substr(path, i, 1) = '/'
	$$`,

	// The definition, as the dashboards counted before: the structure in force on the period's last
	// day, a recognition decided by then and not revoked before its end (midnight after its last
	// day in Vietnam), and the provisional rule: eligible, not recognised then, and submitted,
	// verified, or approved under a standing decision dated after the period.
	`CREATE VIEW kept_unit_figures_fresh AS
		SELECT p.id AS period_id, v.unit_id, p.campaign_id, v.code, v.name, v.path, v.kind,
			u.status = 'active' AND u.code = v.code AS holds_code,
			s.recognised,
			(NOT s.recognised AND coalesce(a.eligible AND (a.status IN ('submitted', 'verified')
				OR (a.status = 'approved' AND EXISTS (SELECT 1 FROM recognitions x
					WHERE x.unit_id = a.unit_id AND x.campaign_id = a.campaign_id
						AND x.decision_date > p.ends_on AND x.revoked_at IS NULL))), false)) AS awaiting,
			a.status, a.score, a.met_count, a.criteria_count, a.mandatory_met, a.eligible, a.updated_at,
			a.criteria_set_id, a.unmet_codes
		FROM periods p
		JOIN campaigns c ON c.id = p.campaign_id
		JOIN unit_versions v ON v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
			AND v.kind = ANY (c.applies_to)
		JOIN units u ON u.id = v.unit_id
		LEFT JOIN assessments a
			ON a.campaign_id = p.campaign_id AND a.period_id = p.id AND a.unit_id = v.unit_id
		CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM recognitions r
			WHERE r.unit_id = v.unit_id AND r.campaign_id = p.campaign_id
				AND r.decision_date <= p.ends_on
				AND (r.revoked_at IS NULL
					OR r.revoked_at >= (p.ends_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
		) AS recognised) s`,

	// The sums as they follow from the fresh unit rows: what the check holds the kept sums against.
	`CREATE VIEW kept_path_figures_fresh AS ${sumsOver('kept_unit_figures_fresh')}`,

	// Recomputes the rows of the (period, unit) pairs and adds what changed to the sums, in one
	// statement so the sums' rows are locked once each, in key order (no deadlock between two
	// refreshes). The unit rows are locked first: a concurrent change of the same units commits
	// before the rows are read again below (a new snapshot per statement), so neither is lost.
	`CREATE FUNCTION kept_refresh(period_ids integer[], unit_ids integer[]) RETURNS void
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

	// Everything again from the raw tables: after a restore, which loads rows with triggers off.
	`CREATE FUNCTION kept_rebuild() RETURNS void LANGUAGE plpgsql AS $$
	BEGIN
		DELETE FROM kept_path_figures;
		DELETE FROM kept_unit_figures;
		INSERT INTO kept_unit_figures (period_id, unit_id, campaign_id, ${columns})
		SELECT period_id, unit_id, campaign_id, ${columns} FROM kept_unit_figures_fresh
		ORDER BY period_id, path;
		INSERT INTO kept_path_figures ${sumsOver('kept_unit_figures')};
	END
	$$`,

	// An assessment's row: its period and unit.
	...refreshOn(
		'assessments',
		['INSERT', 'UPDATE', 'DELETE'],
		(rows) => `kept_refresh(array_agg(period_id), array_agg(unit_id))
			FROM (SELECT DISTINCT period_id, unit_id FROM ${rows} r) x`,
		undefined,
		'shared'
	),
	// A recognition counts at the end of every period of its campaign, for its unit.
	...refreshOn(
		'recognitions',
		['INSERT', 'UPDATE', 'DELETE'],
		(rows) => `kept_refresh(array_agg(p.id), array_agg(x.unit_id))
			FROM (SELECT DISTINCT unit_id, campaign_id FROM ${rows} r) x
			JOIN periods p ON p.campaign_id = x.campaign_id`,
		undefined,
		'shared'
	),
	// A unit's versions: its place, name, kind and existence at the end of every period.
	...refreshOn(
		'unit_versions',
		['INSERT', 'UPDATE', 'DELETE'],
		(rows) => `kept_refresh(array_agg(p.id), array_agg(x.unit_id))
			FROM (SELECT DISTINCT unit_id FROM ${rows} r) x CROSS JOIN periods p`
	),
	// A period's units: those in force on its last day, and those it had. Its status is no figure.
	...refreshOn(
		'periods',
		['INSERT', 'UPDATE', 'DELETE'],
		(rows) => `kept_refresh(array_agg(s.period_id), array_agg(s.unit_id))
			FROM (SELECT p.id AS period_id, v.unit_id FROM ${rows} p
					JOIN unit_versions v ON v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
				UNION SELECT k.period_id, k.unit_id FROM ${rows} p
					JOIN kept_unit_figures k ON k.period_id = p.id) s`,
		changedOf('id', ['ends_on', 'campaign_id'])
	),
	// Whether a unit still holds its code today: the address of its past rows.
	...refreshOn(
		'units',
		['UPDATE'],
		(rows) => `kept_refresh(array_agg(p.id), array_agg(x.id))
			FROM (SELECT DISTINCT id FROM ${rows} r) x CROSS JOIN periods p`,
		changedOf('id', ['status', 'code'])
	),
	// A campaign's kinds: which units its periods count.
	...refreshOn(
		'campaigns',
		['UPDATE'],
		(rows) => `kept_refresh(array_agg(s.period_id), array_agg(s.unit_id))
			FROM (SELECT p.id AS period_id, v.unit_id FROM ${rows} c
					JOIN periods p ON p.campaign_id = c.id
					JOIN unit_versions v ON v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
				UNION SELECT k.period_id, k.unit_id FROM ${rows} c
					JOIN kept_unit_figures k ON k.campaign_id = c.id) s`,
		changedOf('id', ['applies_to'])
	),
	`SELECT kept_rebuild()`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'assessments',
		'recognitions',
		'unit_versions',
		'units',
		'periods',
		'campaigns'
	]) {
		for (const event of ['insert', 'update', 'delete']) {
			await sql.raw(`DROP TRIGGER IF EXISTS ${table}_kept_${event} ON ${table}`).execute(db);
		}
		await sql.raw(`DROP FUNCTION kept_on_${table}()`).execute(db);
	}
	for (const statement of [
		`DROP FUNCTION kept_rebuild()`,
		`DROP FUNCTION kept_refresh(integer[], integer[])`,
		`DROP VIEW kept_path_figures_fresh`,
		`DROP VIEW kept_unit_figures_fresh`,
		`DROP FUNCTION kept_prefixes(text)`,
		`DROP TABLE kept_path_figures`,
		`DROP TABLE kept_unit_figures`
	]) {
		await sql.raw(statement).execute(db);
	}
}
