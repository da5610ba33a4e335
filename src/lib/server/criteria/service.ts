// Criteria set versions in the administration: drafting the next version from the latest published
// one, importing a file into the draft, publishing it, deleting it. The edits of a draft's groups
// and criteria are in ./items.ts; the lock every edit takes is in ./drafts.ts.
import type { Kysely } from 'kysely';
import {
	AUDIENCES,
	audiencesOf,
	isAudience,
	kindsOfAudience,
	type Audience
} from '../../domain/audiences';
import {
	criteriaCount,
	isPublishOnly,
	totalPoints,
	validateSet,
	type CriteriaSetContent
} from '../../domain/criteria-set';
import { audienceMismatch, type FileAudience } from '../../domain/set-audience';
import type { LoadedGroup } from '../../types/criteria';
import { writeAudit } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import { lockCampaignById } from '../campaigns/repository';
import type { Database } from '../db/schema';
import { NotFound } from '../failure';
import {
	audit,
	DraftRefusal,
	editDraft,
	FileAudienceRefusal,
	lockDraft,
	setRecord,
	type DraftRef,
	type DraftState
} from './drafts';
import {
	deleteCriteriaSet,
	deleteSetContent,
	findCriteriaSet,
	insertCriteriaSet,
	insertSetContent,
	isCriteriaSetInUse,
	listCriteriaSets,
	listVersionStatuses,
	loadContent,
	markPublished,
	toContent
} from './repository';

export {
	findCriteriaSet,
	listCriteriaSets,
	listPublishedCriteriaSets,
	loadCampaignFileHead,
	toContent
} from './repository';

type Db = Kysely<Database>;

/** A version number as an address writes it; null when it cannot be one. */
export function versionOf(text: string): number | null {
	return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/**
 * The name of a version's download, without its extension: the communes' set keeps the names it
 * always had (PT-X-criteria-v2), another audience's set names it (PT-X-criteria-school-v1).
 */
export function exportName(
	campaignCode: string,
	set: { audience: Audience; version: number; status: string }
) {
	const audience = set.audience === 'area' ? '' : `-${set.audience}`;
	const draft = set.status === 'draft' ? '-draft' : '';
	return `${campaignCode}-criteria${audience}-v${set.version}${draft}`;
}

/** A version of the audience's set the campaign has, or 404. */
export async function criteriaSetOf(db: Db, campaignId: number, audience: string, version: string) {
	const number = versionOf(version);
	const set =
		number === null || !isAudience(audience)
			? undefined
			: await findCriteriaSet(db, campaignId, audience, number);
	if (!set) throw new NotFound();
	return set;
}

/**
 * The criteria page: a section per audience the campaign needs (audiences.ts), and per audience
 * whose versions it still holds though its kinds were taken off the campaign since.
 */
export async function criteriaByAudience(
	db: Db,
	campaign: { id: number; applies_to: readonly string[] }
) {
	const versions = await listCriteriaSets(db, campaign.id, null);
	const needed = audiencesOf(campaign.applies_to);
	const held = new Set(versions.map((set) => set.audience));
	return AUDIENCES.filter((audience) => needed.includes(audience) || held.has(audience)).map(
		(audience) => {
			const own = versions.filter((set) => set.audience === audience);
			return {
				audience,
				needed: needed.includes(audience),
				kinds: kindsOfAudience(campaign.applies_to, audience),
				versions: own,
				draft: own.find((set) => set.status === 'draft') ?? null,
				latestPublished: own.find((set) => set.status === 'published') ?? null
			};
		}
	);
}

/** The audience's latest published version, as "new version from vN" names it; null when none is. */
export async function latestPublishedVersion(db: Db, campaignId: number, audience: Audience) {
	const sets = await listCriteriaSets(db, campaignId, audience);
	return sets.find((set) => set.status === 'published')?.version ?? null;
}

/**
 * Starts the audience's next version as a draft, copying its latest published version's groups
 * and criteria (an empty draft when none is published). Refused while the audience has a draft.
 */
export async function startDraft(
	db: Db,
	actor: AdminActor,
	input: { campaignId: number; audience: Audience }
): Promise<DraftState> {
	return db.transaction().execute(async (trx) => {
		// One draft per audience: lock the campaign so two admins cannot both start one.
		await lockCampaignById(trx, input.campaignId);
		const sets = await listVersionStatuses(trx, input.campaignId, input.audience);
		if (sets.some((set) => set.status === 'draft')) throw new DraftRefusal('draft_exists');
		const source = sets.find((set) => set.status === 'published');
		const version = (sets[0]?.version ?? 0) + 1;
		const draft = await insertCriteriaSet(trx, {
			campaignId: input.campaignId,
			audience: input.audience,
			version,
			status: 'draft'
		});
		const content = source ? await loadContent(trx, source.id) : { groups: [] };
		await insertSetContent(trx, draft.id, content);
		await writeAudit(
			trx,
			audit(actor, 'criteria_set.create', 'criteria_set', draft.id, undefined, {
				...setRecord({ audience: input.audience, version }, content),
				from_version: source?.version ?? null
			})
		);
		return { version, revision: draft.revision };
	});
}

/** Publishes a draft when its content is valid: from then on it never changes. */
export async function publishDraft(db: Db, actor: AdminActor, ref: DraftRef): Promise<DraftState> {
	return db.transaction().execute(async (trx) => {
		const set = await lockDraft(trx, ref);
		const content = await loadContent(trx, set.id);
		const issues = validateSet(content);
		if (issues.length > 0) throw new DraftRefusal('invalid', issues);
		const revision = await markPublished(trx, set.id, actor.id);
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria_set.publish',
				'criteria_set',
				set.id,
				{ audience: set.audience, version: set.version, status: 'draft' },
				{ ...setRecord(set, content), status: 'published' }
			)
		);
		return { version: set.version, revision };
	});
}

