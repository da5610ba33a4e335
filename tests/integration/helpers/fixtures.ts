// Shared starting points for integration tests.
import type { Kysely } from 'kysely';
import type { AdminActor } from '../../../src/lib/server/auth/guards';
import type { Database } from '../../../src/lib/server/db/schema';
import { seedDemo } from '../../../scripts/seed/demo';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import type { TestDatabase } from './database';
import { createFromSeeded } from './seeded';

/** A fixed "today" keeps the seeded history the same on every run. */
export const SEED_NOW = new Date('2026-11-27T10:00:00+07:00');

/**
 * A fresh database holding the whole Nghệ An demo as of SEED_NOW. Seeding takes most of a minute,
 * so the first test file to ask seeds once and keeps the result for the others (./seeded.ts): a
 * PGlite image on disk, a template database on the server.
 */
export async function createSeededDatabase(): Promise<TestDatabase> {
	return createFromSeeded(async (db) => {
		await migrateToLatest(db);
		await seedDemo(db, { now: SEED_NOW });
	});
}

/** The demo's province administrator, acting from `ip`, as the administration services see it. */
export async function demoAdmin(db: Kysely<Database>, ip: string | null = '127.0.0.1') {
	const user = await db
		.selectFrom('users')
		.select(['id', 'username', 'role'])
		.where('username', '=', 'admin')
		.executeTakeFirstOrThrow();
	return { ...user, scopePath: '/40/', ip } satisfies AdminActor;
}

/** The province and one of its wards, straight under it: the least a unit test of scope needs. */
export async function insertProvinceAndWard(db: Kysely<Database>) {
	const province = await db
		.insertInto('units')
		.values({
			code: '40',
			name: 'Tỉnh Nghệ An',
			kind: 'province',
			level: 1,
			parent_id: null,
			path: '/40/'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const ward = await db
		.insertInto('units')
		.values({
			code: '16672',
			name: 'Phường Hưng Bình',
			kind: 'ward',
			level: 2,
			parent_id: province.id,
			path: '/40/16672/'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { provinceId: province.id, wardId: ward.id };
}
