// The recognised count at the end of every period of a campaign, for the trend against the roadmap.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import { existedIn } from './existence';

export interface TrendFigures {
	label: string;
	endsOn: string;
	status: string;
	units: number;
	recognised: number;
	awaiting: number;
}

/** One row per period, oldest first, over the root's subtree. */
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
			SELECT id, label, starts_on, ends_on, status,
				(ends_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS ends_at
			FROM periods WHERE campaign_id = ${campaignId}
		)
		SELECT
			t.label,
			to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn",
			t.status,
			((SELECT n FROM steady) + (SELECT count(*) FROM dated m WHERE ${existedIn('m', 't')}))::int
				AS units,
			(SELECT count(DISTINCT g.unit_id) FROM granted g
				WHERE g.decision_date <= t.ends_on AND (g.revoked_at IS NULL OR g.revoked_at >= t.ends_at)
			)::int AS recognised,
			(SELECT count(*) FROM eligible e
				WHERE e.period_id = t.id AND NOT EXISTS (
					SELECT 1 FROM granted g WHERE g.unit_id = e.unit_id AND g.decision_date <= t.ends_on
						AND (g.revoked_at IS NULL OR g.revoked_at >= t.ends_at))
			)::int AS awaiting
		FROM timeline t
		ORDER BY t.starts_on, t.ends_on
	`.execute(db);
	return rows;
}
