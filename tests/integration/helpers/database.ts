// A fresh, migrated database per test file: in-memory PGlite by default, or a new database on the
// PostgreSQL server named by TEST_DATABASE_URL (dropped again afterwards).
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDatabase } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import type { Database } from '../../../src/lib/server/db/schema';

export interface TestDatabase {
	db: Kysely<Database>;
	kind: 'pglite' | 'postgres';
	drop(): Promise<void>;
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

export async function createTestDatabase({ migrate = true } = {}): Promise<TestDatabase> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	let test: TestDatabase;
	if (!serverUrl) {
		const db = createDatabase({ dataDir: 'memory://' });
		test = { db, kind: 'pglite', drop: () => db.destroy() };
	} else {
		const name = `kieumau_test_${randomBytes(6).toString('hex')}`;
		await admin(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		const db = createDatabase({ url: url.toString(), poolSize: 4 });
		test = {
			db,
			kind: 'postgres',
			drop: async () => {
				await db.destroy();
				await admin(serverUrl, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
			}
		};
	}
	if (migrate) await migrateToLatest(test.db);
	return test;
}
