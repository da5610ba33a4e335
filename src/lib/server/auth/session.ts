// Sessions after Lucia's design: the cookie carries '<id>.<secret>', the database only the id and
// the secret's SHA-256, compared in constant time. Sliding expiry: 30 days, renewed under 15.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';

const DAY = 86_400_000;
export const SESSION_LIFETIME = 30 * DAY;
export const SESSION_RENEW_WITHIN = 15 * DAY;
export const SESSION_COOKIE = 'km_session';

export interface SessionUser {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	unitId: number;
	unitCode: string;
	unitName: string;
	/** Materialised path of the scope unit: the user acts on this subtree only. */
	scopePath: string;
	mustChangePassword: boolean;
}

export interface Session {
	id: string;
	userId: number;
	expiresAt: Date;
}

function randomCode(): string {
	const bytes = new Uint8Array(15);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** Creates a session and returns the token for the cookie (never stored). */
export async function createSession(
	db: Kysely<Database>,
	userId: number,
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const id = randomCode();
	const secret = randomCode();
	const expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
	await db
		.insertInto('sessions')
		.values({
			id,
			secret_hash: encodeHexLowerCase(hashSecret(secret)),
			user_id: userId,
			expires_at: expiresAt
		})
		.execute();
	return { token: `${id}.${secret}`, session: { id, userId, expiresAt } };
}

export interface ValidatedSession {
	session: Session;
	user: SessionUser;
	/** The expiry moved: send the cookie again. */
	renewed: boolean;
}

export async function validateSessionToken(
	db: Kysely<Database>,
	token: string,
	now = new Date()
): Promise<ValidatedSession | null> {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || !/^[a-z0-9]{24}$/.test(id)) return null;
	const row = await db
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
			'units.id as unitId',
			'units.code as unitCode',
			'units.name as unitName',
			'units.path as scopePath'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const stored = new Uint8Array(Buffer.from(row.secret_hash, 'hex'));
	if (!constantTimeEqual(hashSecret(secret), stored)) return null;
	if (row.expires_at.getTime() <= now.getTime() || !row.active) {
		await invalidateSession(db, id);
		return null;
	}
	let expiresAt = row.expires_at;
	const renewed = expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN;
	if (renewed) {
		expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
		await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
	}
	return {
		session: { id, userId: row.userId, expiresAt },
		user: {
			id: row.userId,
			username: row.username,
			displayName: row.display_name,
			role: row.role,
			unitId: row.unitId,
			unitCode: row.unitCode,
			unitName: row.unitName,
			scopePath: row.scopePath,
			mustChangePassword: row.must_change_password
		},
		renewed
	};
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user: on password change and deactivation. */
export async function invalidateUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Housekeeping: expired rows are useless; any instance may sweep them. */
export async function deleteExpiredSessions(db: Kysely<Database>, now = new Date()) {
	await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
