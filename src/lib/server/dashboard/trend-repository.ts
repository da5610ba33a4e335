// A campaign's trend: each period's units in force at its end, and how many of them were
// recognised, awaiting recognition, or had sent their assessment.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { countedUnits, periodsEnding, rootHeld, type FiguresQuery } from './repository';

export interface TrendFigures {
	label: string;
	endsOn: string;
	status: string;
	/** The units in force at the period's end: each period's own denominator. */
	units: number;
	recognised: number;
	awaiting: number;
	/** Units with an assessment submitted, verified or approved: how far the period's work went. */
	sent: number;
}

/**
 * One row per period of the campaign, oldest first: each counts the units in force at its own
 * end (the structure of that day) and the recognitions of those units in force then. The whole
 * subtree reads the kept sums of the root's path; an area adds up the kept rows of its units.
 */
export async function loadTrend(
	db: Kysely<Database>,
	query: Pick<FiguresQuery, 'campaignId' | 'kinds' | 'root' | 'areaId'>
): Promise<TrendFigures[]> {
	const { campaignId, kinds, root } = query;
	// Per period: `n` units of a status, `recognised` and `awaiting` of them.
	const figures = query.areaId
		? sql`SELECT c.period_id, 1 AS n, c.recognised::int AS recognised,
				c.awaiting::int AS awaiting, coalesce(c.status, '') AS status
			FROM counted c`
		: sql`SELECT s.period_id, s.units AS n, s.recognised, s.awaiting, s.status
			FROM period p JOIN kept_path_figures s ON s.period_id = p.id AND s.path = ${root.path}
			WHERE s.kind = ANY (${kinds}) AND ${rootHeld(root)}`;
	const { rows } = await sql<TrendFigures>`
		WITH RECURSIVE period AS (${periodsEnding(campaignId)}),
		${countedUnits(query)},
		figures AS (${figures})
		SELECT
			t.label,
			to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn",
			t.status,
			coalesce(sum(f.n), 0)::int AS units,
			coalesce(sum(f.recognised), 0)::int AS recognised,
			coalesce(sum(f.awaiting), 0)::int AS awaiting,
			coalesce(sum(f.n) FILTER (WHERE f.status IN ('submitted', 'verified', 'approved')), 0)::int
				AS sent
		FROM period t
		LEFT JOIN figures f ON f.period_id = t.id
		GROUP BY t.id, t.label, t.ends_on, t.status, t.starts_on
		ORDER BY t.starts_on, t.ends_on
	`.execute(db);
	return rows;
}
