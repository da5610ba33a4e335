import type { Kysely } from 'kysely';
import { passwordProblem, type PasswordProblem } from '../../domain/password-rules';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { findPasswordHash, updateUserRow } from '../users/repository';
import { hashPassword, verifyPassword } from './password';
import { createSession, invalidateUserSessions } from './session';
import { lockedUntil, recordFailure, throttleKeys } from './throttle';

export type PasswordChangeResult =
	| { ok: true; token: string; expiresAt: Date }
	| { ok: false; field: 'current'; problem: 'wrong' }
	| { ok: false; field: 'current'; problem: 'throttled'; retryAt: Date }
	| { ok: false; field: 'next'; problem: PasswordProblem }
	| { ok: false; field: 'confirm'; problem: 'mismatch' };

/** Changes a user's own password; every other session of the user ends, this one is replaced. */
export async function changePassword(
	db: Kysely<Database>,
	user: { id: number; username: string; unitId: number },
	input: { current: string; next: string; confirm: string; address: string },
	now = new Date()
): Promise<PasswordChangeResult> {
	// Guessing the current password from a stolen session counts like guessing at sign-in.
	const keys = throttleKeys(user.username, input.address);
	const retryAt = await lockedUntil(
		db,
		keys.map((entry) => entry.key),
		now
	);
	if (retryAt) return { ok: false, field: 'current', problem: 'throttled', retryAt };
	if (!(await verifyPassword(await findPasswordHash(db, user.id), input.current))) {
		await recordFailure(db, keys, now);
		return { ok: false, field: 'current', problem: 'wrong' };
	}
	const problem = passwordProblem(input.next, { username: user.username, current: input.current });
	if (problem) return { ok: false, field: 'next', problem };
	if (input.next !== input.confirm) return { ok: false, field: 'confirm', problem: 'mismatch' };
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
		return { ok: true as const, token, expiresAt: session.expiresAt };
	});
}
