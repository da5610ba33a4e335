// The criteria met least often in a period, over the assessments a data level counts, from the
// codes each assessment stores as not met.
import { sql, type Kysely } from 'kysely';
import { statusesOf } from '../../domain/data-level';
import type { CriterionRate } from '../../types/dashboard';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import type { FiguresQuery } from './groups';

/** Every criterion of the period's set with its met count, lowest met rate first. */
export async function loadCriterionRates(
	db: Kysely<Database>,
	{ campaignId, periodId, root, level }: FiguresQuery
): Promise<CriterionRate[]> {
	const { rows } = await sql<CriterionRate>`
		WITH period AS (
			SELECT id, criteria_set_id FROM periods WHERE id = ${periodId} AND campaign_id = ${campaignId}
		),
		counted AS (
			SELECT a.unmet_codes
			FROM assessments a
			JOIN period p ON p.id = a.period_id AND p.criteria_set_id = a.criteria_set_id
			JOIN units u ON u.id = a.unit_id
			WHERE a.campaign_id = ${campaignId} AND a.status = ANY (${statusesOf(level)})
				AND u.path LIKE ${subtreePattern(root.path)}
		),
		total AS (SELECT count(*) AS n FROM counted),
		-- Each assessment stores the codes it misses: a few per row, not a row per criterion.
		misses AS (
			SELECT code, count(*) AS n FROM counted, unnest(unmet_codes) AS code GROUP BY code
		)
		SELECT c.code, c.title_vi, c.title_en, c.mandatory,
			t.n::int AS assessed,
			(t.n - coalesce(m.n, 0))::int AS met
		FROM period p
		JOIN criteria c ON c.criteria_set_id = p.criteria_set_id
		JOIN criteria_groups g ON g.id = c.group_id
		CROSS JOIN total t
		LEFT JOIN misses m ON m.code = c.code
		ORDER BY (t.n - coalesce(m.n, 0))::float8 / greatest(t.n, 1), g.position, c.position
	`.execute(db);
	return rows;
}
