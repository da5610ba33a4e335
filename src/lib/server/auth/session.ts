// Sessions after Lucia's design: the cookie carries '<id>.<secret>', the database only the id and
// the secret's SHA-256, compared in constant time. Sliding expiry: 30 days, renewed under 15.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/authorization';
import type { Database } from '../db/schema';
import {
	deleteSession,
	deleteSessionsExpiredBy,
	deleteUserSessions,
	findSessionWithUser,
	insertSession,
	updateSessionExpiry
} from './repository';

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
	/** A reporting area the user is also scoped to (null: the whole unit scope). */
	areaId: number | null;
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
	await insertSession(db, {
		id,
		secretHash: encodeHexLowerCase(hashSecret(secret)),
		userId,
		expiresAt
	});
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
	const row = await findSessionWithUser(db, id);
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
		await updateSessionExpiry(db, id, expiresAt);
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
			areaId: row.area_id,
			mustChangePassword: row.must_change_password
		},
		renewed
	};
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
	await deleteSession(db, sessionId);
}

/** Ends every session of a user: on password change and deactivation. */
export async function invalidateUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
	await deleteUserSessions(db, userId);
}

/** Housekeeping: expired rows are useless; any instance may sweep them. */
export async function deleteExpiredSessions(db: Kysely<Database>, now = new Date()) {
	await deleteSessionsExpiredBy(db, now);
}
