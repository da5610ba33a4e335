import { sql, type Kysely } from 'kysely';
import { subtreePattern } from '../units/repository';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export function listCampaigns(db: Db) {
	return db
		.selectFrom('campaigns')
		.select(['id', 'code', 'name_vi', 'name_en'])
		.orderBy('start_date')
		.orderBy('code')
		.execute();
}

export function findCampaignByCode(db: Db, code: string) {
	return db.selectFrom('campaigns').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listPeriods(db: Db, campaignId: number) {
	return db
		.selectFrom('periods')
		.select(['id', 'label', 'kind', 'starts_on', 'ends_on', 'closes_at', 'status'])
		.where('campaign_id', '=', campaignId)
		.orderBy('starts_on', 'desc')
		.orderBy('ends_on', 'desc')
		.execute();
}

/** The period a dashboard shows by default: the open one, else the latest that has begun. */
export function defaultPeriod<P extends { status: string; starts_on: string }>(
	periods: readonly P[],
	today: string
): P | undefined {
	return (
		periods.find((period) => period.status === 'open') ??
		periods.find((period) => period.starts_on <= today) ??
		periods[periods.length - 1]
	);
}

/** The first campaign that applies to the unit or to a unit below it. */
export async function findHomeCampaign(db: Db, scopePath: string) {
	const { rows } = await sql<{ id: number; code: string }>`
		SELECT c.id, c.code FROM campaigns c
		WHERE EXISTS (
			SELECT 1 FROM units member
			WHERE member.path LIKE ${subtreePattern(scopePath)}
				AND member.kind = ANY (c.applies_to) AND member.status = 'active'
		)
		ORDER BY c.start_date, c.code
		LIMIT 1
	`.execute(db);
	return rows[0];
}

/** The roadmap's points: the province's (unitCode null) and any district's own. */
export function listRoadmap(db: Db, campaignId: number) {
	return db
		.selectFrom('roadmap_targets')
		.leftJoin('units', 'units.id', 'roadmap_targets.unit_id')
		.select(['roadmap_targets.year', 'roadmap_targets.share', 'units.code as unitCode'])
		.where('roadmap_targets.campaign_id', '=', campaignId)
		.orderBy('roadmap_targets.year')
		.execute();
}
