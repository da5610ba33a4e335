// The units of a subtree in one period: their assessment, standing and the score a year earlier
// (the baseline of their pace), and their share of points per criteria group for the heat map.
import { sql, type Kysely } from 'kysely';
import { statusesOf } from '../../domain/data-level';
import type { UnitFigures } from '../../types/dashboard';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import {
	childSegment,
	countedIn,
	periodEnding,
	standingAtEnd,
	type FiguresQuery
} from './repository';

/**
 * Units of the campaign's kinds in the root's subtree that existed at the end of the period, in no
 * particular order (the caller sorts the few it shows). The
 * baseline is the period that ended a year before this one (the same quarter last year), else the
 * campaign's first period. `unrecognisedOnly` leaves out the recognised units (none is at risk).
 */
export async function loadUnitRows(
	db: Kysely<Database>,
	query: FiguresQuery,
	{ unrecognisedOnly = false } = {}
): Promise<UnitFigures[]> {
	const { campaignId, periodId, root, level } = query;
	const counted = statusesOf(level);
	const { rows } = await sql<UnitFigures>`
		WITH period AS (${periodEnding(campaignId, periodId)}),
		baseline AS (
			SELECT b.id, b.ends_on FROM periods b, period p
			WHERE b.campaign_id = ${campaignId} AND b.ends_on < p.ends_on
			ORDER BY b.ends_on <= (p.ends_on - interval '1 year')::date DESC, b.ends_on DESC
			LIMIT 1
		),
		members AS (
			SELECT u.id, u.code, u.name, split_part(u.path, '/', ${childSegment(root)}) AS group_code
			FROM units u
			CROSS JOIN period p
			WHERE ${countedIn(query)}
		),
		-- The two periods' assessments of the members, each read once.
		current AS MATERIALIZED (
			SELECT a.unit_id, a.status, a.score, a.met_count, a.criteria_count, a.mandatory_met,
				a.eligible, a.updated_at
			FROM assessments a JOIN members m ON m.id = a.unit_id
			WHERE a.campaign_id = ${campaignId} AND a.period_id = ${periodId}
		),
		earlier AS MATERIALIZED (
			SELECT a.unit_id, a.status, a.score
			FROM assessments a JOIN baseline b ON b.id = a.period_id JOIN members m ON m.id = a.unit_id
			WHERE a.campaign_id = ${campaignId}
		),
		standing AS (${standingAtEnd(campaignId)})
		SELECT
			m.code, m.name, m.group_code AS "groupCode",
			a.status,
			CASE WHEN a.status = ANY (${counted}) THEN a.score END AS score,
			CASE WHEN a.status = ANY (${counted}) THEN a.met_count END AS "metCount",
			CASE WHEN a.status = ANY (${counted}) THEN a.criteria_count END AS "criteriaCount",
			CASE WHEN a.status = ANY (${counted}) THEN a.mandatory_met END AS "mandatoryMet",
			CASE WHEN a.status = ANY (${counted}) THEN a.eligible END AS eligible,
			a.updated_at AS "updatedAt",
			s.unit_id IS NOT NULL AS recognised,
			CASE WHEN b.status = ANY (${counted}) THEN b.score END AS "baselineScore",
			to_char(bp.ends_on, 'YYYY-MM-DD') AS "baselineEndsOn"
		FROM members m
		LEFT JOIN current a ON a.unit_id = m.id
		LEFT JOIN standing s ON s.unit_id = m.id
		LEFT JOIN baseline bp ON true
		LEFT JOIN earlier b ON b.unit_id = m.id
		WHERE ${unrecognisedOnly} = false OR s.unit_id IS NULL
	`.execute(db);
	return rows;
}

export interface GroupScore {
	unitCode: string;
	groupCode: string;
	earned: number;
	possible: number;
}

/** Points earned of points possible per unit and criteria group, over counted assessments. */
export async function loadGroupScores(
	db: Kysely<Database>,
	{ campaignId, periodId, root, level }: FiguresQuery
): Promise<GroupScore[]> {
	const { rows } = await sql<GroupScore>`
		SELECT u.code AS "unitCode", g.code AS "groupCode",
			(coalesce(sum(c.points) FILTER (WHERE r.met), 0))::int AS earned,
			sum(c.points)::int AS possible
		FROM assessments a
		JOIN units u ON u.id = a.unit_id
		JOIN criteria c ON c.criteria_set_id = a.criteria_set_id
		JOIN criteria_groups g ON g.id = c.group_id
		LEFT JOIN criterion_results r ON r.assessment_id = a.id AND r.criterion_id = c.id
		WHERE a.campaign_id = ${campaignId} AND a.period_id = ${periodId}
			AND a.status = ANY (${statusesOf(level)})
			AND u.path LIKE ${subtreePattern(root.path)}
		GROUP BY u.code, g.code
	`.execute(db);
	return rows;
}

/** The criteria groups of the set a period uses, in order: the heat map's columns. */
export function listCriteriaGroups(db: Kysely<Database>, periodId: number) {
	return db
		.selectFrom('periods')
		.innerJoin('criteria_groups', 'criteria_groups.criteria_set_id', 'periods.criteria_set_id')
		.select(['criteria_groups.code', 'criteria_groups.name_vi', 'criteria_groups.name_en'])
		.where('periods.id', '=', periodId)
		.orderBy('criteria_groups.position')
		.execute();
}
