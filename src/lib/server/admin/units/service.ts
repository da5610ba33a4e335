// The unit tree as the province administers it: create, edit, move, retire, merge. Every write
// checks the scope and the revision its form was read at, and is audited in the same transaction.
import { sql, type Kysely } from 'kysely';
import { isIsoDate } from '../../../domain/periods';
import { codeProblem, unitFieldProblems, type UnitFieldProblem } from '../../../domain/unit-rules';
import { writeAuditEntries, type AuditEntry } from '../../audit/repository';
import type { Database, UnitKind } from '../../db/schema';
import type { AdminActor } from '../../auth/guards';
import { lockScopedUnit, moveSubtree, type ScopedUnit } from './repository';

type Db = Kysely<Database>;

export type UnitProblem =
	| UnitFieldProblem
	| 'code_taken'
	| 'not_found'
	| 'stale'
	| 'parent_not_found'
	| 'parent_retired'
	| 'parent_same'
	| 'parent_cycle'
	| 'scope_root'
	| 'retired'
	| 'date_invalid'
	| 'before_established'
	| 'has_active_children'
	| 'predecessors_required'
	| 'predecessor_not_found'
	| 'predecessor_retired'
	| 'predecessor_self'
	| 'predecessor_ancestor';

export type UnitErrors = Partial<Record<string, UnitProblem>>;
export type UnitResult =
	{ ok: true; code: string } | { ok: false; errors: UnitErrors; subject?: string };

export interface UnitInput {
	name: string;
	typeVi: string;
	kind: string;
}

const refuse = (errors: UnitErrors, subject?: string) =>
	({ ok: false, errors, ...(subject ? { subject } : {}) }) as const;

const readable = (unit: { name: string; type_vi: string; kind: string }) => ({
	name: unit.name,
	type_vi: unit.type_vi,
	kind: unit.kind
});

type Actor = Pick<AdminActor, 'id' | 'username' | 'ip'>;
const who = (actor: Actor | null) => (actor ? { id: actor.id, username: actor.username } : null);

/** A new unit under a parent of the scope. */
export async function createUnit(
	db: Db,
	actor: AdminActor,
	input: UnitInput & { parentCode: string; code: string; establishedOn?: string }
): Promise<UnitResult> {
	const errors: UnitErrors = unitFieldProblems(input);
	const badCode = codeProblem(input.code);
	if (badCode) errors.code = badCode;
	const establishedOn = input.establishedOn || null;
	if (establishedOn && !isIsoDate(establishedOn)) errors.established_on = 'date_invalid';
	if (Object.keys(errors).length > 0) return refuse(errors);
	return db.transaction().execute(async (trx) => {
		const parent = await lockScopedUnit(trx, actor.scopePath, input.parentCode);
		if (!parent) return refuse({ parent: 'parent_not_found' });
		if (parent.status !== 'active') return refuse({ parent: 'parent_retired' });
		const inserted = await trx
			.insertInto('units')
			.values({
				code: input.code,
				name: input.name,
				type_vi: input.typeVi,
				kind: input.kind as UnitKind,
				parent_id: parent.id,
				level: parent.level + 1,
				path: `${parent.path}${input.code}/`,
				established_on: establishedOn
			})
			.onConflict((conflict) => conflict.column('code').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!inserted) return refuse({ code: 'code_taken' });
		await writeAuditEntries(trx, [
			{
				actor,
				action: 'unit.create',
				entityType: 'unit',
				entityId: input.code,
				unitId: inserted.id,
				after: {
					code: input.code,
					name: input.name,
					type_vi: input.typeVi,
					kind: input.kind,
					parent: parent.code,
					...(establishedOn ? { established_on: establishedOn } : {})
				},
				ip: actor.ip
			}
		]);
		return { ok: true as const, code: input.code };
	});
}

/**
 * The top of a new install's tree, made from the command line before any admin exists (`actor`
 * null), or by an admin. Refused when the code is taken.
 */
export async function createRootUnit(
	db: Db,
	actor: Actor | null,
	input: UnitInput & { code: string }
): Promise<UnitResult> {
	const errors: UnitErrors = unitFieldProblems(input);
	const badCode = codeProblem(input.code);
	if (badCode) errors.code = badCode;
	if (Object.keys(errors).length > 0) return refuse(errors);
	return db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('units')
			.values({
				code: input.code,
				name: input.name,
				type_vi: input.typeVi,
				kind: input.kind as UnitKind,
				parent_id: null,
				level: 1,
				path: `/${input.code}/`
			})
			.onConflict((conflict) => conflict.doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!inserted) return refuse({ code: 'code_taken' });
		await writeAuditEntries(trx, [
			{
				actor: who(actor),
				action: 'unit.create',
				entityType: 'unit',
				entityId: input.code,
				unitId: inserted.id,
				after: { code: input.code, name: input.name, type_vi: input.typeVi, kind: input.kind },
				ip: actor?.ip ?? null
			}
		]);
		return { ok: true as const, code: input.code };
	});
}

