// Failed sign-ins, counted in the database so every app instance sees the same counts.
import { sql, type Kysely } from 'kysely';
import {
	ADDRESS_POLICY,
	lockUntil,
	nextFailureCount,
	USER_POLICY,
	type ThrottlePolicy
} from '../../domain/throttle';
import type { Database } from '../db/schema';

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
	const row = await db
		.selectFrom('sign_in_throttle')
		.select((eb) => eb.fn.max('locked_until').as('until'))
		.where('key', 'in', keys)
		.where('locked_until', '>', now)
		.executeTakeFirst();
	return row?.until ? new Date(row.until) : null;
}

/** Counts one failure against each key; the row is locked so concurrent failures all count. */
export async function recordFailure(
	db: Kysely<Database>,
	entries: { key: string; policy: ThrottlePolicy }[],
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const { key, policy } of entries) {
			await sql`INSERT INTO sign_in_throttle (key, failures, last_failure_at) VALUES (${key}, 0, ${now})
				ON CONFLICT (key) DO NOTHING`.execute(trx);
			const previous = await trx
				.selectFrom('sign_in_throttle')
				.select(['failures', 'last_failure_at'])
				.where('key', '=', key)
				.forUpdate()
				.executeTakeFirstOrThrow();
			const failures = nextFailureCount(
				policy,
				previous.failures === 0
					? null
					: { failures: previous.failures, lastFailureAt: new Date(previous.last_failure_at) },
				now
			);
			await trx
				.updateTable('sign_in_throttle')
				.set({ failures, last_failure_at: now, locked_until: lockUntil(policy, failures, now) })
				.where('key', '=', key)
				.execute();
		}
	});
}

/** Rows idle longer than any policy remembers serve nobody: any instance may sweep them. */
export async function sweepThrottle(db: Kysely<Database>, now = new Date()): Promise<void> {
	const horizon = Math.max(USER_POLICY.forgetAfterSeconds, ADDRESS_POLICY.forgetAfterSeconds);
	await db
		.deleteFrom('sign_in_throttle')
		.where('last_failure_at', '<', new Date(now.getTime() - horizon * 1000))
		.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
		.execute();
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
	await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
