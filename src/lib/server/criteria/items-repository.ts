// The groups and criteria of a draft, one at a time: find, check a code, insert, update, delete,
// and renumber after a move. The service holds the draft's lock while it calls these.
import type { Kysely } from 'kysely';
import type { CriterionContent } from '../../domain/criteria-set';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export type ItemTable = 'criteria_groups' | 'criteria';

export interface GroupFields {
	code: string;
	name_vi: string;
	name_en: string;
}

/** Whether another group (or criterion) of the set already has the code. */
export async function isCodeTaken(
	db: Db,
	table: ItemTable,
	setId: number,
	code: string,
	exceptId?: number
) {
	let query = db
		.selectFrom(table)
		.select('id')
		.where('criteria_set_id', '=', setId)
		.where('code', '=', code);
	if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
	return (await query.executeTakeFirst()) !== undefined;
}

/** The position after the last group (or criterion) of the set. */
export async function nextPosition(db: Db, table: ItemTable, setId: number): Promise<number> {
	const { max } = await db
		.selectFrom(table)
		.select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('max'))
		.where('criteria_set_id', '=', setId)
		.executeTakeFirstOrThrow();
	return Number(max) + 1;
}

/** Gives each item its position in the new order, touching only those that move. */
export async function renumber(
	db: Db,
	table: ItemTable,
	order: readonly { id: number; position: number }[]
) {
	const positions = order.map((item) => item.position).sort((a, b) => a - b);
	// Distinct positions, in case older data repeated one.
	for (let i = 1; i < positions.length; i++) {
		if (positions[i] <= positions[i - 1]) positions[i] = positions[i - 1] + 1;
	}
	for (const [index, item] of order.entries()) {
		if (item.position === positions[index]) continue;
		await db
			.updateTable(table)
			.set({ position: positions[index] })
			.where('id', '=', item.id)
			.execute();
	}
}

// ——— Groups ———

export function findGroup(db: Db, setId: number, groupId: number) {
	return db
		.selectFrom('criteria_groups')
		.select(['id', 'code', 'name_vi', 'name_en', 'position'])
		.where('criteria_set_id', '=', setId)
		.where('id', '=', groupId)
		.executeTakeFirst();
}

/** The set's groups in their order. */
export function listGroupOrder(db: Db, setId: number) {
	return db
		.selectFrom('criteria_groups')
		.select(['id', 'code', 'position'])
		.where('criteria_set_id', '=', setId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export async function insertGroup(db: Db, setId: number, fields: GroupFields, position: number) {
	const { id } = await db
		.insertInto('criteria_groups')
		.values({ ...fields, criteria_set_id: setId, position })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function updateGroupFields(db: Db, groupId: number, fields: GroupFields) {
	await db.updateTable('criteria_groups').set(fields).where('id', '=', groupId).execute();
}

/** Deletes a group with its criteria; returns their codes, in order, for the audit trail. */
export async function deleteGroupRow(db: Db, groupId: number): Promise<string[]> {
	const criteria = await db
		.selectFrom('criteria')
		.select('code')
		.where('group_id', '=', groupId)
		.orderBy('position')
		.execute();
	await db.deleteFrom('criteria_groups').where('id', '=', groupId).execute();
	return criteria.map((criterion) => criterion.code);
}

// ——— Criteria ———

export async function insertCriterion(
	db: Db,
	setId: number,
	groupId: number,
	criterion: CriterionContent,
	position: number
) {
	const { id } = await db
		.insertInto('criteria')
		.values({ ...criterion, criteria_set_id: setId, group_id: groupId, position })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** Saves every field; a position given moves the criterion there. */
export async function updateCriterionRow(
	db: Db,
	criterionId: number,
	criterion: CriterionContent & { group_id: number; position?: number }
) {
	await db.updateTable('criteria').set(criterion).where('id', '=', criterionId).execute();
}

export async function deleteCriterionRow(db: Db, criterionId: number) {
	await db.deleteFrom('criteria').where('id', '=', criterionId).execute();
}
