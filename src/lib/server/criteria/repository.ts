// Reading criteria sets: the versions of a campaign, and one version whole.
import { sql, type Kysely } from 'kysely';
import type { CriteriaSetContent, CriterionContent } from '../../domain/criteria-set';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface CriteriaSetVersion {
	id: number;
	version: number;
	status: 'draft' | 'published';
	revision: number;
	createdAt: Date;
	publishedAt: Date | null;
	publishedBy: string | null;
	criteriaCount: number;
	totalPoints: number;
	/** Periods that name this version: each was, or will be, scored against it. */
	periodCount: number;
}

export interface LoadedCriterion extends CriterionContent {
	id: number;
	groupId: number;
	position: number;
}

export interface LoadedGroup {
	id: number;
	code: string;
	name_vi: string;
	name_en: string;
	position: number;
	criteria: LoadedCriterion[];
}

export interface LoadedCriteriaSet extends Omit<
	CriteriaSetVersion,
	'criteriaCount' | 'totalPoints'
> {
	campaignId: number;
	groups: LoadedGroup[];
}

/** Every version of a campaign's criteria set, newest first. */
export async function listCriteriaSets(db: Db, campaignId: number): Promise<CriteriaSetVersion[]> {
	const rows = await db
		.selectFrom('criteria_sets as s')
		.leftJoin('users as u', 'u.id', 's.published_by')
		.select([
			's.id',
			's.version',
			's.status',
			's.revision',
			's.created_at',
			's.published_at',
			'u.username',
			sql<number>`(SELECT count(*) FROM criteria c WHERE c.criteria_set_id = s.id)::int`.as(
				'criteria_count'
			),
			sql<number>`(SELECT coalesce(sum(c.points), 0) FROM criteria c
				WHERE c.criteria_set_id = s.id)`.as('total_points'),
			sql<number>`(SELECT count(*) FROM periods p WHERE p.criteria_set_id = s.id)::int`.as(
				'period_count'
			)
		])
		.where('s.campaign_id', '=', campaignId)
		.orderBy('s.version', 'desc')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		version: row.version,
		status: row.status,
		revision: row.revision,
		createdAt: row.created_at,
		publishedAt: row.published_at,
		publishedBy: row.username,
		criteriaCount: Number(row.criteria_count),
		totalPoints: Number(row.total_points),
		periodCount: Number(row.period_count)
	}));
}

/** The published versions only, newest first: what a period may be scored against. */
export async function listPublishedCriteriaSets(db: Db, campaignId: number) {
	return (await listCriteriaSets(db, campaignId)).filter((set) => set.status === 'published');
}

/** One version with its groups and criteria in order; undefined when the campaign has no such version. */
export async function findCriteriaSet(
	db: Db,
	campaignId: number,
	version: number
): Promise<LoadedCriteriaSet | undefined> {
	if (!Number.isSafeInteger(version) || version < 1) return undefined;
	const set = await db
		.selectFrom('criteria_sets as s')
		.leftJoin('users as u', 'u.id', 's.published_by')
		.select([
			's.id',
			's.campaign_id',
			's.version',
			's.status',
			's.revision',
			's.created_at',
			's.published_at',
			'u.username',
			sql<number>`(SELECT count(*) FROM periods p WHERE p.criteria_set_id = s.id)::int`.as(
				'period_count'
			)
		])
		.where('s.campaign_id', '=', campaignId)
		.where('s.version', '=', version)
		.executeTakeFirst();
	if (!set) return undefined;
	return {
		id: set.id,
		campaignId: set.campaign_id,
		version: set.version,
		status: set.status,
		revision: set.revision,
		createdAt: set.created_at,
		publishedAt: set.published_at,
		publishedBy: set.username,
		periodCount: Number(set.period_count),
		groups: await loadGroups(db, set.id)
	};
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

/** The campaign's own fields for the head of an exported campaign file. */
export async function loadCampaignFileHead(db: Db, campaignId: number) {
	const campaign = await db
		.selectFrom('campaigns')
		.selectAll()
		.where('id', '=', campaignId)
		.executeTakeFirstOrThrow();
	const roadmap = await db
		.selectFrom('roadmap_targets')
		.select(['year', 'share'])
		.where('campaign_id', '=', campaignId)
		.where('unit_id', 'is', null)
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
