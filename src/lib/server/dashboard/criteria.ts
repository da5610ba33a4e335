// The criteria met least often in a period, over the assessments a data level counts.
import { sql, type Kysely } from 'kysely';
import { statusesOf } from '../../domain/data-level';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import type { FiguresQuery } from './groups';

export interface CriterionRate {
	code: string;
	title_vi: string;
	title_en: string;
	mandatory: boolean;
	assessed: number;
	met: number;
}

/** Every criterion of the period's set with its met count, lowest met rate first. */
export async function loadCriterionRates(
	db: Kysely<Database>,
	{ campaignId, periodId, root, level }: FiguresQuery
): Promise<CriterionRate[]> {
	const { rows } = await sql<CriterionRate>`
		WITH counted AS (
			SELECT a.id, a.criteria_set_id
			FROM assessments a JOIN units u ON u.id = a.unit_id
			WHERE a.campaign_id = ${campaignId} AND a.period_id = ${periodId}
				AND a.status = ANY (${statusesOf(level)})
				AND u.path LIKE ${subtreePattern(root.path)}
		)
		SELECT c.code, c.title_vi, c.title_en, c.mandatory,
			count(a.id)::int AS assessed,
			(count(*) FILTER (WHERE r.met))::int AS met
		FROM periods p
		JOIN criteria c ON c.criteria_set_id = p.criteria_set_id
		JOIN criteria_groups g ON g.id = c.group_id
		LEFT JOIN counted a ON a.criteria_set_id = c.criteria_set_id
		LEFT JOIN criterion_results r ON r.assessment_id = a.id AND r.criterion_id = c.id
		WHERE p.id = ${periodId}
		GROUP BY c.id, c.code, c.title_vi, c.title_en, c.mandatory, g.position, c.position
		ORDER BY count(*) FILTER (WHERE r.met)::float8 / greatest(count(a.id), 1), g.position, c.position
	`.execute(db);
	return rows;
}
