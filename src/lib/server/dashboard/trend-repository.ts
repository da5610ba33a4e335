// A campaign's trend: each period's units in force at its end, and how many of them were
// recognised, awaiting recognition, or had sent their assessment.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
	awaitingRecognition,
	countedUnits,
	inForceAt,
	periodsEnding,
	type FiguresQuery
} from './repository';

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
 * end (the structure of that day) and the recognitions of those units in force then.
 */
export async function loadTrend(
	db: Kysely<Database>,
	query: Pick<FiguresQuery, 'campaignId' | 'kinds' | 'root' | 'areaId'>
): Promise<TrendFigures[]> {
	const { campaignId } = query;
	const { rows } = await sql<TrendFigures>`
		WITH RECURSIVE period AS (${periodsEnding(campaignId)}),
		${countedUnits(query)},
		granted AS (
			SELECT c.period_id, count(DISTINCT c.id) AS n
			FROM counted c
			JOIN period t ON t.id = c.period_id
			JOIN recognitions g ON g.unit_id = c.id AND g.campaign_id = ${campaignId}
			WHERE ${inForceAt('g', 't')}
			GROUP BY c.period_id
		),
		eligible AS (
			SELECT c.period_id, count(DISTINCT c.id) AS n
			FROM counted c
			JOIN period t ON t.id = c.period_id
			JOIN assessments a ON a.unit_id = c.id AND a.period_id = c.period_id
				AND a.campaign_id = ${campaignId}
			WHERE ${awaitingRecognition('t')} AND NOT EXISTS (
				SELECT 1 FROM recognitions g
				WHERE g.unit_id = c.id AND g.campaign_id = ${campaignId} AND ${inForceAt('g', 't')})
			GROUP BY c.period_id
		),
		sent AS (
			SELECT c.period_id, count(DISTINCT c.id) AS n
			FROM counted c
			JOIN assessments a ON a.unit_id = c.id AND a.period_id = c.period_id
				AND a.campaign_id = ${campaignId}
			WHERE a.status IN ('submitted', 'verified', 'approved')
			GROUP BY c.period_id
		),
		sizes AS (SELECT period_id, count(*) AS n FROM counted GROUP BY period_id)
		SELECT
			t.label,
			to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn",
			t.status,
			coalesce(z.n, 0)::int AS units,
			coalesce(r.n, 0)::int AS recognised,
			coalesce(e.n, 0)::int AS awaiting,
			coalesce(s.n, 0)::int AS sent
		FROM period t
		LEFT JOIN sizes z ON z.period_id = t.id
		LEFT JOIN granted r ON r.period_id = t.id
		LEFT JOIN eligible e ON e.period_id = t.id
		LEFT JOIN sent s ON s.period_id = t.id
		ORDER BY t.starts_on, t.ends_on
	`.execute(db);
	return rows;
}