/** Locks the unit and checks the form's revision: the start of every edit. */
async function lockForEdit(
	trx: Db,
	actor: AdminActor,
	code: string,
	revision: string
): Promise<ScopedUnit | UnitResult> {
	const unit = await lockScopedUnit(trx, actor.scopePath, code);
	if (!unit) return refuse({ form: 'not_found' });
	if (unit.revision !== revision) return refuse({ form: 'stale' });
	return unit;
}

const isResult = (value: ScopedUnit | UnitResult): value is UnitResult => 'ok' in value;

/** Name, Vietnamese type and kind. */
export async function updateUnit(
	db: Db,
	actor: AdminActor,
	input: UnitInput & { code: string; revision: string }
): Promise<UnitResult> {
	const errors: UnitErrors = unitFieldProblems(input);
	if (Object.keys(errors).length > 0) return refuse(errors);
	return db.transaction().execute(async (trx) => {
		const unit = await lockForEdit(trx, actor, input.code, input.revision);
		if (isResult(unit)) return unit;
		const after = { name: input.name, type_vi: input.typeVi, kind: input.kind };
		const before = readable(unit);
		const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
			(key) => before[key] !== after[key]
		);
		if (changed.length === 0) return { ok: true as const, code: unit.code };
		await trx
			.updateTable('units')
			.set({
				name: input.name,
				type_vi: input.typeVi,
				kind: input.kind as UnitKind,
				updated_at: sql`now()`
			})
			.where('id', '=', unit.id)
			.execute();
		await writeAuditEntries(trx, [
			{
				actor,
				action: 'unit.update',
				entityType: 'unit',
				entityId: unit.code,
				unitId: unit.id,
				before: Object.fromEntries(changed.map((key) => [key, before[key]])),
				after: Object.fromEntries(changed.map((key) => [key, after[key]])),
				ip: actor.ip
			}
		]);
		return { ok: true as const, code: unit.code };
	});
}

/** Under another parent of the scope, with the whole subtree's paths and levels. */
export async function moveUnit(
	db: Db,
	actor: AdminActor,
	input: { code: string; revision: string; parentCode: string }
): Promise<UnitResult> {
	return db.transaction().execute(async (trx) => {
		const unit = await lockForEdit(trx, actor, input.code, input.revision);
		if (isResult(unit)) return unit;
		if (unit.path === actor.scopePath) return refuse({ parentCode: 'scope_root' });
		const parent = await lockScopedUnit(trx, actor.scopePath, input.parentCode);
		if (!parent) return refuse({ parentCode: 'parent_not_found' });
		if (parent.status !== 'active') return refuse({ parentCode: 'parent_retired' });
		if (parent.id === unit.parent_id) return refuse({ parentCode: 'parent_same' });
		if (parent.path.startsWith(unit.path)) return refuse({ parentCode: 'parent_cycle' });
		const moved = await moveSubtree(trx, unit, parent);
		await writeAuditEntries(trx, [
			{
				actor,
				action: 'unit.move',
				entityType: 'unit',
				entityId: unit.code,
				unitId: unit.id,
				before: { parent: unit.parent_code, path: unit.path, level: unit.level },
				after: { parent: parent.code, path: moved.path, level: moved.level },
				ip: actor.ip
			}
		]);
		return { ok: true as const, code: unit.code };
	});
}

/** Retired on a date: it stops counting in periods ending on or after that date. */
export async function retireUnit(
	db: Db,
	actor: AdminActor,
	input: { code: string; revision: string; date: string }
): Promise<UnitResult> {
	if (!isIsoDate(input.date)) return refuse({ date: 'date_invalid' });
	return db.transaction().execute(async (trx) => {
		const unit = await lockForEdit(trx, actor, input.code, input.revision);
		if (isResult(unit)) return unit;
		if (unit.path === actor.scopePath) return refuse({ date: 'scope_root' });
		if (unit.status !== 'active') return refuse({ date: 'retired' });
		if (unit.established_on && input.date < unit.established_on) {
			return refuse({ date: 'before_established' });
		}
		const child = await trx
			.selectFrom('units')
			.select('code')
			.where('parent_id', '=', unit.id)
			.where('status', '=', 'active')
			.limit(1)
			.executeTakeFirst();
		if (child) return refuse({ date: 'has_active_children' }, child.code);
		await trx
			.updateTable('units')
			.set({ status: 'retired', retired_on: input.date, updated_at: sql`now()` })
			.where('id', '=', unit.id)
			.execute();
		await writeAuditEntries(trx, [
			{
				actor,
				action: 'unit.retire',
				entityType: 'unit',
				entityId: unit.code,
				unitId: unit.id,
				before: { status: 'active' },
				after: { status: 'retired', retired_on: input.date },
				ip: actor.ip
			}
		]);
		return { ok: true as const, code: unit.code };
	});
}

