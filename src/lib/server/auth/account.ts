import type { Kysely } from 'kysely';
import { passwordProblem, type PasswordProblem } from '../../domain/password-rules';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { Refusal } from '../failure';
import { findPasswordHash, updateUserRow } from '../users/repository';
import { hashPassword, verifyPassword } from './password';
import { createSession, invalidateUserSessions } from './session';
import { lockedUntil, recordFailure, throttleKeys } from './throttle';

/** What the form shows beside the field at fault. */
export type PasswordRefusalBody =
	| { field: 'current'; problem: 'wrong' | 'throttled' }
	| { field: 'next'; problem: PasswordProblem }
	| { field: 'confirm'; problem: 'mismatch' };

/** A password change refused: 429 while the username or address is locked, else 400. */
export class PasswordRefused extends Refusal<PasswordRefusalBody> {
	constructor(
		body: PasswordRefusalBody,
		/** When a locked username or address may try again. */
		readonly retryAt: Date | null = null
	) {
		super(retryAt ? 429 : 400, body, 'Password not changed');
	}
}

/**
 * Changes a user's own password; every other session of the user ends, this one is replaced.
 * Refused with a PasswordRefused.
 */
export async function changePassword(
	db: Kysely<Database>,
	user: { id: number; username: string; unitId: number },
	input: { current: string; next: string; confirm: string; address: string },
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	// Guessing the current password from a stolen session counts like guessing at sign-in.
	const keys = throttleKeys(user.username, input.address);
	const retryAt = await lockedUntil(
		db,
		keys.map((entry) => entry.key),
		now
	);
	if (retryAt) throw new PasswordRefused({ field: 'current', problem: 'throttled' }, retryAt);
	if (!(await verifyPassword(await findPasswordHash(db, user.id), input.current))) {
		await recordFailure(db, keys, now);
		throw new PasswordRefused({ field: 'current', problem: 'wrong' });
	}
	const problem = passwordProblem(input.next, { username: user.username, current: input.current });
	if (problem) throw new PasswordRefused({ field: 'next', problem });
	if (input.next !== input.confirm) {
		throw new PasswordRefused({ field: 'confirm', problem: 'mismatch' });
	}
	const passwordHash = await hashPassword(input.next);
	return db.transaction().execute(async (trx) => {
		await updateUserRow(trx, user.id, { password_hash: passwordHash, must_change_password: false });
		await invalidateUserSessions(trx, user.id);
		const { token, session } = await createSession(trx, user.id);
		await writeAudit(trx, {
			actor: { id: user.id, username: user.username },
			action: 'auth.password_change',
			entityType: 'user',
			entityId: user.id,
			unitId: user.unitId,
			ip: input.address
		});
		return { token, expiresAt: session.expiresAt };
	});
}
