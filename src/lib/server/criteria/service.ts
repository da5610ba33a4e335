// Criteria set versions in the administration: drafting a new version from the latest published
// one, editing the draft, importing a file into it, publishing it. A published version never
// changes (past periods were scored against it); every edit of a draft checks and bumps its
// revision, so two admins never overwrite each other; every change is audited.
import type { Kysely, Transaction } from 'kysely';
import {
	criteriaCount,
	isPublishOnly,
	totalPoints,
	validateCriterion,
	validateGroupFields,
	validateSet,
	type CriteriaSetContent,
	type CriterionContent,
	type IssueProblem,
	type SetIssue
} from '../../domain/criteria-set';
import { writeAudit, type AuditEntry } from '../audit/repository';
import type { Database } from '../db/schema';
import type { AdminActor } from '../auth/guards';
import { loadGroups, toContent, type LoadedGroup } from './repository';

export {
	findCriteriaSet,
	listCriteriaSets,
	listPublishedCriteriaSets,
	loadCampaignFileHead,
	toContent
} from './repository';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** Why a whole request is refused (as opposed to one field of it). */
export type FormProblem =
	'not_found' | 'published' | 'stale' | 'draft_exists' | 'invalid' | 'in_use' | 'import_invalid';

export type EditErrors = { form?: FormProblem } & Record<string, IssueProblem | FormProblem>;

export type EditResult =
	| { ok: true; version: number; revision: number }
	| { ok: false; errors: EditErrors; issues?: SetIssue[] };

/** Which draft an edit is for, and the revision the form was drawn from. */
export interface DraftRef {
	campaignId: number;
	version: number;
	revision: number;
}

export interface GroupFields {
	code: string;
	name_vi: string;
	name_en: string;
}

export type Direction = 'up' | 'down';

const refuse = (form: FormProblem, issues?: SetIssue[]): EditResult => ({
	ok: false,
	errors: { form },
	...(issues ? { issues } : {})
});

const fieldErrors = (issues: { field: string; problem: IssueProblem }[]): EditResult => ({
	ok: false,
	errors: Object.fromEntries(issues.map((issue) => [issue.field, issue.problem])) as EditErrors
});

interface LockedDraft {
	id: number;
	version: number;
	revision: number;
}

/**
 * Runs one edit of a draft: locks the set, refuses a published or stale one, runs `work`, then
 * bumps the revision. `work` checks before it writes; returning a refusal writes nothing.
 */
/** Locks the draft an edit is for, or says why it cannot be edited from that form. */
async function lockDraft(trx: Trx, ref: DraftRef): Promise<LockedDraft | EditResult> {
	const set = await trx
		.selectFrom('criteria_sets')
		.select(['id', 'version', 'status', 'revision'])
		.where('campaign_id', '=', ref.campaignId)
		.where('version', '=', ref.version)
		.forUpdate()
		.executeTakeFirst();
	if (!set) return refuse('not_found');
	if (set.status === 'published') return refuse('published');
	if (set.revision !== ref.revision) return refuse('stale');
	return set;
}

async function editDraft(
	db: Db,
	ref: DraftRef,
	work: (trx: Trx, draft: LockedDraft) => Promise<EditResult | void>
): Promise<EditResult> {
	return db.transaction().execute(async (trx) => {
		const set = await lockDraft(trx, ref);
		if ('ok' in set) return set;
		const refused = await work(trx, set);
		if (refused && !refused.ok) return refused;
		const { revision } = await trx
			.updateTable('criteria_sets')
			.set((eb) => ({ revision: eb('revision', '+', 1) }))
			.where('id', '=', set.id)
			.returning('revision')
			.executeTakeFirstOrThrow();
		return { ok: true, version: set.version, revision };
	});
}

const audit = (
	actor: AdminActor,
	action: string,
	entityType: string,
	entityId: number,
	before?: unknown,
	after?: unknown
): AuditEntry => ({
	actor,
	action,
	entityType,
	entityId,
	before,
	after,
	ip: actor.ip
});

/** A criterion as the audit trail shows it: every field, targets as one. */
function criterionRecord(criterion: CriterionContent, group?: string) {
	return {
		...(group === undefined ? {} : { group }),
		code: criterion.code,
		title_vi: criterion.title_vi,
		title_en: criterion.title_en,
		type: criterion.type,
		comparator: criterion.comparator,
		target: criterion.target_rating ?? criterion.target_number,
		points: criterion.points,
		mandatory: criterion.mandatory,
		evidence_required: criterion.evidence_required,
		guidance_vi: criterion.guidance_vi,
		guidance_en: criterion.guidance_en
	};
}

