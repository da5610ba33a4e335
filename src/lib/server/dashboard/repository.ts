// The dashboards' figures, aggregated in SQL over the stored scores: per group (a child of a unit,
// or an area of a reporting area set), per period for the trend, per criterion. The units table
// is in ./units-repository.ts, a unit's own page in ./unit-page-repository.ts. Every figure of a
// period counts the structure in force on its last day (`unit_versions`): the units, their places,
// kinds and names as they were, through the fragments below.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { AUDIENCES, audiencesOf } from '../../domain/audiences';
import { statusesOf, type DataLevel } from '../../domain/data-level';
import type { CriterionRate, GroupFigures } from '../../types/dashboard';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import { inForceOn } from '../units/structure';

export interface FiguresQuery {
	campaignId: number;
	/**
	 * The unit kinds counted: the campaign's, or one block's of them (kindsOfBlock). A parameter, so
	 * the planner can estimate the rows.
	 */
	kinds: string[];
	periodId: number;
	/** The unit at the top: the province for the province dashboard. */
	root: { id: number; path: string };
	level: DataLevel;
	/** The area set whose areas are the rows; null or absent: the root's children. */
	areaSetId?: number | null;
	/** Only one area's units, and the units that became them: an area's dashboard. */
	areaId?: number | null;
}

/**
 * The instant a period ends, of its `ends_on`: midnight after its last day, in Vietnam. A
 * recognition revoked at that instant or later was still in force at the period's end.
 */
