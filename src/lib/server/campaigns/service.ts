// Campaigns as the province runs them: create, edit the settings, set the roadmap. Every write
// checks the revision the form was read at and is audited in the same transaction.
import { sql, type Kysely } from 'kysely';
import type { CampaignSettings, RoadmapCell } from '../../domain/campaign-settings';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import type { AdminActor } from '../auth/guards';

type Db = Kysely<Database>;

export type SaveResult =
	{ ok: true; code: string } | { ok: false; problem: 'code_taken' | 'stale' | 'not_found' };

/** The campaigns with what an administrator checks first: versions and periods. */
export async function listAdminCampaigns(db: Db) {
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

/** The revision token an edit form carries: the campaign's last change, to the microsecond. */
export function campaignRevision(updatedAt: Date | string): string {
	return new Date(updatedAt).toISOString();
}

/** A new campaign with an empty draft criteria set, version 1, for the criteria editor. */
export async function createCampaign(
	db: Db,
	actor: AdminActor,
	code: string,
	settings: CampaignSettings
): Promise<SaveResult> {
	return db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('campaigns')
			.values({ code, ...settings })
			.onConflict((conflict) => conflict.column('code').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!inserted) return { ok: false as const, problem: 'code_taken' as const };
		await trx
			.insertInto('criteria_sets')
			.values({ campaign_id: inserted.id, version: 1, status: 'draft' })
			.execute();
		await writeAudit(trx, {
			actor,
			action: 'campaign.create',
			entityType: 'campaign',
			entityId: code,
			after: { code, ...settings },
			ip: actor.ip
		});
		return { ok: true as const, code };
	});
}

async function lockCampaign(trx: Db, code: string) {
	return trx
		.selectFrom('campaigns')
		.selectAll()
		.where('code', '=', code)
		.forUpdate()
		.executeTakeFirst();
}

/** Only the fields that changed, before and after, for a readable audit entry. */
function changes<T extends object>(before: T, after: Partial<T>) {
	const was: Partial<T> = {};
	const now: Partial<T> = {};
	for (const key of Object.keys(after) as (keyof T)[]) {
		if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
			was[key] = before[key];
			now[key] = after[key];
		}
	}
	return { was, now };
}

export async function updateCampaign(
	db: Db,
	actor: AdminActor,
	code: string,
	revision: string,
	settings: CampaignSettings
): Promise<SaveResult> {
	return db.transaction().execute(async (trx) => {
		const campaign = await lockCampaign(trx, code);
		if (!campaign) return { ok: false as const, problem: 'not_found' as const };
		if (campaignRevision(campaign.updated_at) !== revision) {
			return { ok: false as const, problem: 'stale' as const };
		}
		const current: CampaignSettings = {
			name_vi: campaign.name_vi,
			name_en: campaign.name_en,
			source_vi: campaign.source_vi,
			note: campaign.note,
			applies_to: campaign.applies_to as CampaignSettings['applies_to'],
			start_date: campaign.start_date,
			target_date: campaign.target_date,
			target_share: Number(campaign.target_share),
			min_score: Number(campaign.min_score),
			all_mandatory: campaign.all_mandatory,
			district_min_share:
				campaign.district_min_share === null ? null : Number(campaign.district_min_share)
		};
		const { was, now } = changes(current, settings);
		if (Object.keys(now).length === 0) return { ok: true as const, code };
		await trx
			.updateTable('campaigns')
			.set({ ...settings, updated_at: sql`clock_timestamp()` })
			.where('id', '=', campaign.id)
			.execute();
		await writeAudit(trx, {
			actor,
			action: 'campaign.update',
			entityType: 'campaign',
			entityId: code,
			before: was,
			after: now,
			ip: actor.ip
		});
		return { ok: true as const, code };
	});
}

/** The units a roadmap may single out: the districts below the administrator's scope unit. */
export async function listRoadmapDistricts(db: Db, scopePath: string, campaignId: number) {
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

/** Replaces the campaign's roadmap with the grid's cells; district codes must be listed ones. */
export async function saveRoadmap(
	db: Db,
	actor: AdminActor,
	code: string,
	revision: string,
	cells: readonly RoadmapCell[],
	districts: readonly { id: number; code: string }[]
): Promise<SaveResult> {
	const districtIds = new Map(districts.map((district) => [district.code, district.id]));
	return db.transaction().execute(async (trx) => {
		const campaign = await lockCampaign(trx, code);
		if (!campaign) return { ok: false as const, problem: 'not_found' as const };
		if (campaignRevision(campaign.updated_at) !== revision) {
			return { ok: false as const, problem: 'stale' as const };
		}
		const before = await trx
			.selectFrom('roadmap_targets')
			.leftJoin('units', 'units.id', 'roadmap_targets.unit_id')
			.select(['roadmap_targets.year', 'roadmap_targets.share', 'units.code'])
			.where('campaign_id', '=', campaign.id)
			.orderBy('units.code', (order) => order.nullsFirst())
			.orderBy('year')
			.execute();
		const describe = (rows: readonly { year: number; share: number; code: string | null }[]) =>
			rows.map((row) => `${row.code ?? '*'} ${row.year}: ${Number(row.share) * 100}%`);
		await trx.deleteFrom('roadmap_targets').where('campaign_id', '=', campaign.id).execute();
		const rows = cells.map((cell) => ({
			campaign_id: campaign.id,
			year: cell.year,
			unit_id: cell.unitCode === null ? null : districtIds.get(cell.unitCode)!,
			share: cell.share
		}));
		if (rows.length > 0) await trx.insertInto('roadmap_targets').values(rows).execute();
		await trx
			.updateTable('campaigns')
			.set({ updated_at: sql`clock_timestamp()` })
			.where('id', '=', campaign.id)
			.execute();
		const after = describe(cells.map((cell) => ({ ...cell, code: cell.unitCode })));
		const was = describe(before);
		await writeAudit(trx, {
			actor,
			action: 'roadmap.update',
			entityType: 'campaign',
			entityId: code,
			before: was.filter((line) => !after.includes(line)),
			after: after.filter((line) => !was.includes(line)),
			ip: actor.ip
		});
		return { ok: true as const, code };
	});
}