/** A set in a line or two for the audit trail: version, counts and codes. */
function setRecord(version: number, content: CriteriaSetContent) {
	return {
		version,
		groups: content.groups.map((group) => group.code),
		criteria: content.groups.flatMap((group) => group.criteria.map((c) => c.code)),
		points: totalPoints(content)
	};
}

// ——— Versions ———

/**
 * Starts the next version as a draft, copying the latest published version's groups and
 * criteria (an empty draft when none is published). Refused while a draft exists.
 */
export async function startDraft(
	db: Db,
	actor: AdminActor,
	input: { campaignId: number }
): Promise<EditResult> {
	return db.transaction().execute(async (trx) => {
		// One draft per campaign: lock the campaign so two admins cannot both start one.
		await trx
			.selectFrom('campaigns')
			.select('id')
			.where('id', '=', input.campaignId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const sets = await trx
			.selectFrom('criteria_sets')
			.select(['id', 'version', 'status'])
			.where('campaign_id', '=', input.campaignId)
			.orderBy('version', 'desc')
			.execute();
		if (sets.some((set) => set.status === 'draft')) return refuse('draft_exists');
		const source = sets.find((set) => set.status === 'published');
		const version = (sets[0]?.version ?? 0) + 1;
		const draft = await trx
			.insertInto('criteria_sets')
			.values({ campaign_id: input.campaignId, version, status: 'draft' })
			.returning(['id', 'revision'])
			.executeTakeFirstOrThrow();
		const content = source ? toContent(await loadGroups(trx, source.id)) : { groups: [] };
		await insertContent(trx, draft.id, content);
		await writeAudit(
			trx,
			audit(actor, 'criteria_set.create', 'criteria_set', draft.id, undefined, {
				...setRecord(version, content),
				from_version: source?.version ?? null
			})
		);
		return { ok: true, version, revision: draft.revision };
	});
}

/** Publishes a draft when its content is valid: from then on it never changes. */
export async function publishDraft(db: Db, actor: AdminActor, ref: DraftRef): Promise<EditResult> {
	return db.transaction().execute(async (trx) => {
		const set = await lockDraft(trx, ref);
		if ('ok' in set) return set;
		const content = toContent(await loadGroups(trx, set.id));
		const issues = validateSet(content);
		if (issues.length > 0) return refuse('invalid', issues);
		const { revision } = await trx
			.updateTable('criteria_sets')
			.set((eb) => ({
				status: 'published',
				published_at: new Date(),
				published_by: actor.id,
				revision: eb('revision', '+', 1)
			}))
			.where('id', '=', set.id)
			.returning('revision')
			.executeTakeFirstOrThrow();
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria_set.publish',
				'criteria_set',
				set.id,
				{ version: set.version, status: 'draft' },
				{ ...setRecord(set.version, content), status: 'published' }
			)
		);
		return { ok: true, version: set.version, revision };
	});
}

/** Deletes a draft no period names (a period may only name a published version anyway). */
export async function deleteDraft(db: Db, actor: AdminActor, ref: DraftRef): Promise<EditResult> {
	return db.transaction().execute(async (trx) => {
		const set = await lockDraft(trx, ref);
		if ('ok' in set) return set;
		const used = await trx
			.selectFrom('periods')
			.select('id')
			.where('criteria_set_id', '=', set.id)
			.executeTakeFirst();
		if (used) return refuse('in_use');
		const content = toContent(await loadGroups(trx, set.id));
		await trx.deleteFrom('criteria_sets').where('id', '=', set.id).execute();
		await writeAudit(
			trx,
			audit(actor, 'criteria_set.delete', 'criteria_set', set.id, setRecord(set.version, content))
		);
		return { ok: true, version: set.version, revision: set.revision };
	});
}

/**
 * Replaces everything in the draft with an imported set, all or nothing. Refused when the
 * content has problems a draft cannot hold (bad fields, duplicate codes); an unbalanced points
 * total is kept, for the editor to fix before publishing.
 */
export async function importIntoDraft(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	content: CriteriaSetContent
): Promise<EditResult> {
	const blocking = validateSet(content).filter((issue) => !isPublishOnly(issue));
	if (blocking.length > 0) return refuse('import_invalid', blocking);
	return editDraft(db, ref, async (trx, draft) => {
		const before = toContent(await loadGroups(trx, draft.id));
		await trx.deleteFrom('criteria_groups').where('criteria_set_id', '=', draft.id).execute();
		await insertContent(trx, draft.id, content);
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria_set.import',
				'criteria_set',
				draft.id,
				setRecord(draft.version, before),
				setRecord(draft.version, content)
			)
		);
	});
}