const endOfPeriod = sql`(ends_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;

/** One period of a campaign with its last day (`ends_on`) and the instant it ends (`ends_at`). */
export function periodEnding(campaignId: number, periodId: number) {
	return sql`SELECT id, starts_on, ends_on, ${endOfPeriod} AS ends_at
		FROM periods WHERE id = ${periodId} AND campaign_id = ${campaignId}`;
}

/** Every period of a campaign, as `periodEnding` gives one: the trend's timeline. */
export function periodsEnding(campaignId: number) {
	return sql`SELECT id, label, status, starts_on, ends_on, ${endOfPeriod} AS ends_at
		FROM periods WHERE campaign_id = ${campaignId}`;
}

// What counts as recognised at a period's end and as awaiting recognition (the provisional rule)
// is defined once, in SQL, by the view `kept_unit_figures_fresh` (migration
// 2026_12_02_001400_kept_figures); the kept rows the figures below read follow it.

/**
 * The address segment of the unit a version `v` (of unit row `u`) belongs to, in period `p`: its
 * code while it still holds it, else `code@last-day-of-the-period`, the holder on that day. A kept
 * row `f` knows whether its unit holds its code (`holds_code`).
 */
const refOf = (alias: 'v' | 'f') => {
	const code = sql.ref(`${alias}.code`);
	const holds = alias === 'f' ? sql`f.holds_code` : sql`u.status = 'active' AND u.code = ${code}`;
	return sql`CASE WHEN ${holds} THEN ${code}
	ELSE ${code} || '@' || to_char(p.ends_on, 'YYYY-MM-DD') END`;
};

/** The root held its place on the last day of the period `p`: paths are unambiguous within a day. */
export function rootHeld(root: { id: number; path: string }) {
	return sql<boolean>`EXISTS (SELECT 1 FROM unit_versions rv WHERE rv.unit_id = ${root.id}
		AND rv.path = ${root.path} AND ${inForceOn('rv', sql`p.ends_on`)})`;
}

/**
 * The CTEs every figure starts from, after a CTE `period` of one or more periods (id, ends_on):
 * `counted` (period_id, id, code, name, path, kind, ref, and the kept figures: recognised,
 * awaiting, status, score, …) holds, per period, the units of the kinds asked for in the root's
 * subtree as they stood on its last day, read from `kept_unit_figures` (kept by triggers, see the
 * migration 2026_12_02_001400_kept_figures). With an area, only the units under its members and
 * their predecessors (`unit_links`, back to the first), so an area reads across a reorganisation.
 * Needs `WITH RECURSIVE`.
 */
export function countedUnits({
	kinds,
	root,
	areaId
}: Pick<FiguresQuery, 'kinds' | 'root' | 'areaId'>): RawBuilder<unknown> {
	const area = areaId ?? null;
	return sql`
		lineage (unit_id) AS (
			SELECT unit_id FROM area_members WHERE area_id = ${area}
			UNION
			SELECT l.predecessor_id FROM unit_links l JOIN lineage ON l.successor_id = lineage.unit_id
		),
		-- Materialised: inlined into the EXISTS below, it would be computed again for every unit.
		within AS MATERIALIZED (
			SELECT p.id AS period_id, w.path
			FROM period p JOIN unit_versions w ON ${inForceOn('w', sql`p.ends_on`)}
			JOIN lineage ON lineage.unit_id = w.unit_id
		),
		-- The periods whose last day the root held its place on: checked once, not per unit.
		held AS MATERIALIZED (SELECT * FROM period p WHERE ${rootHeld(root)}),
		counted AS (
			SELECT f.period_id, f.unit_id AS id, f.code, f.name, f.path, f.kind, ${refOf('f')} AS ref,
				f.recognised, f.awaiting, f.status, f.score, f.met_count, f.criteria_count,
				f.mandatory_met, f.eligible, f.updated_at, f.criteria_set_id, f.unmet_codes
			FROM held p
			JOIN kept_unit_figures f ON f.period_id = p.id
			WHERE f.path LIKE ${subtreePattern(root.path)} AND f.kind = ANY (${kinds})
				AND (${area}::int IS NULL OR EXISTS (SELECT 1 FROM within w
					WHERE w.period_id = p.id AND left(f.path, length(w.path)) = w.path))
		)`;
}

/** The path segment of a unit's path that names the child of the root it sits under. */
export function childSegment(root: { path: string }): number {
	// '/40/412/16672/'.split('/') is ['', '40', '412', …]: the root's child sits one segment on.
	return root.path.split('/').length;
}

/**
 * After `countedUnits`: `groups` (code, name, ref, map_codes), the rows of the period `p` (the
 * root's children in force on its last day, or the areas of the set, plus '' for the units in no
 * area), and `members` (the counted units, each with the `group_code` it counts under).
 */
export function groupedUnits({ root, areaSetId }: Pick<FiguresQuery, 'root' | 'areaSetId'>) {
	if (!areaSetId)
		return sql`
			groups AS (
				SELECT v.code, v.name, ${refOf('v')} AS ref, ARRAY[v.code] AS map_codes, v.path
				FROM period p
				JOIN unit_versions v ON ${inForceOn('v', sql`p.ends_on`)}
				JOIN units u ON u.id = v.unit_id
				WHERE v.parent_id = ${root.id}
			),
			-- Each unit counts under the child of the root its path of that day passes through.
			members AS (
				SELECT c.*, split_part(c.path, '/', ${childSegment(root)}) AS group_code FROM counted c
			)`;
	return sql`
		groups AS (
			SELECT a.code, a.name, NULL::text AS ref, a.map_codes, NULL::text AS path
			FROM areas a WHERE a.area_set_id = ${areaSetId}
			UNION ALL SELECT '', NULL, NULL, '{}'::text[], NULL
		),
		-- Materialised, as 'within' is: the subquery below reads it once per counted unit. Only
		-- the members a counted unit can sit under: in the root's subtree, or above the root (a
		-- national set has thousands of members, a province's units a hundred of them).
		area_paths AS MATERIALIZED (
			SELECT a.code, mv.path
			FROM area_members am
			JOIN areas a ON a.id = am.area_id
			JOIN unit_versions mv ON mv.unit_id = am.unit_id
			JOIN period p ON ${inForceOn('mv', sql`p.ends_on`)}
			WHERE am.area_set_id = ${areaSetId}
				AND (mv.path LIKE ${subtreePattern(root.path)}
					OR left(${root.path}, length(mv.path)) = mv.path)
		),
		-- A unit counts in the area of its nearest member ancestor (itself first); '' if none.
		members AS (
			SELECT c.*, coalesce((
				SELECT ap.code FROM area_paths ap WHERE left(c.path, length(ap.path)) = ap.path
				ORDER BY length(ap.path) DESC LIMIT 1), '') AS group_code
			FROM counted c
		)`;
}

/**
 * One row per group (a child of the root, or an area of the set), plus the total (code null),
 * over the units the campaign applies to as the structure stood at the end of the period:
 * - recognised: a recognition in force at the end of the period (official whatever the level);
 * - awaiting: not recognised then, with an assessment the provisional rule counts (both as the
 *   view `kept_unit_figures_fresh` defines them, kept in `kept_unit_figures`).
 * The root's children read the kept sums of their paths (a few rows each); areas add up the kept
 * rows of their units.
 */
export async function loadGroupFigures(
	db: Kysely<Database>,
	query: FiguresQuery
): Promise<GroupFigures[]> {
	const { campaignId, periodId, level, kinds, root } = query;
	const counted = statusesOf(level);
	const byPath = !query.areaSetId && !query.areaId;
	// One row per unit (the kept rows), or per path, kind and status (the kept sums): `n` units.
	const figures = byPath
		? sql`SELECT g.code, s.units AS n, s.recognised, s.awaiting, s.status, s.score_sum
			FROM period p JOIN groups g ON true
			JOIN kept_path_figures s ON s.period_id = p.id AND s.path = g.path
			WHERE s.kind = ANY (${kinds}) AND ${rootHeld(root)}`
		: sql`SELECT m.group_code AS code, 1 AS n, m.recognised::int AS recognised,
				m.awaiting::int AS awaiting, coalesce(m.status, '') AS status, m.score AS score_sum
			FROM members m`;
	const { rows } = await sql<GroupFigures>`
		WITH RECURSIVE period AS (${periodEnding(campaignId, periodId)}),
		${countedUnits(query)},
		${groupedUnits(query)},
		figures AS (${figures})
		SELECT
			g.code,
			g.name,
			g.ref,
			g.map_codes AS "mapCodes",
			coalesce(sum(f.n), 0)::int AS units,
			coalesce(sum(f.recognised), 0)::int AS recognised,
			coalesce(sum(f.awaiting), 0)::int AS awaiting,
			coalesce(sum(f.n) FILTER (WHERE f.status = ANY (${counted})), 0)::int AS assessed,
			round(sum(f.score_sum) FILTER (WHERE f.status = ANY (${counted}))
				/ sum(f.n) FILTER (WHERE f.status = ANY (${counted})), 1)::float8 AS "averageScore",
			coalesce(sum(f.n) FILTER (WHERE f.status = ''), 0)::int AS "notStarted",
			coalesce(sum(f.n) FILTER (WHERE f.status = 'draft'), 0)::int AS draft,
			coalesce(sum(f.n) FILTER (WHERE f.status = 'submitted'), 0)::int AS submitted,
			coalesce(sum(f.n) FILTER (WHERE f.status = 'verified'), 0)::int AS verified,
			coalesce(sum(f.n) FILTER (WHERE f.status = 'approved'), 0)::int AS approved
		FROM groups g
		LEFT JOIN figures f ON f.code = g.code
		GROUP BY GROUPING SETS ((g.code, g.name, g.ref, g.map_codes), ())
		ORDER BY g.code IS NULL, g.code = '', length(g.code), g.code
	`.execute(db);
	return rows;
}

/** The days reorganisations took effect, oldest first: the trend marks them. */
export async function listReorganisationDays(db: Kysely<Database>): Promise<string[]> {
	const { rows } = await sql<{ day: string }>`
		SELECT DISTINCT to_char(effective_on, 'YYYY-MM-DD') AS day FROM reorganisations
		UNION SELECT DISTINCT to_char(effective_on, 'YYYY-MM-DD') FROM unit_links
		ORDER BY day
	`.execute(db);
	return rows.map((row) => row.day);
}

/** The area sets in force on a day (valid_from ≤ day < valid_to), by code. */
export function listAreaSetsOn(db: Kysely<Database>, day: string) {
	return db
		.selectFrom('area_sets')
		.select(['id', 'code', 'name_vi', 'name_en'])
		.where('valid_from', '<=', day)
		.where('valid_to', '>', day)
		.orderBy('code')
		.execute();
}

/** An area by its set's code and its own, with its set's validity. */
export function findArea(db: Kysely<Database>, setCode: string, areaCode: string) {
	return db
		.selectFrom('areas')
		.innerJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.select([
			'areas.id',
			'areas.code',
			'areas.name',
			'area_sets.id as setId',
			'area_sets.code as setCode',
			'area_sets.name_vi as setName_vi',
			'area_sets.name_en as setName_en'
		])
		.where('area_sets.code', '=', setCode)
		.where('areas.code', '=', areaCode)
		.executeTakeFirst();
}

/** An area by its id (a user's scope), as `findArea` gives it. */
export function findAreaById(db: Kysely<Database>, id: number) {
	return db
		.selectFrom('areas')
		.innerJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.select([
			'areas.id',
			'areas.code',
			'areas.name',
			'area_sets.id as setId',
			'area_sets.code as setCode',
			'area_sets.name_vi as setName_vi',
			'area_sets.name_en as setName_en'
		])
		.where('areas.id', '=', id)
		.executeTakeFirst();
}

/** Whether a unit had, on the day, a child of one of the kinds: its children are then assessed. */
export async function hadChildOfKind(
	db: Kysely<Database>,
	unitId: number,
	kinds: string[],
	day: string
): Promise<boolean> {
	const child = await db
		.selectFrom('unit_versions as v')
		.select('v.unit_id')
		.where('v.parent_id', '=', unitId)
		.where('v.kind', 'in', kinds as never[])
		.where(inForceOn('v', day))
		.limit(1)
		.executeTakeFirst();
	return child !== undefined;
}

/**
 * Every criterion of the period's set of each audience the kinds have, with its met count: audience
 * by audience (in AUDIENCES order), lowest met rate first. Over the assessments the data level
 * counts that were scored against that set, from the codes each stores as not met.
 */
export async function loadCriterionRates(
	db: Kysely<Database>,
	query: FiguresQuery
): Promise<CriterionRate[]> {
	const { campaignId, periodId, level } = query;
	const { rows } = await sql<CriterionRate>`
		WITH RECURSIVE period AS (
			SELECT id, ends_on FROM periods WHERE id = ${periodId} AND campaign_id = ${campaignId}
		),
		${countedUnits(query)},
		sets AS (
			SELECT s.audience, s.criteria_set_id
			FROM period_criteria_sets s JOIN period p ON p.id = s.period_id
			WHERE s.audience = ANY (${audiencesOf(query.kinds)})
		),
		-- The kept rows carry each unit's assessment of the period.
		assessed AS (
			SELECT s.audience, u.unmet_codes
			FROM counted u
			JOIN sets s ON s.criteria_set_id = u.criteria_set_id
			WHERE u.status = ANY (${statusesOf(level)})
		),
		total AS (
			SELECT s.audience, count(a.audience) AS n
			FROM sets s LEFT JOIN assessed a ON a.audience = s.audience GROUP BY s.audience
		),
		-- Each assessment stores the codes it misses: a few per row, not a row per criterion.
		misses AS (
			SELECT audience, code, count(*) AS n
			FROM assessed, unnest(unmet_codes) AS code GROUP BY audience, code
		)
		SELECT s.audience, c.code, c.title_vi, c.title_en, c.mandatory,
			t.n::int AS assessed,
			(t.n - coalesce(m.n, 0))::int AS met
		FROM sets s
		JOIN criteria c ON c.criteria_set_id = s.criteria_set_id
		JOIN criteria_groups g ON g.id = c.group_id
		JOIN total t ON t.audience = s.audience
		LEFT JOIN misses m ON m.audience = s.audience AND m.code = c.code
		ORDER BY array_position(${[...AUDIENCES]}::text[], s.audience),
			(t.n - coalesce(m.n, 0))::float8 / greatest(t.n, 1), g.position, c.position
	`.execute(db);
	return rows;
}
