// Figures per child of a unit (the province's districts, a district's communes), aggregated in SQL
// over the stored scores.
import { sql, type Kysely } from 'kysely';
import { statusesOf, type DataLevel } from '../../domain/data-level';
import type { GroupFigures } from '../../types/dashboard';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import { existedIn } from './existence';

export interface FiguresQuery {
	campaignId: number;
	/** The unit kinds the campaign applies to: a parameter, so the planner can estimate the rows. */
	kinds: string[];
	periodId: number;
	/** The unit whose children are the rows (the province for the province dashboard). */
	root: { id: number; path: string };
	level: DataLevel;
}

/**
 * One row per child of the root unit, plus the total (code null), over the units the campaign
 * applies to in each child's subtree that existed at the end of the period:
 * - recognised: a recognition in force at the end of the period (official whatever the level);
 * - awaiting: eligible, submitted or verified in the period, and not yet recognised.
 */
export async function loadGroupFigures(
	db: Kysely<Database>,
	{ campaignId, kinds, periodId, root, level }: FiguresQuery
): Promise<GroupFigures[]> {
	// '/40/412/16672/'.split('/') is ['', '40', '412', …]: the root's child sits one segment on.
	const childSegment = root.path.split('/').length;
	const counted = statusesOf(level);
	const { rows } = await sql<GroupFigures>`
		WITH period AS (
			SELECT id, ends_on, (ends_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS ends_at
			FROM periods WHERE id = ${periodId} AND campaign_id = ${campaignId}
		),
		groups AS (
			-- Units count while they existed: a unit retired later still counts in earlier periods.
			SELECT u.id, u.code, u.name FROM units u, period p
			WHERE u.parent_id = ${root.id} AND ${existedIn('u', 'p')}
		),
		-- Each unit of the subtree counts under the child of the root its path passes through.
		members AS (
			SELECT g.id AS group_id, u.id AS unit_id
			FROM units u
			JOIN groups g ON g.code = split_part(u.path, '/', ${childSegment})
			CROSS JOIN period p
			WHERE u.path LIKE ${subtreePattern(root.path)}
				AND ${existedIn('u', 'p')}
				AND u.kind = ANY (${kinds})
		),
		standing AS (
			SELECT DISTINCT r.unit_id
			FROM recognitions r, period p
			WHERE r.campaign_id = ${campaignId}
				AND r.decision_date <= p.ends_on
				AND (r.revoked_at IS NULL OR r.revoked_at >= p.ends_at)
		)
		SELECT
			g.code,
			g.name,
			count(m.unit_id)::int AS units,
			count(s.unit_id)::int AS recognised,
			(count(*) FILTER (WHERE a.eligible AND a.status IN ('submitted', 'verified')
				AND s.unit_id IS NULL))::int AS awaiting,
			(count(*) FILTER (WHERE a.status = ANY (${counted})))::int AS assessed,
			round(avg(a.score) FILTER (WHERE a.status = ANY (${counted})), 1)::float8 AS "averageScore",
			(count(m.unit_id) FILTER (WHERE a.id IS NULL))::int AS "notStarted",
			(count(*) FILTER (WHERE a.status = 'draft'))::int AS draft,
			(count(*) FILTER (WHERE a.status = 'submitted'))::int AS submitted,
			(count(*) FILTER (WHERE a.status = 'verified'))::int AS verified,
			(count(*) FILTER (WHERE a.status = 'approved'))::int AS approved
		FROM groups g
		LEFT JOIN members m ON m.group_id = g.id
		LEFT JOIN standing s ON s.unit_id = m.unit_id
		LEFT JOIN assessments a
			ON a.campaign_id = ${campaignId} AND a.period_id = ${periodId} AND a.unit_id = m.unit_id
		GROUP BY GROUPING SETS ((g.id, g.code, g.name), ())
		ORDER BY g.code IS NULL, length(g.code), g.code
	`.execute(db);
	return rows;
}
