// Failed sign-ins, counted in the database so every app instance sees the same counts.
import type { Kysely } from 'kysely';
import {
	ADDRESS_POLICY,
	lockUntil,
	nextFailureCount,
	USER_POLICY,
	type ThrottlePolicy
} from '../../domain/throttle';
import type { Database } from '../db/schema';
import {
	deleteIdleThrottleRows,
	deleteThrottleRow,
	findThrottleLock,
	lockThrottleRow,
	updateThrottleRow
} from './repository';

export function throttleKeys(username: string, address: string) {
	return [
		{ key: `user:${username.trim().toLowerCase()}`, policy: USER_POLICY },
		{ key: `ip:${address}`, policy: ADDRESS_POLICY }
	];
}

/** The latest moment any of the keys is locked until, or null when sign-in may proceed. */
export async function lockedUntil(
	db: Kysely<Database>,
	keys: string[],
	now = new Date()
): Promise<Date | null> {
	return findThrottleLock(db, keys, now);
}

/** Counts one failure against each key; the row is locked so concurrent failures all count. */
export async function recordFailure(
	db: Kysely<Database>,
	entries: { key: string; policy: ThrottlePolicy }[],
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const { key, policy } of entries) {
			const previous = await lockThrottleRow(trx, key, now);
			const failures = nextFailureCount(
				policy,
				previous.failures === 0
					? null
					: { failures: previous.failures, lastFailureAt: new Date(previous.last_failure_at) },
				now
			);
			await updateThrottleRow(trx, key, {
				failures,
				lastFailureAt: now,
				lockedUntil: lockUntil(policy, failures, now)
			});
		}
	});
}

/** Rows idle longer than any policy remembers serve nobody: any instance may sweep them. */
export async function sweepThrottle(db: Kysely<Database>, now = new Date()): Promise<void> {
	const horizon = Math.max(USER_POLICY.forgetAfterSeconds, ADDRESS_POLICY.forgetAfterSeconds);
	await deleteIdleThrottleRows(db, new Date(now.getTime() - horizon * 1000), now);
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
	await deleteThrottleRow(db, key);
}
