// The units of a subtree (or an area) in one period, as the structure stood at its end: their
// assessment, standing and the score a year earlier (the baseline of their pace), and their share
// of points per criteria group for the heat map.
import { sql, type Kysely } from 'kysely';
import { AUDIENCES, type Audience } from '../../domain/audiences';
import { statusesOf } from '../../domain/data-level';
import type { UnitFigures } from '../../types/dashboard';
import type { Database } from '../db/schema';
import { countedUnits, groupedUnits, periodEnding, type FiguresQuery } from './repository';

/**
 * After a CTE `period`: `baseline` (id, ends_on), the period a unit's pace starts from: the one
 * that ended a year before (the same quarter last year), else the campaign's first.
 */
const baselineOf = (campaignId: number) => sql`
		baseline AS (
			SELECT b.id, b.ends_on FROM periods b, period p
			WHERE b.campaign_id = ${campaignId} AND b.ends_on < p.ends_on
			ORDER BY b.ends_on <= (p.ends_on - interval '1 year')::date DESC, b.ends_on DESC
			LIMIT 1
		)`;

/**
 * The counted units of the period (as `loadGroupFigures` counts them) with their figures, as the
 * columns of `UnitFigures`, in no particular order. The baseline is the period that ended a year
 * before this one (the same quarter last year), else the campaign's first period. A unit formed
 * from others carries how many of them had a recognition in force the day before, as context.
 */
function unitRows(query: FiguresQuery) {
	const { campaignId, periodId, level } = query;
	const counted = statusesOf(level);
	return sql<UnitFigures>`
		WITH RECURSIVE period AS (${periodEnding(campaignId, periodId)}),
		${countedUnits(query)},
		${groupedUnits(query)},
		${baselineOf(campaignId)},
		-- Predecessors recognised on the day before they became the unit: context, not a count.
		formed AS (
			SELECT l.successor_id AS unit_id, count(*)::int AS predecessors,
				(count(*) FILTER (WHERE EXISTS (
					SELECT 1 FROM recognitions r
					WHERE r.unit_id = l.predecessor_id AND r.campaign_id = ${campaignId}
						AND r.decision_date < l.effective_on
						AND (r.revoked_at IS NULL OR r.revoked_at >=
							l.effective_on::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))))::int AS recognised
			FROM unit_links l JOIN members m ON m.id = l.successor_id
			GROUP BY l.successor_id
		)
		SELECT
			m.code, m.name, m.ref, m.group_code AS "groupCode", m.kind,
			m.status,
			CASE WHEN m.status = ANY (${counted}) THEN m.score END AS score,
			CASE WHEN m.status = ANY (${counted}) THEN m.met_count END AS "metCount",
			CASE WHEN m.status = ANY (${counted}) THEN m.criteria_count END AS "criteriaCount",
			CASE WHEN m.status = ANY (${counted}) THEN m.mandatory_met END AS "mandatoryMet",
			CASE WHEN m.status = ANY (${counted}) THEN m.eligible END AS eligible,
			m.updated_at AS "updatedAt",
			m.recognised,
			CASE WHEN b.status = ANY (${counted}) THEN b.score END AS "baselineScore",
			to_char(bp.ends_on, 'YYYY-MM-DD') AS "baselineEndsOn",
			CASE WHEN f.unit_id IS NULL THEN NULL
				ELSE json_build_object('predecessors', f.predecessors, 'recognised', f.recognised)
			END AS "formedFrom"
		FROM members m
		LEFT JOIN baseline bp ON true
		-- The baseline period's assessment (the kept row carries this period's).
		-- The baseline's id as a value (not a join): the planner then reads the assessments by index.
		LEFT JOIN assessments b ON b.unit_id = m.id AND b.campaign_id = ${campaignId}
			AND b.period_id = (SELECT id FROM baseline)
		LEFT JOIN formed f ON f.unit_id = m.id
`;
}

/**
 * A unit whose pace `assessUnitPace` measures: not recognised, not eligible, with a counted score
 * now and at the baseline. Every other unit not recognised has met the minimum (eligible) or has
 * no data to judge.
 */