/**
 * Merges units into this one (the successor) on a date: each predecessor is retired on that date
 * with `merged_into_id` set, its active children move under the successor, and the users scoped
 * to it move to the successor. Dashboards then count the successor, not the predecessors, in
 * periods ending on or after the date.
 */
export async function mergeUnits(
	db: Db,
	actor: AdminActor,
	input: { code: string; revision: string; predecessorCodes: string[]; date: string }
): Promise<UnitResult> {
	const codes = [...new Set(input.predecessorCodes.filter(Boolean))];
	const errors: UnitErrors = {};
	if (codes.length === 0) errors.predecessors = 'predecessors_required';
	if (!isIsoDate(input.date)) errors.date = 'date_invalid';
	if (Object.keys(errors).length > 0) return refuse(errors);
	return db.transaction().execute(async (trx) => {
		const successor = await lockForEdit(trx, actor, input.code, input.revision);
		if (isResult(successor)) return successor;
		if (successor.status !== 'active') return refuse({ form: 'retired' });
		// A successor formed by the merge cannot take units over before it exists.
		if (successor.established_on && input.date < successor.established_on) {
			return refuse({ date: 'before_established' });
		}
		const predecessors: ScopedUnit[] = [];
		for (const code of codes) {
			const unit = await lockScopedUnit(trx, actor.scopePath, code);
			if (!unit) return refuse({ predecessors: 'predecessor_not_found' }, code);
			if (unit.id === successor.id) return refuse({ predecessors: 'predecessor_self' }, code);
			if (unit.status !== 'active') return refuse({ predecessors: 'predecessor_retired' }, code);
			if (unit.established_on && input.date < unit.established_on) {
				return refuse({ date: 'before_established' });
			}
			if (successor.path.startsWith(unit.path) || unit.path === actor.scopePath) {
				return refuse({ predecessors: 'predecessor_ancestor' }, code);
			}
			predecessors.push(unit);
		}
		const audit: AuditEntry[] = [];
		const base = { actor, entityType: 'unit', ip: actor.ip } as const;
		for (const predecessor of predecessors) {
			const children = await trx
				.selectFrom('units')
				.select(['id', 'code', 'path', 'level'])
				.where('parent_id', '=', predecessor.id)
				.where('status', '=', 'active')
				.orderBy('code')
				.execute();
			for (const child of children) {
				const moved = await moveSubtree(trx, child, successor);
				audit.push({
					...base,
					action: 'unit.move',
					entityId: child.code,
					unitId: child.id,
					before: { parent: predecessor.code, path: child.path, level: child.level },
					after: { parent: successor.code, path: moved.path, level: moved.level },
					reason: `merge ${predecessor.code} → ${successor.code}`
				});
			}
			const users = await trx
				.updateTable('users')
				.set({ unit_id: successor.id, updated_at: sql`now()` })
				.where('unit_id', '=', predecessor.id)
				.returning(['id', 'username'])
				.execute();
			for (const user of users) {
				audit.push({
					...base,
					action: 'user.move',
					entityType: 'user',
					entityId: user.id,
					unitId: successor.id,
					before: { username: user.username, unit: predecessor.code },
					after: { username: user.username, unit: successor.code },
					reason: `merge ${predecessor.code} → ${successor.code}`
				});
			}
			await trx
				.updateTable('units')
				.set({
					status: 'retired',
					retired_on: input.date,
					merged_into_id: successor.id,
					updated_at: sql`now()`
				})
				.where('id', '=', predecessor.id)
				.execute();
			audit.push({
				...base,
				action: 'unit.retire',
				entityId: predecessor.code,
				unitId: predecessor.id,
				before: { status: 'active' },
				after: { status: 'retired', retired_on: input.date, merged_into: successor.code }
			});
		}
		await trx
			.updateTable('units')
			.set({ updated_at: sql`now()` })
			.where('id', '=', successor.id)
			.execute();
		audit.push({
			...base,
			action: 'unit.merge',
			entityId: successor.code,
			unitId: successor.id,
			after: { predecessors: predecessors.map((unit) => unit.code), merged_on: input.date }
		});
		await writeAuditEntries(trx, audit);
		return { ok: true as const, code: successor.code };
	});
}
