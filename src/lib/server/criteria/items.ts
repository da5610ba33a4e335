// The groups and criteria of a draft criteria set: add, edit, delete and move, one at a time. Each
// edit runs through editDraft (lock, check the revision, bump it) and is audited.
import type { Kysely } from 'kysely';
import {
	validateCriterion,
	validateGroupFields,
	type CriterionContent
} from '../../domain/criteria-set';
import { writeAudit } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import {
	audit,
	criterionRecord,
	DraftRefusal,
	editDraft,
	fieldRefusal,
	type DraftRef,
	type DraftState,
	type LockedDraft,
	type Trx
} from './drafts';
import {
	deleteCriterionRow,
	deleteGroupRow,
	findGroup,
	insertCriterion,
	insertGroup,
	isCodeTaken,
	listGroupOrder,
	nextPosition,
	renumber,
	updateCriterionRow,
	updateGroupFields,
	type GroupFields,
	type ItemTable
} from './items-repository';
import { loadGroups } from './repository';

export type { GroupFields } from './items-repository';

type Db = Kysely<Database>;

export type Direction = 'up' | 'down';

/** A group's fields as typed, trimmed; refused beside each field before the draft is locked. */
function checkedGroup(input: GroupFields): GroupFields {
	const fields = {
		code: input.code.trim(),
		name_vi: input.name_vi.trim(),
		name_en: input.name_en.trim()
	};
	const issues = validateGroupFields(fields);
	if (issues.length > 0) throw fieldRefusal(issues);
	return fields;
}

/** A code another group (or criterion) of the draft has is refused beside the code. */
async function refuseTakenCode(
	trx: Trx,
	table: ItemTable,
	setId: number,
	code: string,
	exceptId?: number
) {
	if (await isCodeTaken(trx, table, setId, code, exceptId)) {
		throw fieldRefusal([{ field: 'code', problem: 'duplicate_code' }]);
	}
}

/** The list with one item moved a step; null when it is already at that end. */
function swap<T>(items: readonly T[], index: number, direction: Direction): T[] | null {
	const other = direction === 'up' ? index - 1 : index + 1;
	if (other < 0 || other >= items.length) return null;
	const order = [...items];
	[order[index], order[other]] = [order[other], order[index]];
	return order;
}

/** Moves the item at `index` a step and audits the order before and after; at an end, nothing. */
async function moveItem(
	trx: Trx,
	actor: AdminActor,
	draft: LockedDraft,
	table: ItemTable,
	items: readonly { id: number; code: string; position: number }[],
	index: number,
	direction: Direction,
	entry: { action: string; entityType: string; group?: string }
) {
	const order = swap(items, index, direction);
	if (!order) return;
	await renumber(trx, table, order);
	const context = entry.group === undefined ? {} : { group: entry.group };
	const orderOf = (list: readonly { code: string }[]) => ({
		audience: draft.audience,
		version: draft.version,
		...context,
		order: list.map((item) => item.code)
	});
	await writeAudit(
		trx,
		audit(actor, entry.action, entry.entityType, items[index].id, orderOf(items), orderOf(order))
	);
}

// ——— Groups ———

export async function addGroup(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	input: GroupFields
): Promise<DraftState> {
	const fields = checkedGroup(input);
	return editDraft(db, ref, async (trx, draft) => {
		await refuseTakenCode(trx, 'criteria_groups', draft.id, fields.code);
		const position = await nextPosition(trx, 'criteria_groups', draft.id);
		const id = await insertGroup(trx, draft.id, fields, position);
		await writeAudit(
			trx,
			audit(actor, 'criteria_group.create', 'criteria_group', id, undefined, {
				audience: draft.audience,
				version: draft.version,
				...fields
			})
		);
	});
}

async function groupOf(trx: Trx, setId: number, groupId: number) {
	const group = await findGroup(trx, setId, groupId);
	if (!group) throw new DraftRefusal('not_found');
	return group;
}

