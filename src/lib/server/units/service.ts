// The unit tree as an administrator manages it: create, edit, move, retire (merges are in
// ./merge.ts). Every write checks the scope and the revision its form was read at, and is audited
// in the same transaction. A refused write throws: InvalidInput (400), StaleRevision (409),
// NotFound (404), or a UnitRefused naming the other unit at fault.
import type { Kysely } from 'kysely';
import { isScopeTop, pathInScope } from '../../domain/authorization';
import { isIsoDate } from '../../domain/periods';
import { codeProblem, unitFieldProblems } from '../../domain/unit-rules';
import type { UnitKind } from '../../domain/vocabulary';
import type { UnitErrors, UnitRefusalBody } from '../../types/units';
import { writeAudit, writeAuditEntries, type AuditEntry } from '../audit/repository';
import { supersedeOpenAssessments } from '../assessments/supersede';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { InvalidInput, NotFound, Refusal, StaleRevision } from '../failure';
import { moveUnitUnder, renameUnit, retireUnitOn, type ChangedBy } from './changes';
import { findScopedUnit, listActiveChildren, type ScopedUnit } from './repository';
import { changedAfter, insertUnitsWithVersions } from './structure';

type Db = Kysely<Database>;

export interface UnitInput {
	name: string;
	typeVi: string;
	kind: string;
}

/** A write refused because of another unit: `subject` names it beside the problem (400). */
export class UnitRefused extends Refusal<UnitRefusalBody> {
	constructor(errors: UnitErrors, subject: string) {
		super(400, { errors: errors as Record<string, string>, subject }, 'Unit refused');
	}
}

/** Refuses with every problem found, when there is one. */
function check(errors: UnitErrors): void {
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors as Record<string, string>);
}

const refuse = (errors: UnitErrors) => new InvalidInput(errors as Record<string, string>);

type Actor = Pick<AdminActor, 'id' | 'username' | 'ip'>;
const who = (actor: Actor | null) => (actor ? { id: actor.id, username: actor.username } : null);

/** An administrator's change, as the audit trail records it. */
export const changedBy = (actor: AdminActor, reason?: string): ChangedBy => ({
	actor: who(actor),
	ip: actor.ip,
	...(reason ? { reason } : {})
});

