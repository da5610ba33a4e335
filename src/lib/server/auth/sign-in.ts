// Signing in: the same answer and about the same time for an unknown user and a wrong password,
// throttled per username and per client address, every outcome audited.
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { Refusal } from '../failure';
import { log } from '../log';
import { findUserCredentials } from '../users/repository';
import { hashPassword, verifyPassword } from './password';
import { createSession, deleteExpiredSessions, invalidateSession } from './session';
import { clearFailures, lockedUntil, recordFailure, sweepThrottle, throttleKeys } from './throttle';

export interface SignedIn {
	token: string;
	expiresAt: Date;
	mustChangePassword: boolean;
}

/** A wrong username or password, or an inactive account: one answer for all three (400). */
export class SignInRefused extends Refusal<{ invalid: true }> {
	constructor() {
		super(400, { invalid: true }, 'Sign-in refused');
	}
}

/** Too many failures for this username or address: locked until `retryAt` (429). */
export class SignInThrottled extends Refusal<{ throttled: string }> {
	constructor(readonly retryAt: Date) {
		super(429, { throttled: retryAt.toISOString() }, 'Sign-in throttled');
	}
}

/**
 * One line per failed sign-in for whoever watches for password guessing. A username is logged only
 * when it names an account: what was typed for an unknown one may be a password in the wrong box.
 */
function logFailure(
	account: { id: number; username: string } | undefined,
	address: string,
	reason: string
) {
	const who = account ? { userId: account.id, username: account.username } : {};
	log.warn({ ...who, address, reason }, 'sign-in failed');
}

let dummyHash: Promise<string> | undefined;

/** Verifying against a throwaway hash costs what a real check costs. */
function comparableHash(): Promise<string> {
	dummyHash ??= hashPassword(crypto.randomUUID());
	return dummyHash;
}

export async function signIn(
	db: Kysely<Database>,
	{ username, password, address }: { username: string; password: string; address: string },
	now = new Date()
): Promise<SignedIn> {
	// Whatever was typed, only a username's worth reaches the counters and the audit trail.
	const name = username.trim().toLowerCase().slice(0, 64);
	const keys = throttleKeys(name, address);
	const retryAt = await lockedUntil(
		db,
		keys.map((entry) => entry.key),
		now
	);
	if (retryAt) {
		logFailure(undefined, address, 'throttled');
		await writeAudit(db, {
			actor: null,
			action: 'auth.sign_in_throttled',
			entityType: 'user',
			entityId: name,
			after: { retryAt: retryAt.toISOString() },
			ip: address
		});
		throw new SignInThrottled(retryAt);
	}
	const user = await findUserCredentials(db, name);
	const valid = await verifyPassword(user?.password_hash ?? (await comparableHash()), password);
	if (!user || !user.active || !valid) {
		logFailure(
			user,
			address,
			!user ? 'unknown_user' : !user.active ? 'inactive' : 'wrong_password'
		);
		await sweepThrottle(db, now);
		await recordFailure(db, keys, now);
		await writeAudit(db, {
			actor: user ? { id: user.id, username: user.username } : null,
			action: 'auth.sign_in_failed',
			entityType: 'user',
			entityId: user?.id ?? name,
			unitId: user?.unit_id ?? null,
			ip: address
		});
		throw new SignInRefused();
	}
	await clearFailures(db, keys[0].key);
	// Sweeping expired sessions here keeps the table small without a scheduler.
	await deleteExpiredSessions(db, now);
	const { token, session } = await createSession(db, user.id, now);
	await writeAudit(db, {
		actor: { id: user.id, username: user.username },
		action: 'auth.sign_in',
		entityType: 'user',
		entityId: user.id,
		unitId: user.unit_id,
		ip: address
	});
	return {
		token,
		expiresAt: session.expiresAt,
		mustChangePassword: user.must_change_password
	};
}

/** Ends the session and records the sign-out in the same transaction. */
export async function signOut(
	db: Kysely<Database>,
	user: { id: number; username: string; unitId: number },
	sessionId: string,
	address: string
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await invalidateSession(trx, sessionId);
		await writeAudit(trx, {
			actor: { id: user.id, username: user.username },
			action: 'auth.sign_out',
			entityType: 'user',
			entityId: user.id,
			unitId: user.unitId,
			ip: address
		});
	});
}
