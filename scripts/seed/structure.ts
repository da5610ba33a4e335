// Writes the structural data of a seed: units, campaigns with their criteria, roadmap and periods.
// Every insert is keyed by a natural key and skips what exists, so running twice changes nothing.
// Campaigns and criteria sets go through the application's own repositories, so the seed writes
// them exactly as the administration does.
import { sql, type Kysely } from 'kysely';
import { addDays, parsePeriodLabel, vnDate } from '../../src/lib/domain/periods';
import { audiencesOf, type Audience, type Block } from '../../src/lib/domain/audiences';
import { parseCampaignData } from '../../src/lib/domain/campaign-file-sets';
import { validateSet } from '../../src/lib/domain/criteria-set';
import { storedTarget } from '../../src/lib/domain/scoring';
import {
	insertCampaign as insertCampaignRow,
	replaceRoadmap
} from '../../src/lib/server/campaigns/repository';
import { insertCriteriaSet, insertSetContent } from '../../src/lib/server/criteria/repository';
import type { Database } from '../../src/lib/server/db/schema';
import { insertUnitsWithVersions } from '../../src/lib/server/units/structure';
import type { HistoryCriterion, HistoryPeriod } from './history';
import type { CampaignDefinition, UnitRecord } from './reference';

type Db = Kysely<Database>;

const CHUNK = 1000;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
	const result: T[][] = [];
	for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
	return result;
}

/** Inserts the units a parent at a time down the tree, with their versions; paths are built from
 * registry codes. A code any unit holds or held is skipped: after a reorganisation the registry's
 * retired units are still the ones it names. */
export async function insertUnits(db: Db, records: readonly UnitRecord[]): Promise<number> {
	const known = new Map(
		(
			await db
				.selectFrom('units')
				.select(['id', 'code', 'path'])
				// The active holder of a reused code last, so it is the one kept.
				.orderBy(sql`status = 'active'`)
				.execute()
		).map((unit) => [unit.code, unit])
	);
	let inserted = 0;
	const levels = [...new Set(records.map((record) => record.level))].sort((a, b) => a - b);
	for (const level of levels) {
		const rows = records
			.filter((record) => record.level === level && !known.has(record.code))
			.map((record) => {
				const parent = record.parentCode ? known.get(record.parentCode) : undefined;
				if (record.parentCode && !parent) {
					throw new Error(`Unit ${record.code}: parent ${record.parentCode} is unknown`);
				}
				return {
					code: record.code,
					name: record.name,
					type_vi: record.typeVi,
					kind: record.kind,
					parent_id: parent?.id ?? null,
					level: record.level,
					path: `${parent?.path ?? '/'}${record.code}/`
				};
			});
		for (const batch of chunks(rows)) {
			const added = await insertUnitsWithVersions(db, batch);
			for (const unit of added) known.set(unit.code, unit);
			inserted += added.length;
		}
	}
	return inserted;
}

/** A published set of the campaign: the one its audience's units are scored against. */
export interface SeededSet {
	audience: Audience;
	criteriaSetId: number;
	criteria: HistoryCriterion[];
}

export interface SeededCampaign {
	id: number;
	created: boolean;
	/** The first audience's set (every period's own `criteria_set_id`). */
	criteriaSetId: number;
	criteria: HistoryCriterion[];
	/** A set per audience the campaign counts, the first audience's first. */
	sets: SeededSet[];
	periods: HistoryPeriod[];
}

/**
 * Inserts a campaign with a published criteria set per audience and its roadmaps, unless it
 * exists; then its periods, each naming every audience's set.
 */
export async function insertCampaign(
	db: Db,
	definition: CampaignDefinition,
	periodLabels: readonly string[],
	now: Date
): Promise<SeededCampaign> {
	const existing = await db
		.selectFrom('campaigns')
		.select('id')
		.where('code', '=', definition.code)
		.executeTakeFirst();
	const id = existing?.id ?? (await insertCampaignRows(db, definition));
	const sets: SeededSet[] = [];
	for (const audience of audiencesOf(definition.applies_to)) {
		const set = await db
			.selectFrom('criteria_sets')
			.select('id')
			.where('campaign_id', '=', id)
			.where('audience', '=', audience)
			.where('status', '=', 'published')
			.orderBy('version', 'desc')
			.executeTakeFirstOrThrow();
		sets.push({ audience, criteriaSetId: set.id, criteria: await historyCriteria(db, set.id) });
	}
	await insertPeriods(db, id, sets[0].criteriaSetId, periodLabels, now);
	await nameOtherSets(db, id, sets.slice(1));
	const periods = await db
		.selectFrom('periods')
		.select(['id', 'label', 'starts_on', 'ends_on'])
		.where('campaign_id', '=', id)
		.where('label', 'in', periodLabels)
		.orderBy('starts_on')
		.execute();
	return {
		id,
		created: !existing,
		criteriaSetId: sets[0].criteriaSetId,
		criteria: sets[0].criteria,
		sets,
		periods: periods.map((period) => ({
			id: period.id,
			label: period.label,
			startsOn: period.starts_on,
			endsOn: period.ends_on
		}))
	};
}

