// Criteria sets in the database: the versions of a campaign, one version whole, and the writes of a
// version as a whole (a new version, its content, its revision, publishing, deleting).
import { sql, type Kysely } from 'kysely';
import type { Audience } from '../../domain/audiences';
import type { CampaignFileHead } from '../../domain/campaign-file';
import type { CriteriaSetContent } from '../../domain/criteria-set';
import type {
	CriteriaSetStatus,
	CriteriaSetVersion,
	LoadedCriteriaSet,
	LoadedGroup
} from '../../types/criteria';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/**
 * The versions of a campaign's set for an audience (or for every audience), newest first, with what
 * every page shows of a version.
 */
function versionsOf(db: Db, campaignId: number, audience: Audience | null) {
	let query = db
		.selectFrom('criteria_sets as s')
		.leftJoin('users as u', 'u.id', 's.published_by')
		.select([
			's.id',
			's.campaign_id',
			's.audience',
			's.version',
			's.status',
			's.revision',
			's.created_at',
			's.published_at',
			'u.username',
			sql<number>`(SELECT count(*) FROM period_criteria_sets p
				WHERE p.criteria_set_id = s.id)::int`.as('period_count')
		])
		.where('s.campaign_id', '=', campaignId);
	if (audience !== null) query = query.where('s.audience', '=', audience);
	return query.orderBy('s.version', 'desc');
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionsOf>['executeTakeFirstOrThrow']>>;

const version = (row: VersionRow) => ({
	id: row.id,
	audience: row.audience,
	version: row.version,
	status: row.status,
	revision: row.revision,
	createdAt: row.created_at,
	publishedAt: row.published_at,
	publishedBy: row.username,
	periodCount: Number(row.period_count)
});

/** Every version of a campaign's set for an audience (null: every audience's), newest first. */
export async function listCriteriaSets(
	db: Db,
	campaignId: number,
	audience: Audience | null
): Promise<CriteriaSetVersion[]> {
	const rows = await versionsOf(db, campaignId, audience)
		.select([
			sql<number>`(SELECT count(*) FROM criteria c WHERE c.criteria_set_id = s.id)::int`.as(
				'criteria_count'
			),
			sql<number>`(SELECT coalesce(sum(c.points), 0) FROM criteria c
				WHERE c.criteria_set_id = s.id)`.as('total_points')
		])
		.execute();
	return rows.map((row) => ({
		...version(row),
		criteriaCount: Number(row.criteria_count),
		totalPoints: Number(row.total_points)
	}));
}

/** The published versions only, newest first: what a period may score the audience against. */
export async function listPublishedCriteriaSets(db: Db, campaignId: number, audience: Audience) {
	return (await listCriteriaSets(db, campaignId, audience)).filter(
		(set) => set.status === 'published'
	);
}

/** One version with its groups and criteria in order; undefined when the campaign has no such version. */
export async function findCriteriaSet(
	db: Db,
	campaignId: number,
	audience: Audience,
	versionNumber: number
): Promise<LoadedCriteriaSet | undefined> {
	if (!Number.isSafeInteger(versionNumber) || versionNumber < 1) return undefined;
	const set = await versionsOf(db, campaignId, audience)
		.where('s.version', '=', versionNumber)
		.executeTakeFirst();
	if (!set) return undefined;
	return { ...version(set), campaignId: set.campaign_id, groups: await loadGroups(db, set.id) };
}

export async function loadGroups(db: Db, setId: number): Promise<LoadedGroup[]> {
	const [groups, criteria] = await Promise.all([
		db
			.selectFrom('criteria_groups')
			.select(['id', 'code', 'name_vi', 'name_en', 'position'])
			.where('criteria_set_id', '=', setId)
			.orderBy('position')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('criteria')
			.selectAll()
			.where('criteria_set_id', '=', setId)
			.orderBy('position')
			.orderBy('id')
			.execute()
	]);
	return groups.map((group) => ({
		...group,
		criteria: criteria
			.filter((criterion) => criterion.group_id === group.id)
			.map((criterion) => ({
				id: criterion.id,
				groupId: criterion.group_id,
				position: criterion.position,
				code: criterion.code,
				title_vi: criterion.title_vi,
				title_en: criterion.title_en,
				type: criterion.type,
				comparator: criterion.comparator,
				target_number: criterion.target_number === null ? null : Number(criterion.target_number),
				target_rating: criterion.target_rating,
				points: Number(criterion.points),
				mandatory: criterion.mandatory,
				evidence_required: criterion.evidence_required,
				guidance_vi: criterion.guidance_vi,
				guidance_en: criterion.guidance_en
			}))
	}));
}

/** The set as content: what validation, export and import speak. */
export function toContent(groups: readonly LoadedGroup[]): CriteriaSetContent {
	return {
		groups: groups.map((group) => ({
			code: group.code,
			name_vi: group.name_vi,
			name_en: group.name_en,
			criteria: group.criteria.map(
				// eslint-disable-next-line @typescript-eslint/no-unused-vars
				({ id, groupId, position, ...content }) => content
			)
		}))
	};
}

export async function loadContent(db: Db, setId: number): Promise<CriteriaSetContent> {
	return toContent(await loadGroups(db, setId));
}

/** The campaign's own fields for the head of an exported campaign file. */
export async function loadCampaignFileHead(db: Db, campaignId: number): Promise<CampaignFileHead> {
	const campaign = await db
		.selectFrom('campaigns')
		.selectAll()
		.where('id', '=', campaignId)
		.executeTakeFirstOrThrow();
	const roadmap = await db
		.selectFrom('roadmap_targets')
		.select(['year', 'share'])
		.where('campaign_id', '=', campaignId)
		// The campaign's own path: not a district's, not a block's.
		.where('unit_id', 'is', null)
		.where('block', 'is', null)
		.orderBy('year')
		.execute();
	return {
		code: campaign.code,
		name_vi: campaign.name_vi,
		name_en: campaign.name_en,
		source_vi: campaign.source_vi || undefined,
		applies_to: campaign.applies_to,
		start_date: campaign.start_date,
		target_date: campaign.target_date,
		target_share: Number(campaign.target_share),
		recognition: {
			min_score: Number(campaign.min_score),
			all_mandatory: campaign.all_mandatory
		},
		district_recognition:
			campaign.district_min_share === null
				? undefined
				: { min_share_recognized: Number(campaign.district_min_share) },
		roadmap: roadmap.map((step) => ({ year: step.year, share: Number(step.share) })),
		note: campaign.note || undefined
	};
}

// ——— Writing a version ———

/** A campaign's versions for an audience, newest first, locked by whoever holds the campaign's row. */
export function listVersionStatuses(db: Db, campaignId: number, audience: Audience) {
	return db
		.selectFrom('criteria_sets')
		.select(['id', 'version', 'status'])
		.where('campaign_id', '=', campaignId)
		.where('audience', '=', audience)
		.orderBy('version', 'desc')
		.execute();
}

/**
 * Published sets must say when; the seed dates its first versions from the campaign's start. A set
 * is for communes, wards and townships ('area') unless it names another audience.
 */
export function insertCriteriaSet(
	db: Db,
	set: {
		campaignId: number;
		audience?: Audience;
		version: number;
		status: CriteriaSetStatus;
		publishedAt?: Date;
	}
) {
	return db
		.insertInto('criteria_sets')
		.values({
			campaign_id: set.campaignId,
			audience: set.audience ?? 'area',
			version: set.version,
			status: set.status,
			published_at: set.publishedAt ?? null
		})
		.returning(['id', 'revision'])
		.executeTakeFirstOrThrow();
}

/** The version an edit is for, held until the transaction ends. */
export function lockCriteriaSet(
	db: Db,
	campaignId: number,
	audience: Audience,
	versionNumber: number
) {
	return db
		.selectFrom('criteria_sets')
		.select(['id', 'audience', 'version', 'status', 'revision'])
		.where('campaign_id', '=', campaignId)
		.where('audience', '=', audience)
		.where('version', '=', versionNumber)
		.forUpdate()
		.executeTakeFirst();
}

/** Counts an edit of a draft; returns the new revision. */
export async function bumpRevision(db: Db, setId: number): Promise<number> {
	const { revision } = await db
		.updateTable('criteria_sets')
		.set((eb) => ({ revision: eb('revision', '+', 1) }))
		.where('id', '=', setId)
		.returning('revision')
		.executeTakeFirstOrThrow();
	return revision;
}

/** From now on the set never changes (the database refuses it too); returns the last revision. */
export async function markPublished(db: Db, setId: number, userId: number): Promise<number> {
	const { revision } = await db
		.updateTable('criteria_sets')
		.set((eb) => ({
			status: 'published',
			published_at: new Date(),
			published_by: userId,
			revision: eb('revision', '+', 1)
		}))
		.where('id', '=', setId)
		.returning('revision')
		.executeTakeFirstOrThrow();
	return revision;
}

/** Whether a period names the set for its audience: then it stays. */
export async function isCriteriaSetInUse(db: Db, setId: number): Promise<boolean> {
	const used = await db
		.selectFrom('period_criteria_sets')
		.select('period_id')
		.where('criteria_set_id', '=', setId)
		.executeTakeFirst();
	return used !== undefined;
}

export async function deleteCriteriaSet(db: Db, setId: number) {
	await db.deleteFrom('criteria_sets').where('id', '=', setId).execute();
}

/**
 * Writes a set's groups and criteria in their order: the one writer of criteria sets, for a new
 * version, an import and the demo seed alike. Positions run on across groups.
 */
export async function insertSetContent(db: Db, setId: number, content: CriteriaSetContent) {
	let position = 0;
	for (const [index, group] of content.groups.entries()) {
		const { id: groupId } = await db
			.insertInto('criteria_groups')
			.values({
				criteria_set_id: setId,
				code: group.code,
				name_vi: group.name_vi,
				name_en: group.name_en,
				position: index + 1
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (group.criteria.length === 0) continue;
		await db
			.insertInto('criteria')
			.values(
				group.criteria.map((criterion) => ({
					...criterion,
					criteria_set_id: setId,
					group_id: groupId,
					position: ++position
				}))
			)
			.execute();
	}
}

/** Empties a draft: its groups go, and their criteria with them. */
export async function deleteSetContent(db: Db, setId: number) {
	await db.deleteFrom('criteria_groups').where('criteria_set_id', '=', setId).execute();
}
