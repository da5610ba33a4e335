// Campaigns as the province runs them: create, edit the settings, set the roadmap. Every write
// checks the revision the form was read at and is audited in the same transaction.
import type { Kysely } from 'kysely';
import { audiencesOf } from '../../domain/audiences';
import type { CampaignSettings, RoadmapCell } from '../../domain/campaign-settings';
import { writeAudit } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import { insertCriteriaSet } from '../criteria/repository';
import type { Campaign, Database } from '../db/schema';
import { InvalidInput, NotFound, Refusal } from '../failure';
import {
	findCampaignByCode,
	insertCampaign,
	listCampaignSummaries,
	listRoadmapForAudit,
	listRoadmapUnits,
	lockCampaign,
	replaceRoadmap,
	updateCampaignRow
} from './repository';

export { listRoadmap } from './repository';

type Db = Kysely<Database>;

/** A form read before someone else saved (409): the page says so and shows what is there now. */
export class StaleForm extends Refusal<{ stale: true }> {
	constructor() {
		super(409, { stale: true }, 'Changed since it was loaded');
	}
}

/** The campaign an administration address names, or 404. */
export async function campaignOf(db: Db, code: string): Promise<Campaign> {
	const campaign = await findCampaignByCode(db, code);
	if (!campaign) throw new NotFound();
	return campaign;
}

/** The campaigns with what an administrator checks first: versions and periods. */
export function listAdminCampaigns(db: Db) {
	return listCampaignSummaries(db);
}

/** The revision token an edit form carries: the campaign's last change, to the microsecond. */
export function campaignRevision(updatedAt: Date | string): string {
	return new Date(updatedAt).toISOString();
}

/** A new campaign with an empty draft criteria set, version 1 of its first audience's, to edit. */
export async function createCampaign(
	db: Db,
	actor: AdminActor,
	code: string,
	settings: CampaignSettings
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const id = await insertCampaign(trx, { code, ...settings });
		if (id === undefined) throw new InvalidInput({ code: 'code_taken' });
		await insertCriteriaSet(trx, {
			campaignId: id,
			audience: audiencesOf(settings.applies_to)[0],
			version: 1,
			status: 'draft'
		});
		await writeAudit(trx, {
			actor,
			action: 'campaign.create',
			entityType: 'campaign',
			entityId: code,
			after: { code, ...settings },
			ip: actor.ip
		});
	});
}

/** The settings a campaign holds, as the settings form's parser gives them. */
function settingsOf(campaign: Campaign): CampaignSettings {
	return {
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

/** Locks the campaign a form was read from, or refuses: missing, or changed since. */
async function lockFromForm(trx: Db, code: string, revision: string, missing: () => Refusal) {
	const campaign = await lockCampaign(trx, code);
	if (!campaign) throw missing();
	if (campaignRevision(campaign.updated_at) !== revision) throw new StaleForm();
	return campaign;
}

export async function updateCampaign(
	db: Db,
	actor: AdminActor,
	code: string,
	revision: string,
	settings: CampaignSettings
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const campaign = await lockFromForm(trx, code, revision, () => new NotFound());
		const { was, now } = changes(settingsOf(campaign), settings);
		if (Object.keys(now).length === 0) return;
		await updateCampaignRow(trx, campaign.id, settings);
		await writeAudit(trx, {
			actor,
			action: 'campaign.update',
			entityType: 'campaign',
			entityId: code,
			before: was,
			after: now,
			ip: actor.ip
		});
	});
}

/** The units a roadmap may single out: the districts below the administrator's scope unit. */
export function listRoadmapDistricts(db: Db, scopePath: string, campaignId: number) {
	return listRoadmapUnits(db, scopePath, campaignId);
}

/** Replaces the campaign's roadmap with the grid's cells; district codes must be listed ones. */
export async function saveRoadmap(
	db: Db,
	actor: AdminActor,
	code: string,
	revision: string,
	cells: readonly RoadmapCell[],
	districts: readonly { id: number; code: string }[]
): Promise<void> {
	const districtIds = new Map(districts.map((district) => [district.code, district.id]));
	await db.transaction().execute(async (trx) => {
		// A campaign gone since the page was drawn is a form out of date like any other.
		const campaign = await lockFromForm(trx, code, revision, () => new StaleForm());
		const before = await listRoadmapForAudit(trx, campaign.id);
		// '*' the province's row, 'block:institution' a block's, a code a district's.
		const describe = (
			rows: readonly { year: number; share: number; code: string | null; block: string | null }[]
		) =>
			rows.map(
				(row) =>
					`${row.code ?? (row.block ? `block:${row.block}` : '*')} ${row.year}: ${Number(row.share) * 100}%`
			);
		await replaceRoadmap(
			trx,
			campaign.id,
			cells.map((cell) => ({
				year: cell.year,
				share: cell.share,
				unitId: cell.unitCode === null ? null : districtIds.get(cell.unitCode)!,
				block: cell.block ?? null
			}))
		);
		await updateCampaignRow(trx, campaign.id);
		const after = describe(
			cells.map((cell) => ({ ...cell, code: cell.unitCode, block: cell.block ?? null }))
		);
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
	});
}
