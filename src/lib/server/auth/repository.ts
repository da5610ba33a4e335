// Every query of the sessions and the sign-in throttle tables.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export function insertSession(
	db: Db,
	session: { id: string; secretHash: string; userId: number; expiresAt: Date }
) {
	return db
		.insertInto('sessions')
		.values({
			id: session.id,
			secret_hash: session.secretHash,
			user_id: session.userId,
			expires_at: session.expiresAt
		})
		.execute();
}

/** A session with its user and the user's scope unit: what every request needs. */
export function findSessionWithUser(db: Db, id: string) {
	return db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.select([
			'sessions.id',
			'sessions.secret_hash',
			'sessions.expires_at',
			'users.id as userId',
			'users.username',
			'users.display_name',
			'users.role',
			'users.active',
			'users.must_change_password',
			'users.area_id',
			'units.id as unitId',
			'units.code as unitCode',
			'units.name as unitName',
			'units.path as scopePath'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
}

export async function updateSessionExpiry(db: Db, id: string, expiresAt: Date): Promise<void> {
	await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteSessionsExpiredBy(db: Db, now: Date): Promise<void> {
	await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** The latest moment any of the keys is locked until, or null. */
export async function findThrottleLock(db: Db, keys: string[], now: Date): Promise<Date | null> {
	const row = await db
		.selectFrom('sign_in_throttle')
		.select((eb) => eb.fn.max('locked_until').as('until'))
		.where('key', 'in', keys)
		.where('locked_until', '>', now)
		.executeTakeFirst();
	return row?.until ? new Date(row.until) : null;
}

/** A key's counter, made when missing and locked until the commit. */
export async function lockThrottleRow(trx: Db, key: string, now: Date) {
	await sql`INSERT INTO sign_in_throttle (key, failures, last_failure_at) VALUES (${key}, 0, ${now})
		ON CONFLICT (key) DO NOTHING`.execute(trx);
	return trx
		.selectFrom('sign_in_throttle')
		.select(['failures', 'last_failure_at'])
		.where('key', '=', key)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

export async function updateThrottleRow(
	trx: Db,
	key: string,
	row: { failures: number; lastFailureAt: Date; lockedUntil: Date | null }
): Promise<void> {
	await trx
		.updateTable('sign_in_throttle')
		.set({
			failures: row.failures,
			last_failure_at: row.lastFailureAt,
			locked_until: row.lockedUntil
		})
		.where('key', '=', key)
		.execute();
}

/** Counters idle since `before` and not locked any more. */
export async function deleteIdleThrottleRows(db: Db, before: Date, now: Date): Promise<void> {
	await db
		.deleteFrom('sign_in_throttle')
		.where('last_failure_at', '<', before)
		.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
		.execute();
}

export async function deleteThrottleRow(db: Db, key: string): Promise<void> {
	await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
