// Users as an administrator manages them: list, create with a temporary password, edit,
// deactivate, reactivate, reset the password; and the command line's creation of the first users.
// Every write is audited in its transaction; no password or hash ever reaches the audit trail.
// A refused write throws: InvalidInput or UserRefused (400), StaleRevision (409), NotFound (404).
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/authorization';
import { fieldProblems, isValidUsername, normalizeUsername } from '../../domain/user-import';
import { temporaryPassword } from '../../domain/user-password';
import { writeAudit, type AuditEntry } from '../audit/repository';
import { listAreaRefs } from '../areas/repository';
import type { AdminActor } from '../auth/guards';
import { hashPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import type { Database } from '../db/schema';
import { NotFound, StaleRevision } from '../failure';
import { findActiveUnits, findScopedUnit, listActiveUnitsInScope } from '../units/repository';
import {
	assignableArea,
	assignableUnit,
	checkFields,
	holdUnit,
	refuse,
	UserRefused
} from './checks';
import {
	findUserInScope,
	insertUsers,
	listUsers,
	lockUserRow,
	updateUserRow,
	type UserFilters
} from './repository';

type Db = Kysely<Database>;

export { USERS_PAGE_SIZE, type UserFilters } from './repository';
export {
	UserRefused,
	type AreaProblem,
	type UserErrors,
	type UserField,
	type UserProblem
} from './checks';

/** One page of the users in the admin's scope (or a unit of it); null when that unit is unknown. */
export async function listUsersInScope(db: Db, actor: AdminActor, filters: UserFilters) {
	let within = actor.scopePath;
	if (filters.unit) {
		const unit = await findScopedUnit(db, actor.scopePath, filters.unit);
		if (!unit) return null;
		within = unit.path;
	}
	return listUsers(db, within, filters);
}

/** The active units an admin may give a user: code and name, for the form's suggestions. */
export function listAssignableUnits(db: Db, actor: AdminActor) {
	return listActiveUnitsInScope(db, actor.scopePath);
}

/** The reporting areas a user may be scoped to, for the form's suggestions. */
export function listAssignableAreas(db: Db) {
	return listAreaRefs(db);
}

/** A user of the admin's scope, with the revision for the edit form; out of scope is not found. */
export async function findUserForAdmin(db: Db, actor: AdminActor, username: string) {
	const user = await findUserInScope(db, actor.scopePath, username);
	if (!user) throw new NotFound();
	return user;
}

interface NewAccount {
	username: string;
	displayName: string;
	role: Role;
	unitCode: string;
	password: string;
	mustChangePassword: boolean;
	/** The reporting area the user is scoped to, checked by the caller. */
	area?: { id: number; ref: string } | null;
}

/**
 * The one way a user is created, by an admin or the command line (`actor` null): the password
 * hashed before the transaction (argon2id is slow: no lock is held meanwhile), the unit held,
 * the row inserted and the creation audited.
 */
async function addUser(
	db: Db,
	actor: AuditEntry['actor'],
	ip: string | null,
	account: NewAccount
): Promise<number> {
	const passwordHash = await hashPassword(account.password);
	return db.transaction().execute(async (trx) => {
		const unit = await holdUnit(trx, account.unitCode);
		const [inserted] = await insertUsers(trx, [
			{
				username: account.username,
				display_name: account.displayName,
				role: account.role,
				unit_id: unit.id,
				area_id: account.area?.id ?? null,
				password_hash: passwordHash,
				must_change_password: account.mustChangePassword
			}
		]);
		if (!inserted) {
			throw new UserRefused(
				{ username: 'username_taken' },
				`The username ${account.username} is taken.`
			);
		}
		await writeAudit(trx, {
			actor,
			action: 'user.create',
			entityType: 'user',
			entityId: inserted.id,
			unitId: unit.id,
			after: {
				username: account.username,
				display_name: account.displayName,
				role: account.role,
				unit: account.unitCode,
				...(account.area ? { area: account.area.ref } : {})
			},
			ip
		});
		return inserted.id;
	});
}

/** Creates a user from the command line (`actor` null: the bootstrap of an install). */
export async function createUser(
	db: Db,
	actor: { id: number; username: string } | null,
	input: {
		username: string;
		role: Role;
		unitCode: string;
		displayName: string;
		password: string;
		mustChangePassword?: boolean;
	}
): Promise<{ id: number }> {
	if (!(await findActiveUnits(db, [input.unitCode])).has(input.unitCode)) {
		throw new UserRefused(
			{ unit_code: 'unit_unknown' },
			`No active unit has the code ${input.unitCode}.`
		);
	}
	if (!isValidUsername(input.username)) {
		throw new UserRefused(
			{ username: 'username_invalid' },
			'A username has 3 to 64 characters: lower-case letters, digits, dot, dash, underscore.'
		);
	}
	const id = await addUser(db, actor, null, {
		...input,
		mustChangePassword: input.mustChangePassword ?? false
	});
	return { id };
}

export interface NewUserInput {
	username: string;
	displayName: string;
	role: string;
	unitCode: string;
	/** A reporting area `SET/AREA` (reviewers and leaders), blank for none. */
	areaRef?: string;
}

/** A new user with a temporary password, returned once and to be changed at first sign-in. */
export async function createUserByAdmin(
	db: Db,
	actor: AdminActor,
	input: NewUserInput
): Promise<{ id: number; username: string; password: string }> {
	const username = normalizeUsername(input.username);
	const displayName = input.displayName.trim();
	const unitCode = input.unitCode.trim();
	const problems = fieldProblems({ username, displayName, role: input.role });
	const unit = await assignableUnit(db, actor, unitCode, problems);
	const area = await assignableArea(db, (input.areaRef ?? '').trim(), input.role, unit?.path);
	checkFields(problems, area);
	const password = temporaryPassword();
	const id = await addUser(db, actor, actor.ip, {
		username,
		displayName,
		role: input.role as Role,
		unitCode,
		password,
		mustChangePassword: true,
		area: area.id !== null ? { id: area.id, ref: area.ref! } : null
	});
	return { id, username, password };
}

/** Locks a user of the scope; not found outside it. */
async function lockUser(trx: Db, actor: AdminActor, username: string) {
	const user = await findUserInScope(trx, actor.scopePath, username);
	if (!user) throw new NotFound();
	await lockUserRow(trx, user.id);
	// Read again under the lock: the revision checked is the one being replaced.
	const locked = await findUserInScope(trx, actor.scopePath, username);
	if (!locked) throw new NotFound();
	return locked;
}

export interface UserEdit {
	displayName: string;
	role: string;
	unitCode: string;
	/** A reporting area `SET/AREA` (reviewers and leaders), blank for none. */
	areaRef?: string;
	/** The revision the form was read at. */
	revision: string;
}

/** Name, role and scope unit; refused when someone saved the user since the form was read. */
export async function updateUser(
	db: Db,
	actor: AdminActor,
	username: string,
	edit: UserEdit
): Promise<void> {
	const displayName = edit.displayName.trim();
	const unitCode = edit.unitCode.trim();
	const problems = fieldProblems({ username, displayName, role: edit.role }).filter(
		(problem) => problem !== 'username_invalid'
	);
	const assigned = await assignableUnit(db, actor, unitCode, problems);
	// No area field at all (a caller that does not know areas) keeps the user's area.
	const area =
		edit.areaRef === undefined
			? null
			: await assignableArea(db, edit.areaRef.trim(), edit.role, assigned?.path);
	checkFields(problems, area ?? {});
	await db.transaction().execute(async (trx) => {
		const user = await lockUser(trx, actor, username);
		const unit = await holdUnit(trx, unitCode);
		if (user.revision !== edit.revision) throw new StaleRevision({ form: 'stale' });
		// An admin keeps their own role and scope: nobody may lock the province out by accident.
		if (user.id === actor.id && edit.role !== user.role) throw refuse({ role: 'self_role' });
		if (user.id === actor.id && unit.id !== user.unit_id) throw refuse({ unit_code: 'self_unit' });
		const before = {
			display_name: user.display_name,
			role: user.role,
			unit: user.unit_code,
			area: user.area_ref
		};
		const kept = area ?? { id: user.area_id, ref: user.area_ref };
		const after = { display_name: displayName, role: edit.role, unit: unitCode, area: kept.ref };
		if (JSON.stringify(before) === JSON.stringify(after)) return;
		await updateUserRow(trx, user.id, {
			display_name: displayName,
			role: edit.role as Role,
			unit_id: unit.id,
			area_id: kept.id
		});
		await writeAudit(trx, {
			actor,
			action: 'user.update',
			entityType: 'user',
			entityId: user.id,
			unitId: unit.id,
			before,
			after,
			ip: actor.ip
		});
	});
}

/** Deactivating ends every session at once; reactivating lets the user sign in again. */
export async function setUserActive(
	db: Db,
	actor: AdminActor,
	username: string,
	active: boolean
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const user = await lockUser(trx, actor, username);
		if (user.id === actor.id) throw refuse({ form: 'self' });
		if (user.active === active) return;
		await updateUserRow(trx, user.id, { active });
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
	});
}

/** A new temporary password, returned once: the user changes it at the next sign-in. */
export async function resetUserPassword(
	db: Db,
	actor: AdminActor,
	username: string
): Promise<{ password: string }> {
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	return db.transaction().execute(async (trx) => {
		const user = await lockUser(trx, actor, username);
		// Their own password an admin changes under /account/password, knowing the current one.
		if (user.id === actor.id) throw refuse({ form: 'self' });
		await updateUserRow(trx, user.id, {
			password_hash: passwordHash,
			must_change_password: true
		});
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
		return { password };
	});
}