async function insertContent(trx: Trx, setId: number, content: CriteriaSetContent) {
	let position = 0;
	for (const [index, group] of content.groups.entries()) {
		const { id: groupId } = await trx
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
		await trx
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

// ——— Groups ———

/** Whether another group (or criterion) of the set already has the code. */
async function codeTaken(
	trx: Trx,
	table: 'criteria_groups' | 'criteria',
	setId: number,
	code: string,
	exceptId?: number
) {
	let query = trx
		.selectFrom(table)
		.select('id')
		.where('criteria_set_id', '=', setId)
		.where('code', '=', code);
	if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
	return (await query.executeTakeFirst()) !== undefined;
}

function cleanGroup(fields: GroupFields): GroupFields {
	return {
		code: fields.code.trim(),
		name_vi: fields.name_vi.trim(),
		name_en: fields.name_en.trim()
	};
}

export async function addGroup(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	input: GroupFields
): Promise<EditResult> {
	const fields = cleanGroup(input);
	const issues = validateGroupFields(fields);
	if (issues.length > 0) return fieldErrors(issues);
	return editDraft(db, ref, async (trx, draft) => {
		if (await codeTaken(trx, 'criteria_groups', draft.id, fields.code)) {
			return fieldErrors([{ field: 'code', problem: 'duplicate_code' }]);
		}
		const { max } = await trx
			.selectFrom('criteria_groups')
			.select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('max'))
			.where('criteria_set_id', '=', draft.id)
			.executeTakeFirstOrThrow();
		const { id } = await trx
			.insertInto('criteria_groups')
			.values({ ...fields, criteria_set_id: draft.id, position: Number(max) + 1 })
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(
			trx,
			audit(actor, 'criteria_group.create', 'criteria_group', id, undefined, {
				version: draft.version,
				...fields
			})
		);
	});
}

async function findGroup(trx: Trx, setId: number, groupId: number) {
	return trx
		.selectFrom('criteria_groups')
		.select(['id', 'code', 'name_vi', 'name_en', 'position'])
		.where('criteria_set_id', '=', setId)
		.where('id', '=', groupId)
		.executeTakeFirst();
}

export async function updateGroup(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	groupId: number,
	input: GroupFields
): Promise<EditResult> {
	const fields = cleanGroup(input);
	const issues = validateGroupFields(fields);
	if (issues.length > 0) return fieldErrors(issues);
	return editDraft(db, ref, async (trx, draft) => {
		const group = await findGroup(trx, draft.id, groupId);
		if (!group) return refuse('not_found');
		if (await codeTaken(trx, 'criteria_groups', draft.id, fields.code, groupId)) {
			return fieldErrors([{ field: 'code', problem: 'duplicate_code' }]);
		}
		await trx.updateTable('criteria_groups').set(fields).where('id', '=', groupId).execute();
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria_group.update',
				'criteria_group',
				groupId,
				{
					version: draft.version,
					code: group.code,
					name_vi: group.name_vi,
					name_en: group.name_en
				},
				{ version: draft.version, ...fields }
			)
		);
	});
}

/** Deletes a group with its criteria. */
export async function deleteGroup(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	groupId: number
): Promise<EditResult> {
	return editDraft(db, ref, async (trx, draft) => {
		const group = await findGroup(trx, draft.id, groupId);
		if (!group) return refuse('not_found');
		const criteria = await trx
			.selectFrom('criteria')
			.select('code')
			.where('group_id', '=', groupId)
			.orderBy('position')
			.execute();
		await trx.deleteFrom('criteria_groups').where('id', '=', groupId).execute();
		await writeAudit(
			trx,
			audit(actor, 'criteria_group.delete', 'criteria_group', groupId, {
				version: draft.version,
				code: group.code,
				name_vi: group.name_vi,
				criteria: criteria.map((c) => c.code)
			})
		);
	});
}

export async function moveGroup(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	groupId: number,
	direction: Direction
): Promise<EditResult> {
	return editDraft(db, ref, async (trx, draft) => {
		const groups = await trx
			.selectFrom('criteria_groups')
			.select(['id', 'code', 'position'])
			.where('criteria_set_id', '=', draft.id)
			.orderBy('position')
			.orderBy('id')
			.execute();
		const index = groups.findIndex((group) => group.id === groupId);
		if (index < 0) return refuse('not_found');
		const order = swap(groups, index, direction);
		if (!order) return;
		await renumber(trx, 'criteria_groups', order);
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria_group.move',
				'criteria_group',
				groupId,
				{ version: draft.version, order: groups.map((g) => g.code) },
				{ version: draft.version, order: order.map((g) => g.code) }
			)
		);
	});
}

/** The list with one item moved a step; null when it is already at that end. */
function swap<T>(items: readonly T[], index: number, direction: Direction): T[] | null {
	const other = direction === 'up' ? index - 1 : index + 1;
	if (other < 0 || other >= items.length) return null;
	const order = [...items];
	[order[index], order[other]] = [order[other], order[index]];
	return order;
}