const PACED = sql`NOT r.recognised AND r.eligible IS NOT TRUE AND r.score IS NOT NULL
	AND r."baselineScore" IS NOT NULL AND r."baselineEndsOn" IS NOT NULL`;

/**
 * The counted units of the period, in no particular order (the caller sorts the few it shows).
 * `pacedOnly`: only the units whose pace is measured (see `PACED`), for the at-risk list of a
 * dashboard that lists no units; `countUnpacedUnits` counts the others without data.
 */
export async function loadUnitRows(
	db: Kysely<Database>,
	query: FiguresQuery,
	{ pacedOnly = false } = {}
): Promise<UnitFigures[]> {
	const { rows } = await sql<UnitFigures>`
		SELECT * FROM (${unitRows(query)}) r WHERE ${!pacedOnly} OR (${PACED})
	`.execute(db);
	return rows;
}

/**
 * The units not recognised and not eligible whose pace has no data (no counted score now or at the
 * baseline): what `PACED` leaves out of `loadUnitRows` that the dashboard still counts, read from
 * the kept rows and the baseline's assessments alone.
 */
export async function countUnpacedUnits(db: Kysely<Database>, query: FiguresQuery) {
	const { campaignId, periodId, level } = query;
	const counted = statusesOf(level);
	const { rows } = await sql<{ n: number }>`
		WITH RECURSIVE period AS (${periodEnding(campaignId, periodId)}),
		${countedUnits(query)},
		${baselineOf(campaignId)}
		SELECT count(*)::int AS n
		FROM counted c
		LEFT JOIN assessments b ON b.unit_id = c.id AND b.campaign_id = ${campaignId}
			AND b.period_id = (SELECT id FROM baseline)
		WHERE NOT c.recognised
			AND NOT coalesce(c.status = ANY (${counted}) AND c.eligible, false)
			AND NOT coalesce(c.status = ANY (${counted}) AND b.status = ANY (${counted}), false)
	`.execute(db);
	return rows[0].n;
}

export interface GroupScore {
	unitCode: string;
	groupCode: string;
	earned: number;
	possible: number;
}

/** Points earned of points possible per counted unit and criteria group, over counted assessments. */
export async function loadGroupScores(
	db: Kysely<Database>,
	query: FiguresQuery
): Promise<GroupScore[]> {
	const { campaignId, periodId, level } = query;
	const { rows } = await sql<GroupScore>`
		WITH RECURSIVE period AS (${periodEnding(campaignId, periodId)}),
		${countedUnits(query)}
		SELECT u.code AS "unitCode", g.code AS "groupCode",
			(coalesce(sum(c.points) FILTER (WHERE r.met), 0))::float8 AS earned,
			sum(c.points)::float8 AS possible
		FROM assessments a
		JOIN counted u ON u.id = a.unit_id
		JOIN criteria c ON c.criteria_set_id = a.criteria_set_id
		JOIN criteria_groups g ON g.id = c.group_id
		LEFT JOIN criterion_results r ON r.assessment_id = a.id AND r.criterion_id = c.id
		WHERE a.campaign_id = ${campaignId} AND a.period_id = ${periodId}
			AND a.status = ANY (${statusesOf(level)})
		GROUP BY u.code, g.code
	`.execute(db);
	return rows;
}

/**
 * The criteria groups of the sets a period uses for the audiences asked for, audience by audience
 * (in AUDIENCES order), each set's in order: the heat map's columns.
 */
export function listCriteriaGroups(
	db: Kysely<Database>,
	periodId: number,
	audiences: readonly Audience[]
) {
	return db
		.selectFrom('period_criteria_sets as s')
		.innerJoin('criteria_groups as g', 'g.criteria_set_id', 's.criteria_set_id')
		.select(['s.audience', 'g.code', 'g.name_vi', 'g.name_en'])
		.where('s.period_id', '=', periodId)
		.where('s.audience', '=', sql<Audience>`ANY (${[...audiences]}::text[])`)
		.orderBy(sql`array_position(${[...AUDIENCES]}::text[], s.audience)`)
		.orderBy('g.position')
		.execute();
}
