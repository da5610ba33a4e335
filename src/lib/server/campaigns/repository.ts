// Campaigns in the database: the finders every part of the app uses (a campaign by code, the
// list, a unit's home campaign, its periods and roadmap), then the administration's reads and writes.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Block } from '../../domain/audiences';
import { subtreePattern } from '../units/repository';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
type NewCampaign = Insertable<Database['campaigns']>;
type CampaignUpdate = Updateable<Database['campaigns']>;

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

/** The roadmap's points: the province's (unitCode and block null), any district's and block's own. */
export function listRoadmap(db: Db, campaignId: number) {
	return db
		.selectFrom('roadmap_targets')
		.leftJoin('units', 'units.id', 'roadmap_targets.unit_id')
		.select([
			'roadmap_targets.year',
			'roadmap_targets.share',
			'units.code as unitCode',
			'roadmap_targets.block'
		])
		.where('roadmap_targets.campaign_id', '=', campaignId)
		.orderBy('roadmap_targets.year')
		.execute();
}

// ——— The administration's reads and writes ———

/** The campaigns with what an administrator checks first: versions and periods. */
export async function listCampaignSummaries(db: Db) {
	const { rows } = await sql<{
		code: string;
		name_vi: string;
		name_en: string;
		start_date: string;
		target_date: string;
		applies_to: string[];
		published: number | null;
		draft: number | null;
		periods: number;
		open_periods: string[];
	}>`
		SELECT c.code, c.name_vi, c.name_en, c.start_date, c.target_date, c.applies_to,
			(SELECT max(version) FROM criteria_sets s
				WHERE s.campaign_id = c.id AND s.status = 'published') AS published,
			(SELECT max(version) FROM criteria_sets s
				WHERE s.campaign_id = c.id AND s.status = 'draft') AS draft,
			(SELECT count(*)::int FROM periods p WHERE p.campaign_id = c.id) AS periods,
			coalesce((SELECT array_agg(p.label ORDER BY p.starts_on) FROM periods p
				WHERE p.campaign_id = c.id AND p.status = 'open'), '{}') AS open_periods
		FROM campaigns c
		ORDER BY c.start_date, c.code
	`.execute(db);
	return rows;
}

/** A new campaign's id; undefined when the code is taken. */
export async function insertCampaign(db: Db, campaign: NewCampaign) {
	const inserted = await db
		.insertInto('campaigns')
		.values(campaign)
		.onConflict((conflict) => conflict.column('code').doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted?.id;
}

/** The campaign a write is about, held until the transaction ends. */
export function lockCampaign(db: Db, code: string) {
	return db
		.selectFrom('campaigns')
		.selectAll()
		.where('code', '=', code)
		.forUpdate()
		.executeTakeFirst();
}

export function lockCampaignById(db: Db, id: number) {
	return db
		.selectFrom('campaigns')
		.select('id')
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

/** Saves settings (none given: only marks the change), moving the revision forms carry. */
export async function updateCampaignRow(db: Db, id: number, settings: CampaignUpdate = {}) {
	await db
		.updateTable('campaigns')
		.set({ ...settings, updated_at: sql`clock_timestamp()` })
		.where('id', '=', id)
		.execute();
}

/** The units a roadmap may single out: the districts below the scope unit. */
export function listRoadmapUnits(db: Db, scopePath: string, campaignId: number) {
	const depth = scopePath.split('/').filter(Boolean).length;
	return db
		.selectFrom('units')
		.select(['id', 'code', 'name'])
		.where('path', 'like', subtreePattern(scopePath))
		.where((eb) =>
			eb.or([
				eb.and([eb('level', '=', depth + 1), eb('status', '=', 'active')]),
				// A retired district keeps its row while it still has targets of its own.
				eb(
					'id',
					'in',
					eb
						.selectFrom('roadmap_targets')
						.select('unit_id')
						.where('campaign_id', '=', campaignId)
						.where('unit_id', 'is not', null)
						.$narrowType<{ unit_id: number }>()
				)
			])
		)
		.orderBy('code')
		.execute();
}

/** The roadmap as the audit trail lists it: the province's years first, each block's, each district's. */
export function listRoadmapForAudit(db: Db, campaignId: number) {
	return db
		.selectFrom('roadmap_targets')
		.leftJoin('units', 'units.id', 'roadmap_targets.unit_id')
		.select([
			'roadmap_targets.year',
			'roadmap_targets.share',
			'units.code',
			'roadmap_targets.block'
		])
		.where('campaign_id', '=', campaignId)
		.orderBy('units.code', (order) => order.nullsFirst())
		.orderBy('roadmap_targets.block', (order) => order.nullsFirst())
		.orderBy('year')
		.execute();
}

/** The campaign's roadmap becomes these points; a null unit and block is the province's. */
export async function replaceRoadmap(
	db: Db,
	campaignId: number,
	points: readonly { year: number; share: number; unitId: number | null; block?: Block | null }[]
) {
	await db.deleteFrom('roadmap_targets').where('campaign_id', '=', campaignId).execute();
	if (points.length === 0) return;
	await db
		.insertInto('roadmap_targets')
		.values(
			points.map((point) => ({
				campaign_id: campaignId,
				year: point.year,
				unit_id: point.unitId,
				block: point.block ?? null,
				share: point.share
			}))
		)
		.execute();
}