async function renumber(
	trx: Trx,
	table: 'criteria_groups' | 'criteria',
	order: readonly { id: number; position: number }[]
) {
	const positions = order.map((item) => item.position).sort((a, b) => a - b);
	// Distinct positions, in case older data repeated one.
	for (let i = 1; i < positions.length; i++) {
		if (positions[i] <= positions[i - 1]) positions[i] = positions[i - 1] + 1;
	}
	for (const [index, item] of order.entries()) {
		if (item.position === positions[index]) continue;
		await trx
			.updateTable(table)
			.set({ position: positions[index] })
			.where('id', '=', item.id)
			.execute();
	}
}

// ——— Criteria ———

async function nextCriterionPosition(trx: Trx, setId: number) {
	const { max } = await trx
		.selectFrom('criteria')
		.select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('max'))
		.where('criteria_set_id', '=', setId)
		.executeTakeFirstOrThrow();
	return Number(max) + 1;
}

export async function addCriterion(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	groupId: number,
	criterion: CriterionContent
): Promise<EditResult> {
	const issues = validateCriterion(criterion);
	if (issues.length > 0) return fieldErrors(issues);
	return editDraft(db, ref, async (trx, draft) => {
		const group = await findGroup(trx, draft.id, groupId);
		if (!group) return fieldErrors([{ field: 'group', problem: 'required' }]);
		if (await codeTaken(trx, 'criteria', draft.id, criterion.code)) {
			return fieldErrors([{ field: 'code', problem: 'duplicate_code' }]);
		}
		const { id } = await trx
			.insertInto('criteria')
			.values({
				...criterion,
				criteria_set_id: draft.id,
				group_id: groupId,
				position: await nextCriterionPosition(trx, draft.id)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(
			trx,
			audit(actor, 'criteria.create', 'criterion', id, undefined, {
				version: draft.version,
				...criterionRecord(criterion, group.code)
			})
		);
	});
}

async function findCriterion(trx: Trx, setId: number, criterionId: number) {
	const groups = await loadGroups(trx, setId);
	for (const group of groups) {
		const criterion = group.criteria.find((c) => c.id === criterionId);
		if (criterion) return { group, criterion, groups };
	}
	return undefined;
}

/** Saves every field of a criterion; a different `groupId` moves it to the end of that group. */
export async function updateCriterion(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	criterionId: number,
	groupId: number,
	criterion: CriterionContent
): Promise<EditResult> {
	const issues = validateCriterion(criterion);
	if (issues.length > 0) return fieldErrors(issues);
	return editDraft(db, ref, async (trx, draft) => {
		const found = await findCriterion(trx, draft.id, criterionId);
		if (!found) return refuse('not_found');
		const target = found.groups.find((group) => group.id === groupId);
		if (!target) return fieldErrors([{ field: 'group', problem: 'required' }]);
		if (await codeTaken(trx, 'criteria', draft.id, criterion.code, criterionId)) {
			return fieldErrors([{ field: 'code', problem: 'duplicate_code' }]);
		}
		const moved = target.id !== found.group.id;
		await trx
			.updateTable('criteria')
			.set({
				...criterion,
				group_id: groupId,
				...(moved ? { position: await nextCriterionPosition(trx, draft.id) } : {})
			})
			.where('id', '=', criterionId)
			.execute();
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria.update',
				'criterion',
				criterionId,
				{ version: draft.version, ...criterionRecord(found.criterion, found.group.code) },
				{ version: draft.version, ...criterionRecord(criterion, target.code) }
			)
		);
	});
}

export async function deleteCriterion(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	criterionId: number
): Promise<EditResult> {
	return editDraft(db, ref, async (trx, draft) => {
		const found = await findCriterion(trx, draft.id, criterionId);
		if (!found) return refuse('not_found');
		await trx.deleteFrom('criteria').where('id', '=', criterionId).execute();
		await writeAudit(
			trx,
			audit(actor, 'criteria.delete', 'criterion', criterionId, {
				version: draft.version,
				...criterionRecord(found.criterion, found.group.code)
			})
		);
	});
}

/** Moves a criterion a step within its group. */
export async function moveCriterion(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	criterionId: number,
	direction: Direction
): Promise<EditResult> {
	return editDraft(db, ref, async (trx, draft) => {
		const found = await findCriterion(trx, draft.id, criterionId);
		if (!found) return refuse('not_found');
		const siblings = found.group.criteria;
		const order = swap(
			siblings,
			siblings.findIndex((c) => c.id === criterionId),
			direction
		);
		if (!order) return;
		await renumber(trx, 'criteria', order);
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria.move',
				'criterion',
				criterionId,
				{ version: draft.version, group: found.group.code, order: siblings.map((c) => c.code) },
				{ version: draft.version, group: found.group.code, order: order.map((c) => c.code) }
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
