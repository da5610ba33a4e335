// Users as a province admin manages them: create with a temporary password, edit, deactivate,
// reactivate, reset the password. Every write is audited in its own transaction; no password or
// hash ever reaches the audit trail.
import type { Kysely } from 'kysely';
import { pathInScope, type Role } from '../../../domain/authorization';
import { fieldProblems, normalizeUsername, type UserRowProblem } from '../../../domain/user-import';
import { temporaryPassword } from '../../../domain/user-password';
import { writeAudit } from '../../audit/repository';
import { hashPassword } from '../../auth/password';
import { invalidateUserSessions } from '../../auth/session';
import type { Database } from '../../db/schema';
import type { AdminActor } from '../../auth/guards';
import { findActiveUnits, findUserInScope } from './repository';

type Db = Kysely<Database>;

export type UserField = 'username' | 'display_name' | 'role' | 'unit_code' | 'form';
export type UserProblem = UserRowProblem | 'stale' | 'self_role' | 'self_unit' | 'self';
export type UserErrors = Partial<Record<UserField, UserProblem>>;

const FIELD_OF: Record<UserRowProblem, UserField> = {
	username_invalid: 'username',
	username_duplicate: 'username',
	username_taken: 'username',
	name_empty: 'display_name',
	name_too_long: 'display_name',
	role_unknown: 'role',
	unit_unknown: 'unit_code',
	unit_out_of_scope: 'unit_code'
};

function errorsOf(problems: readonly UserRowProblem[]): UserErrors {
	const errors: UserErrors = {};
	for (const problem of problems) errors[FIELD_OF[problem]] ??= problem;
	return errors;
}

/** The unit a user is given: it must exist, be active and lie in the admin's scope. */
async function assignableUnit(
	db: Db,
	actor: AdminActor,
	code: string
): Promise<
	{ problem: 'unit_unknown' | 'unit_out_of_scope' } | { unit: { id: number; path: string } }
> {
	const unit = (await findActiveUnits(db, [code])).get(code);
	if (!unit) return { problem: 'unit_unknown' as const };
	if (!pathInScope(unit.path, actor.scopePath)) return { problem: 'unit_out_of_scope' as const };
	return { unit };
}

/** Holds the scope unit until the commit: false when it was retired since it was checked. */
async function holdUnit(trx: Db, code: string): Promise<boolean> {
	return (await findActiveUnits(trx, [code], { lock: true })).has(code);
}

export interface NewUserInput {
	username: string;
	displayName: string;
	role: string;
	unitCode: string;
}

export type CreateResult =
	{ ok: true; id: number; username: string; password: string } | { ok: false; errors: UserErrors };

/** A new user with a temporary password, returned once and to be changed at first sign-in. */
export async function createUserByAdmin(
	db: Db,
	actor: AdminActor,
	input: NewUserInput
): Promise<CreateResult> {
	const username = normalizeUsername(input.username);
	const displayName = input.displayName.trim();
	const unitCode = input.unitCode.trim();
	const problems = fieldProblems({ username, displayName, role: input.role });
	const found = await assignableUnit(db, actor, unitCode);
	if ('problem' in found) problems.push(found.problem);
	if (problems.length > 0 || 'problem' in found) return { ok: false, errors: errorsOf(problems) };
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	return db.transaction().execute(async (trx) => {
		if (!(await holdUnit(trx, unitCode))) {
			return { ok: false as const, errors: { unit_code: 'unit_unknown' as const } };
		}
		const inserted = await trx
			.insertInto('users')
			.values({
				username,
				display_name: displayName,
				role: input.role as Role,
				unit_id: found.unit.id,
				password_hash: passwordHash,
				must_change_password: true
			})
			.onConflict((conflict) => conflict.column('username').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!inserted) return { ok: false as const, errors: { username: 'username_taken' as const } };
		await writeAudit(trx, {
			actor,
			action: 'user.create',
			entityType: 'user',
			entityId: inserted.id,
			unitId: found.unit.id,
			after: { username, display_name: displayName, role: input.role, unit: unitCode },
			ip: actor.ip
		});
		return { ok: true as const, id: inserted.id, username, password };
	});
}

async function lockUser(trx: Db, actor: AdminActor, username: string) {
	const user = await findUserInScope(trx, actor.scopePath, username);
	if (!user) return undefined;
	await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
	// Read again under the lock: the revision checked is the one being replaced.
	return findUserInScope(trx, actor.scopePath, username);
}