/** Deletes a draft no period names (a period may only name a published version anyway). */
export async function deleteDraft(db: Db, actor: AdminActor, ref: DraftRef): Promise<DraftState> {
	return db.transaction().execute(async (trx) => {
		const set = await lockDraft(trx, ref);
		if (await isCriteriaSetInUse(trx, set.id)) throw new DraftRefusal('in_use');
		const content = await loadContent(trx, set.id);
		await deleteCriteriaSet(trx, set.id);
		await writeAudit(
			trx,
			audit(actor, 'criteria_set.delete', 'criteria_set', set.id, setRecord(set, content))
		);
		return { version: set.version, revision: set.revision };
	});
}

/**
 * Replaces everything in the draft with an imported set, all or nothing. Refused when the file
 * names another audience than the draft's, or when the content has problems a draft cannot hold
 * (bad fields, duplicate codes); an unbalanced points total is kept, for the editor to fix before
 * publishing.
 */
export async function importIntoDraft(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	content: CriteriaSetContent,
	named: FileAudience = { ok: true, audience: null }
): Promise<DraftState> {
	const mismatch = audienceMismatch(named, ref.audience);
	if (mismatch) throw new FileAudienceRefusal(mismatch);
	const blocking = validateSet(content).filter((issue) => !isPublishOnly(issue));
	if (blocking.length > 0) throw new DraftRefusal('import_invalid', blocking);
	return editDraft(db, ref, async (trx, draft) => {
		const before = await loadContent(trx, draft.id);
		await deleteSetContent(trx, draft.id);
		await insertSetContent(trx, draft.id, content);
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria_set.import',
				'criteria_set',
				draft.id,
				setRecord(draft, before),
				setRecord(draft, content)
			)
		);
	});
}

/** The summary the editor always shows: points total, criteria count and every problem. */
export function summarise(groups: readonly LoadedGroup[]) {
	const content = toContent(groups);
	return {
		totalPoints: totalPoints(content),
		criteriaCount: criteriaCount(content),
		issues: validateSet(content)
	};
}