/** A new unit under a parent of the scope. */
export async function createUnit(
	db: Db,
	actor: AdminActor,
	input: UnitInput & { parentCode: string; code: string; establishedOn?: string }
): Promise<{ code: string }> {
	const errors: UnitErrors = unitFieldProblems(input);
	const badCode = codeProblem(input.code);
	if (badCode) errors.code = badCode;
	const establishedOn = input.establishedOn || null;
	if (establishedOn && !isIsoDate(establishedOn)) errors.established_on = 'date_invalid';
	check(errors);
	return db.transaction().execute(async (trx) => {
		const parent = await findScopedUnit(trx, actor.scopePath, input.parentCode, { lock: true });
		if (!parent) throw refuse({ parent: 'parent_not_found' });
		if (parent.status !== 'active') throw refuse({ parent: 'parent_retired' });
		const [inserted] = await insertUnitsWithVersions(trx, [
			{
				code: input.code,
				name: input.name,
				type_vi: input.typeVi,
				kind: input.kind as UnitKind,
				parent_id: parent.id,
				level: parent.level + 1,
				path: `${parent.path}${input.code}/`,
				established_on: establishedOn
			}
		]);
		if (!inserted) throw refuse({ code: 'code_taken' });
		await writeAudit(trx, {
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
		});
		return { code: input.code };
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
): Promise<{ code: string }> {
	const errors: UnitErrors = unitFieldProblems(input);
	const badCode = codeProblem(input.code);
	if (badCode) errors.code = badCode;
	check(errors);
	return db.transaction().execute(async (trx) => {
		const [inserted] = await insertUnitsWithVersions(trx, [
			{
				code: input.code,
				name: input.name,
				type_vi: input.typeVi,
				kind: input.kind as UnitKind,
				parent_id: null,
				level: 1,
				path: `/${input.code}/`
			}
		]);
		if (!inserted) throw refuse({ code: 'code_taken' });
		await writeAudit(trx, {
			actor: who(actor),
			action: 'unit.create',
			entityType: 'unit',
			entityId: input.code,
			unitId: inserted.id,
			after: { code: input.code, name: input.name, type_vi: input.typeVi, kind: input.kind },
			ip: actor?.ip ?? null
		});
		return { code: input.code };
	});
}

/** Locks the unit and checks the form's revision: the start of every edit. */
export async function lockForEdit(
	trx: Db,
	actor: AdminActor,
	code: string,
	revision: string
): Promise<ScopedUnit> {
	const unit = await findScopedUnit(trx, actor.scopePath, code, { lock: true });
	if (!unit) throw new NotFound('Unit not found');
	if (unit.revision !== revision) throw new StaleRevision({ form: 'stale' });
	return unit;
}

/** Writes what a form changed, when it changed anything. */
async function record(trx: Db, entry: AuditEntry | null): Promise<void> {
	if (entry) await writeAudit(trx, entry);
}

/** Name, Vietnamese type and kind. */
export async function updateUnit(
	db: Db,
	actor: AdminActor,
	input: UnitInput & { code: string; revision: string }
): Promise<{ code: string }> {
	check(unitFieldProblems(input));
	return db.transaction().execute(async (trx) => {
		const unit = await lockForEdit(trx, actor, input.code, input.revision);
		const after = { name: input.name, type_vi: input.typeVi, kind: input.kind };
		await record(trx, await renameUnit(trx, changedBy(actor), unit, unit, after, null));
		return { code: unit.code };
	});
}

/** Under another parent of the scope, with the whole subtree's paths and levels. */
export async function moveUnit(
	db: Db,
	actor: AdminActor,
	input: { code: string; revision: string; parentCode: string }
): Promise<{ code: string }> {
	return db.transaction().execute(async (trx) => {
		const unit = await lockForEdit(trx, actor, input.code, input.revision);
		if (isScopeTop(actor, unit.path)) throw refuse({ parentCode: 'scope_root' });
		const parent = await findScopedUnit(trx, actor.scopePath, input.parentCode, { lock: true });
		if (!parent) throw refuse({ parentCode: 'parent_not_found' });
		if (parent.status !== 'active') throw refuse({ parentCode: 'parent_retired' });
		if (parent.id === unit.parent_id) throw refuse({ parentCode: 'parent_same' });
		if (pathInScope(parent.path, unit.path)) throw refuse({ parentCode: 'parent_cycle' });
		const placed = { ...unit, parentCode: unit.parent_code };
		await record(trx, await moveUnitUnder(trx, changedBy(actor), placed, parent, null));
		return { code: unit.code };
	});
}

/** Retired on a date: it stops counting in periods ending on or after that date. */
export async function retireUnit(
	db: Db,
	actor: AdminActor,
	input: { code: string; revision: string; date: string }
): Promise<{ code: string }> {
	if (!isIsoDate(input.date)) throw refuse({ date: 'date_invalid' });
	return db.transaction().execute(async (trx) => {
		const unit = await lockForEdit(trx, actor, input.code, input.revision);
		if (isScopeTop(actor, unit.path)) throw refuse({ date: 'scope_root' });
		if (unit.status !== 'active') throw refuse({ date: 'retired' });
		if (unit.established_on && input.date < unit.established_on) {
			throw refuse({ date: 'before_established' });
		}
		const [child] = await listActiveChildren(trx, unit.id);
		if (child) throw new UnitRefused({ date: 'has_active_children' }, child.code);
		if (await changedAfter(trx, [unit.id], input.date)) throw refuse({ date: 'later_change' });
		await record(trx, await retireUnitOn(trx, changedBy(actor), unit, input.date));
		// Its open assessments of the periods it no longer counts in leave the queues.
		const [year, month, day] = input.date.split('-');
		const reason = `${unit.name} (${unit.code}) thôi hoạt động từ ngày ${day}/${month}/${year}`;
		const closed = await supersedeOpenAssessments(
			trx,
			changedBy(actor),
			[unit.id],
			input.date,
			reason
		);
		if (closed.length > 0) await writeAuditEntries(trx, closed);
		return { code: unit.code };
	});
}