export interface UserEdit {
	displayName: string;
	role: string;
	unitCode: string;
	/** The revision the form was read at. */
	revision: string;
}

export type EditResult =
	{ ok: true } | { ok: false; notFound: true } | { ok: false; errors: UserErrors };

/** Name, role and scope unit; refused when someone saved the user since the form was read. */
export async function updateUser(
	db: Db,
	actor: AdminActor,
	username: string,
	edit: UserEdit
): Promise<EditResult> {
	const displayName = edit.displayName.trim();
	const unitCode = edit.unitCode.trim();
	const problems = fieldProblems({ username, displayName, role: edit.role }).filter(
		(problem) => problem !== 'username_invalid'
	);
	const found = await assignableUnit(db, actor, unitCode);
	if ('problem' in found) problems.push(found.problem);
	if (problems.length > 0 || 'problem' in found) return { ok: false, errors: errorsOf(problems) };
	return db.transaction().execute(async (trx): Promise<EditResult> => {
		const user = await lockUser(trx, actor, username);
		if (!user) return { ok: false, notFound: true };
		if (!(await holdUnit(trx, unitCode)))
			return { ok: false, errors: { unit_code: 'unit_unknown' } };
		if (user.revision !== edit.revision) return { ok: false, errors: { form: 'stale' } };
		// An admin keeps their own role and scope: nobody may lock the province out by accident.
		if (user.id === actor.id && edit.role !== user.role) {
			return { ok: false, errors: { role: 'self_role' } };
		}
		if (user.id === actor.id && found.unit.id !== user.unit_id) {
			return { ok: false, errors: { unit_code: 'self_unit' } };
		}
		const before = { display_name: user.display_name, role: user.role, unit: user.unit_code };
		const after = { display_name: displayName, role: edit.role, unit: unitCode };
		if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true };
		await trx
			.updateTable('users')
			.set({
				display_name: displayName,
				role: edit.role as Role,
				unit_id: found.unit.id,
				updated_at: new Date()
			})
			.where('id', '=', user.id)
			.execute();
		await writeAudit(trx, {
			actor,
			action: 'user.update',
			entityType: 'user',
			entityId: user.id,
			unitId: found.unit.id,
			before,
			after,
			ip: actor.ip
		});
		return { ok: true };
	});
}

export type AccountResult =
	| { ok: true; password?: string }
	| { ok: false; notFound: true }
	| { ok: false; errors: UserErrors };

/** Deactivating ends every session at once; reactivating lets the user sign in again. */
export async function setUserActive(
	db: Db,
	actor: AdminActor,
	username: string,
	active: boolean
): Promise<AccountResult> {
	return db.transaction().execute(async (trx): Promise<AccountResult> => {
		const user = await lockUser(trx, actor, username);
		if (!user) return { ok: false, notFound: true };
		if (user.id === actor.id) return { ok: false, errors: { form: 'self' } };
		if (user.active === active) return { ok: true };
		await trx
			.updateTable('users')
			.set({ active, updated_at: new Date() })
			.where('id', '=', user.id)
			.execute();
		if (!active) await invalidateUserSessions(trx, user.id);
		await writeAudit(trx, {
			actor,
			action: active ? 'user.reactivate' : 'user.deactivate',
			entityType: 'user',
			entityId: user.id,
			unitId: user.unit_id,
			before: { active: user.active },
			after: { active },
			ip: actor.ip
		});
		return { ok: true };
	});
}

/** A new temporary password, returned once: the user changes it at the next sign-in. */
export async function resetUserPassword(
	db: Db,
	actor: AdminActor,
	username: string
): Promise<AccountResult> {
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	return db.transaction().execute(async (trx): Promise<AccountResult> => {
		const user = await lockUser(trx, actor, username);
		if (!user) return { ok: false, notFound: true };
		// Their own password an admin changes under /account/password, knowing the current one.
		if (user.id === actor.id) return { ok: false, errors: { form: 'self' } };
		await trx
			.updateTable('users')
			.set({ password_hash: passwordHash, must_change_password: true, updated_at: new Date() })
			.where('id', '=', user.id)
			.execute();
		await invalidateUserSessions(trx, user.id);
		await writeAudit(trx, {
			actor,
			action: 'user.password_reset',
			entityType: 'user',
			entityId: user.id,
			unitId: user.unit_id,
			before: { must_change_password: user.must_change_password },
			after: { must_change_password: true },
			ip: actor.ip
		});
		return { ok: true, password };
	});
}
