// The dashboards' figures written the plain way, to hold the repository's SQL against.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/lib/server/db/schema';

/**
 * Units of the campaign's kinds under a path as the structure stood on a date (the versions in
 * force that day), and how many had a recognition in force at the end of that day.
 */
export async function recognisedAt(
	db: Kysely<Database>,
	campaignId: number,
	path: string,
	endsOn: string
) {
	const { rows } = await sql<{ units: number; recognised: number }>`
		SELECT count(*)::int AS units,
			count(*) FILTER (WHERE EXISTS (
				SELECT 1 FROM recognitions r WHERE r.unit_id = v.unit_id AND r.campaign_id = ${campaignId}
					AND r.decision_date <= ${endsOn}::date
					AND (r.revoked_at IS NULL
						OR r.revoked_at >= (${endsOn}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
			))::int AS recognised
		FROM unit_versions v JOIN campaigns c ON c.id = ${campaignId}
		WHERE v.path LIKE ${path + '%'} AND v.kind = ANY (c.applies_to)
			AND v.valid_from <= ${endsOn}::date AND ${endsOn}::date < v.valid_to
	`.execute(db);
	return rows[0];
}

/**
 * The count of assessments `a` the provisional level adds: eligible, of a unit with no recognition
 * in force at the period's end, and submitted, verified, or approved under a standing decision
 * dated after the period ended.
 */
export function awaitingPlain(period: { ends_on: string }) {
	return sql<number>`count(*) FILTER (WHERE a.eligible
		AND (a.status IN ('submitted', 'verified') OR (a.status = 'approved' AND EXISTS (
			SELECT 1 FROM recognitions x WHERE x.unit_id = a.unit_id AND x.campaign_id = a.campaign_id
				AND x.decision_date > ${period.ends_on}::date AND x.revoked_at IS NULL)))
		AND NOT EXISTS (SELECT 1 FROM recognitions r WHERE r.unit_id = a.unit_id
			AND r.campaign_id = a.campaign_id AND r.decision_date <= ${period.ends_on}::date
			AND (r.revoked_at IS NULL OR r.revoked_at >=
				(${period.ends_on}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')))::int`;
}

/** The units the provisional level adds in a period of the campaign (the whole province). */
export async function awaitingAt(db: Kysely<Database>, campaignId: number, label: string) {
	const period = await db
		.selectFrom('periods')
		.select(['id', 'ends_on'])
		.where('campaign_id', '=', campaignId)
		.where('label', '=', label)
		.executeTakeFirstOrThrow();
	const { rows } = await sql<{ awaiting: number }>`
		SELECT ${awaitingPlain(period)} AS awaiting
		FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
		WHERE a.period_id = ${period.id} AND EXISTS (SELECT 1 FROM unit_versions v
			WHERE v.unit_id = a.unit_id AND v.kind = ANY (c.applies_to)
				AND v.valid_from <= ${period.ends_on}::date AND ${period.ends_on}::date < v.valid_to)
	`.execute(db);
	return rows[0].awaiting;
}