export async function updateGroup(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	groupId: number,
	input: GroupFields
): Promise<DraftState> {
	const fields = checkedGroup(input);
	return editDraft(db, ref, async (trx, draft) => {
		const group = await groupOf(trx, draft.id, groupId);
		await refuseTakenCode(trx, 'criteria_groups', draft.id, fields.code, groupId);
		await updateGroupFields(trx, groupId, fields);
		const { code, name_vi, name_en } = group;
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria_group.update',
				'criteria_group',
				groupId,
				{ audience: draft.audience, version: draft.version, code, name_vi, name_en },
				{ audience: draft.audience, version: draft.version, ...fields }
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
): Promise<DraftState> {
	return editDraft(db, ref, async (trx, draft) => {
		const group = await groupOf(trx, draft.id, groupId);
		const criteria = await deleteGroupRow(trx, groupId);
		await writeAudit(
			trx,
			audit(actor, 'criteria_group.delete', 'criteria_group', groupId, {
				audience: draft.audience,
				version: draft.version,
				code: group.code,
				name_vi: group.name_vi,
				criteria
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
): Promise<DraftState> {
	return editDraft(db, ref, async (trx, draft) => {
		const groups = await listGroupOrder(trx, draft.id);
		const index = groups.findIndex((group) => group.id === groupId);
		if (index < 0) throw new DraftRefusal('not_found');
		await moveItem(trx, actor, draft, 'criteria_groups', groups, index, direction, {
			action: 'criteria_group.move',
			entityType: 'criteria_group'
		});
	});
}

// ——— Criteria ———

/** A criterion's own problems are refused before the draft is even locked. */
function refuseInvalid(criterion: CriterionContent) {
	const issues = validateCriterion(criterion);
	if (issues.length > 0) throw fieldRefusal(issues);
}

const noSuchGroup = () => fieldRefusal([{ field: 'group', problem: 'required' }]);

export async function addCriterion(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	groupId: number,
	criterion: CriterionContent
): Promise<DraftState> {
	refuseInvalid(criterion);
	return editDraft(db, ref, async (trx, draft) => {
		const group = await findGroup(trx, draft.id, groupId);
		if (!group) throw noSuchGroup();
		await refuseTakenCode(trx, 'criteria', draft.id, criterion.code);
		const position = await nextPosition(trx, 'criteria', draft.id);
		const id = await insertCriterion(trx, draft.id, groupId, criterion, position);
		await writeAudit(
			trx,
			audit(actor, 'criteria.create', 'criterion', id, undefined, {
				audience: draft.audience,
				version: draft.version,
				...criterionRecord(criterion, group.code)
			})
		);
	});
}

/** The criterion with its group and all the set's groups, or a refusal when it is not there. */
async function criterionOf(trx: Trx, setId: number, criterionId: number) {
	const groups = await loadGroups(trx, setId);
	for (const group of groups) {
		const criterion = group.criteria.find((c) => c.id === criterionId);
		if (criterion) return { group, criterion, groups };
	}
	throw new DraftRefusal('not_found');
}

/** Saves every field of a criterion; a different `groupId` moves it to the end of that group. */
export async function updateCriterion(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	criterionId: number,
	groupId: number,
	criterion: CriterionContent
): Promise<DraftState> {
	refuseInvalid(criterion);
	return editDraft(db, ref, async (trx, draft) => {
		const found = await criterionOf(trx, draft.id, criterionId);
		const target = found.groups.find((group) => group.id === groupId);
		if (!target) throw noSuchGroup();
		await refuseTakenCode(trx, 'criteria', draft.id, criterion.code, criterionId);
		const moved = target.id !== found.group.id;
		await updateCriterionRow(trx, criterionId, {
			...criterion,
			group_id: groupId,
			...(moved ? { position: await nextPosition(trx, 'criteria', draft.id) } : {})
		});
		await writeAudit(
			trx,
			audit(
				actor,
				'criteria.update',
				'criterion',
				criterionId,
				{
					audience: draft.audience,
					version: draft.version,
					...criterionRecord(found.criterion, found.group.code)
				},
				{
					audience: draft.audience,
					version: draft.version,
					...criterionRecord(criterion, target.code)
				}
			)
		);
	});
}

export async function deleteCriterion(
	db: Db,
	actor: AdminActor,
	ref: DraftRef,
	criterionId: number
): Promise<DraftState> {
	return editDraft(db, ref, async (trx, draft) => {
		const found = await criterionOf(trx, draft.id, criterionId);
		await deleteCriterionRow(trx, criterionId);
		await writeAudit(
			trx,
			audit(actor, 'criteria.delete', 'criterion', criterionId, {
				audience: draft.audience,
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
): Promise<DraftState> {
	return editDraft(db, ref, async (trx, draft) => {
		const found = await criterionOf(trx, draft.id, criterionId);
		const siblings = found.group.criteria;
		const index = siblings.findIndex((c) => c.id === criterionId);
		await moveItem(trx, actor, draft, 'criteria', siblings, index, direction, {
			action: 'criteria.move',
			entityType: 'criterion',
			group: found.group.code
		});
	});
}
