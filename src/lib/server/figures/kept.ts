// The kept figures (migration 2026_12_02_001400_kept_figures): triggers keep them in the same
// transactions as the writes; these hold them against the raw tables, and rebuild them after a
// restore (which loads rows with triggers off).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<Database> | Kysely<any>;

/** One kept row that is not what the raw tables give: absent, extra, or with other values. */
export interface KeptDifference {
	/** `kept_unit_figures` (per period and unit) or `kept_path_figures` (sums per path). */
	table: 'kept_unit_figures' | 'kept_path_figures';
	/** The row's key: `period 16 unit 204` or `period 16 /VN/01/ commune approved`. */
	key: string;
	/** The kept row, null when missing. */
	kept: Record<string, unknown> | null;
	/** The row computed afresh, null when the kept one should not exist. */
	fresh: Record<string, unknown> | null;
}

/**
 * Every difference between the kept figures and the figures computed afresh from the raw tables
 * (`kept_unit_figures_fresh`, `kept_path_figures_fresh`), first the units' rows, then the sums.
 * Sums of nothing (all zero) count as absent: a path whose units all left keeps a row of zeros.
 */
export async function compareKeptFigures(db: Db, limit = 1000): Promise<KeptDifference[]> {
	const units = await sql<KeptDifference>`
		SELECT 'kept_unit_figures' AS "table",
			'period ' || coalesce(k.period_id, f.period_id) || ' unit ' || coalesce(k.unit_id, f.unit_id)
				AS key,
			CASE WHEN k.period_id IS NULL THEN NULL ELSE to_jsonb(k) END AS kept,
			CASE WHEN f.period_id IS NULL THEN NULL ELSE to_jsonb(f) END AS fresh
		FROM kept_unit_figures k
		FULL JOIN kept_unit_figures_fresh f ON f.period_id = k.period_id AND f.unit_id = k.unit_id
		WHERE k.period_id IS NULL OR f.period_id IS NULL OR to_jsonb(k) <> to_jsonb(f)
		ORDER BY coalesce(k.period_id, f.period_id), coalesce(k.unit_id, f.unit_id)
		LIMIT ${limit}
	`.execute(db);
	const paths = await sql<KeptDifference>`
		WITH kept AS (
			SELECT * FROM kept_path_figures
			WHERE units <> 0 OR recognised <> 0 OR awaiting <> 0 OR score_sum <> 0
		)
		SELECT 'kept_path_figures' AS "table",
			concat_ws(' ', 'period', coalesce(k.period_id, f.period_id), coalesce(k.path, f.path),
				coalesce(k.kind, f.kind), coalesce(nullif(coalesce(k.status, f.status), ''), 'none'))
				AS key,
			CASE WHEN k.period_id IS NULL THEN NULL ELSE to_jsonb(k) END AS kept,
			CASE WHEN f.period_id IS NULL THEN NULL ELSE to_jsonb(f) END AS fresh
		FROM kept k
		FULL JOIN kept_path_figures_fresh f ON f.period_id = k.period_id AND f.path = k.path
			AND f.kind = k.kind AND f.status = k.status
		WHERE k.period_id IS NULL OR f.period_id IS NULL
			OR (k.units, k.recognised, k.awaiting, k.score_sum)
				IS DISTINCT FROM (f.units, f.recognised, f.awaiting, f.score_sum)
		ORDER BY 2
		LIMIT ${limit}
	`.execute(db);
	return [...units.rows, ...paths.rows];
}

/** One line per difference, for the check command and for a failing test. */
export function describeDifference({ table, key, kept, fresh }: KeptDifference): string {
	if (!kept) return `${table} ${key}: missing, should be ${JSON.stringify(fresh)}`;
	if (!fresh) return `${table} ${key}: should not exist, is ${JSON.stringify(kept)}`;
	const changed = Object.keys(fresh).filter(
		(name) => JSON.stringify(kept[name]) !== JSON.stringify(fresh[name])
	);
	return `${table} ${key}: ${changed
		.map(
			(name) => `${name} ${JSON.stringify(kept[name])}, should be ${JSON.stringify(fresh[name])}`
		)
		.join('; ')}`;
}

/** Computes every kept figure again from the raw tables: after a restore. */
export async function rebuildKeptFigures(db: Db): Promise<void> {
	await sql`SELECT kept_rebuild()`.execute(db);
}
