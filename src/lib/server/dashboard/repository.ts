// The dashboards' figures, aggregated in SQL over the stored scores: per child of a unit (the
// province's districts, a district's communes), per period for the trend, per criterion. The
// units table of a district is in ./units-repository.ts, a unit's own page in
// ./unit-page-repository.ts. Each figure counts a unit and its recognition the same way, through
// the fragments below.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { statusesOf, type DataLevel } from '../../domain/data-level';
import type { CriterionRate, GroupFigures } from '../../types/dashboard';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';

export interface FiguresQuery {
	campaignId: number;
	/** The unit kinds the campaign applies to: a parameter, so the planner can estimate the rows. */
	kinds: string[];
	periodId: number;
	/** The unit whose children are the rows (the province for the province dashboard). */
	root: { id: number; path: string };
	level: DataLevel;
}

// The aliases the queries give units, periods and recognitions: the code's own names, never input.
type UnitAlias = 'u' | 'm';
type PeriodAlias = 'p' | 't';
type RecognitionAlias = 'r' | 'g';

const column = (alias: string, name: string) => sql.ref(`${alias}.${name}`);

/**
 * The instant a period ends, of its `ends_on`: midnight after its last day, in Vietnam. A
 * recognition revoked at that instant or later was still in force at the period's end.
 */
const endOfPeriod = sql`(ends_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;

/** One period of a campaign with its last day (`ends_on`) and the instant it ends (`ends_at`). */
export function periodEnding(campaignId: number, periodId: number) {
	return sql`SELECT id, ends_on, ${endOfPeriod} AS ends_at
		FROM periods WHERE id = ${periodId} AND campaign_id = ${campaignId}`;
}

/**
 * A recognition in force at the end of a period: decided by its last day, and not revoked before
 * it ended. The period's row carries `ends_on` and `ends_at` (see `periodEnding`).
 */
function inForceAt(recognition: RecognitionAlias, period: PeriodAlias): RawBuilder<boolean> {
	return sql<boolean>`(${column(recognition, 'decision_date')} <= ${column(period, 'ends_on')}
		AND (${column(recognition, 'revoked_at')} IS NULL
			OR ${column(recognition, 'revoked_at')} >= ${column(period, 'ends_at')}))`;
}

/** The units with a recognition of the campaign in force at the end of the period `p`. */
export function standingAtEnd(campaignId: number) {
	return sql`SELECT DISTINCT r.unit_id
		FROM recognitions r, period p
		WHERE r.campaign_id = ${campaignId} AND ${inForceAt('r', 'p')}`;
}

/**
 * A unit counts in a period while it existed: established by the period's end (a merged commune
 * from its merge date) and not retired by then (its predecessors until that date).
 */
function existedIn(unit: UnitAlias, period: PeriodAlias): RawBuilder<boolean> {
	const endsOn = column(period, 'ends_on');
	return sql<boolean>`((${column(unit, 'status')} = 'active' OR ${column(unit, 'retired_on')} > ${endsOn})
		AND (${column(unit, 'established_on')} IS NULL OR ${column(unit, 'established_on')} <= ${endsOn}))`;
}

/** Units `u` of the campaign's kinds in the root's subtree that existed at the end of period `p`. */
export function countedIn({ kinds, root }: Pick<FiguresQuery, 'kinds' | 'root'>) {
	return sql<boolean>`u.path LIKE ${subtreePattern(root.path)}
		AND ${existedIn('u', 'p')}
		AND u.kind = ANY (${kinds})`;
}

/** The path segment of a unit's path that names the child of the root it sits under. */
export function childSegment(root: { path: string }): number {
	// '/40/412/16672/'.split('/') is ['', '40', '412', …]: the root's child sits one segment on.
	return root.path.split('/').length;
}

/**
 * One row per child of the root unit, plus the total (code null), over the units the campaign
 * applies to in each child's subtree that existed at the end of the period:
 * - recognised: a recognition in force at the end of the period (official whatever the level);
 * - awaiting: eligible, submitted or verified in the period, and not yet recognised.
 */
export async function loadGroupFigures(
	db: Kysely<Database>,
	query: FiguresQuery
): Promise<GroupFigures[]> {
	const { campaignId, periodId, root, level } = query;
	const counted = statusesOf(level);
	const { rows } = await sql<GroupFigures>`
		WITH period AS (${periodEnding(campaignId, periodId)}),
		groups AS (
			-- Units count while they existed: a unit retired later still counts in earlier periods.
			SELECT u.id, u.code, u.name FROM units u, period p
			WHERE u.parent_id = ${root.id} AND ${existedIn('u', 'p')}
		),
		-- Each unit of the subtree counts under the child of the root its path passes through.
		members AS (
			SELECT g.id AS group_id, u.id AS unit_id
			FROM units u
			JOIN groups g ON g.code = split_part(u.path, '/', ${childSegment(root)})
			CROSS JOIN period p
			WHERE ${countedIn(query)}
		),
		standing AS (${standingAtEnd(campaignId)})
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

/** The recognised count at the end of a period, for the trend against the roadmap. */
export interface TrendFigures {
	label: string;
	endsOn: string;
	status: string;
	units: number;
	recognised: number;
	awaiting: number;
}

/** One row per period of the campaign, oldest first, over the root's subtree. */
export async function loadTrend(
	db: Kysely<Database>,
	{ campaignId, kinds, root }: { campaignId: number; kinds: string[]; root: { path: string } }
): Promise<TrendFigures[]> {
	const { rows } = await sql<TrendFigures>`
		WITH members AS (
			SELECT u.id, u.status, u.retired_on, u.established_on
			FROM units u
			WHERE u.path LIKE ${subtreePattern(root.path)} AND u.kind = ANY (${kinds})
		),
		-- Most units exist throughout; only the others are checked against each period.
		steady AS (
			SELECT count(*) AS n FROM members WHERE status = 'active' AND established_on IS NULL
		),
		dated AS (
			SELECT * FROM members m WHERE m.status = 'retired' OR m.established_on IS NOT NULL
		),
		granted AS (
			SELECT r.unit_id, r.decision_date, r.revoked_at
			FROM recognitions r JOIN members m ON m.id = r.unit_id
			WHERE r.campaign_id = ${campaignId}
		),
		eligible AS (
			SELECT a.unit_id, a.period_id
			FROM assessments a JOIN members m ON m.id = a.unit_id
			WHERE a.campaign_id = ${campaignId} AND a.eligible AND a.status IN ('submitted', 'verified')
		),
		timeline AS (
			SELECT id, label, starts_on, ends_on, status, ${endOfPeriod} AS ends_at
			FROM periods WHERE campaign_id = ${campaignId}
		)
		SELECT
			t.label,
			to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn",
			t.status,
			((SELECT n FROM steady) + (SELECT count(*) FROM dated m WHERE ${existedIn('m', 't')}))::int
				AS units,
			(SELECT count(DISTINCT g.unit_id) FROM granted g WHERE ${inForceAt('g', 't')})::int
				AS recognised,
			(SELECT count(*) FROM eligible e
				WHERE e.period_id = t.id AND NOT EXISTS (
					SELECT 1 FROM granted g WHERE g.unit_id = e.unit_id AND ${inForceAt('g', 't')})
			)::int AS awaiting
		FROM timeline t
		ORDER BY t.starts_on, t.ends_on
	`.execute(db);
	return rows;
}

/**
 * Every criterion of the period's set with its met count, lowest met rate first: the criteria met
 * least often, over the assessments the data level counts, from the codes each stores as not met.
 */
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