async function historyCriteria(db: Db, criteriaSetId: number): Promise<HistoryCriterion[]> {
	const criteria = await db
		.selectFrom('criteria')
		.selectAll()
		.where('criteria_set_id', '=', criteriaSetId)
		.orderBy('position')
		.execute();
	return criteria.map((criterion) => ({
		id: criterion.id,
		code: criterion.code,
		type: criterion.type,
		comparator: criterion.comparator,
		target: storedTarget(criterion),
		points: criterion.points,
		mandatory: criterion.mandatory
	}));
}

/** Every period of the campaign scores the other audiences against their sets (kept if named). */
async function nameOtherSets(db: Db, campaignId: number, sets: readonly SeededSet[]) {
	for (const set of sets) {
		await sql`
			INSERT INTO period_criteria_sets (period_id, campaign_id, audience, criteria_set_id)
			SELECT id, campaign_id, ${set.audience}, ${set.criteriaSetId} FROM periods
			WHERE campaign_id = ${campaignId}
			ON CONFLICT (period_id, audience) DO NOTHING
		`.execute(db);
	}
}

/**
 * The campaign, its roadmaps and a criteria set per audience, published, written as the admin's
 * are: the file's `groups` for the first audience, its `sets` for the others.
 */
async function insertCampaignRows(db: Db, definition: CampaignDefinition): Promise<number> {
	const parsed = parseCampaignData(definition);
	if (!parsed.ok) throw new Error(`${definition.code}: ${JSON.stringify(parsed.issues)}`);
	const audiences = audiencesOf(definition.applies_to);
	const contents = [
		{ audience: audiences[0], content: parsed.content },
		...parsed.sets.map((set) => ({ audience: set.audience, content: set.content }))
	];
	for (const { audience, content } of contents) {
		const issues = validateSet(content);
		if (issues.length > 0)
			throw new Error(`${definition.code}/${audience}: ${JSON.stringify(issues)}`);
	}
	const id = await insertCampaignRow(db, {
		code: definition.code,
		name_vi: definition.name_vi,
		name_en: definition.name_en,
		source_vi: definition.source_vi ?? '',
		note: definition.note ?? '',
		applies_to: definition.applies_to,
		start_date: definition.start_date,
		target_date: definition.target_date,
		target_share: definition.target_share,
		min_score: definition.recognition.min_score,
		all_mandatory: definition.recognition.all_mandatory,
		district_min_share: definition.district_recognition?.min_share_recognized ?? null
	});
	if (id === undefined) throw new Error(`Campaign ${definition.code} exists already`);
	// The campaign's own targets and each block's, as the settings page writes them.
	await replaceRoadmap(db, id, [
		...definition.roadmap.map((step) => ({ ...step, unitId: null })),
		...Object.entries(parsed.roadmapByBlock).flatMap(([block, steps]) =>
			(steps ?? []).map((step) => ({ ...step, unitId: null, block: block as Block }))
		)
	]);
	// Published from the start: a seeded history was scored against them all along.
	const publishedAt = new Date(`${definition.start_date}T08:00:00+07:00`);
	for (const { audience, content } of contents) {
		const set = await insertCriteriaSet(db, {
			campaignId: id,
			audience,
			version: 1,
			status: 'published',
			publishedAt
		});
		await insertSetContent(db, set.id, content);
	}
	return id;
}

/** Periods close 15 days after they end, at 17:00 local time; open from their first day. */
async function insertPeriods(
	db: Db,
	campaignId: number,
	criteriaSetId: number,
	labels: readonly string[],
	now: Date
) {
	const today = vnDate(now);
	const rows = labels.map((label) => {
		const span = parsePeriodLabel(label);
		if (!span) throw new Error(`Not a period label: ${label}`);
		const closesAt = new Date(`${addDays(span.endsOn, 15)}T17:00:00+07:00`);
		return {
			campaign_id: campaignId,
			label,
			kind: span.kind,
			starts_on: span.startsOn,
			ends_on: span.endsOn,
			closes_at: closesAt,
			status:
				closesAt <= now
					? ('closed' as const)
					: span.startsOn > today
						? ('planned' as const)
						: ('open' as const),
			criteria_set_id: criteriaSetId
		};
	});
	for (const batch of chunks(rows)) {
		await db
			.insertInto('periods')
			.values(batch)
			.onConflict((conflict) => conflict.columns(['campaign_id', 'label']).doNothing())
			.execute();
	}
}
