import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/lib/server/db/connect';
import { withClusterLock } from '../../src/lib/server/db/cluster-lock';
import type { Database } from '../../src/lib/server/db/schema';
import { createTestDatabase, type TestDatabase } from './helpers/database';

let test: TestDatabase;
beforeAll(async () => {
	test = await createTestDatabase({ migrate: false });
});
afterAll(() => test.drop());

const held = async (db: Kysely<Database>) => {
	const { rows } = await sql<{ count: number }>`
		SELECT count(*) AS count FROM pg_locks WHERE locktype = 'advisory' AND classid = ${0x4b4d}
	`.execute(db);
	return Number(rows[0].count);
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withClusterLock', () => {
	it('runs the job on the locking connection, returns its result and releases the lock', async () => {
		const result = await withClusterLock(test.db, 'job', async (db) => {
			expect(await held(db)).toBe(1);
			// The job's own transactions run on that connection too.
			return db.transaction().execute(async (trx) => {
				const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(trx);
				return rows[0].one;
			});
		});
		expect(result).toBe(1);
		expect(await held(test.db)).toBe(0);
	});

	it('releases the lock when the job fails, and reports the failure', async () => {
		await expect(
			withClusterLock(test.db, 'job', async () => {
				throw new Error('the job failed');
			})
		).rejects.toThrow('the job failed');
		expect(await held(test.db)).toBe(0);
		expect(await withClusterLock(test.db, 'job', async () => 'again')).toBe('again');
	});

	it('lets a job take a lock of another name on its connection', async () => {
		const inner = await withClusterLock(test.db, 'outer', (db) =>
			withClusterLock(db, 'inner', async (db) => held(db))
		);
		expect(inner).toBe(2);
		expect(await held(test.db)).toBe(0);
	});
});

// Two instances need a server: on the embedded database one process holds the only session.
if (process.env.TEST_DATABASE_URL)
	describe('withClusterLock between instances', () => {
		let other: Kysely<Database>;
		let url: string;
		beforeAll(async () => {
			const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(
				test.db
			);
			const server = new URL(process.env.TEST_DATABASE_URL!);
			server.pathname = `/${rows[0].name}`;
			url = server.toString();
			other = createDatabase({ url, poolSize: 2 });
		});
		afterAll(() => other.destroy());

		it('makes a second instance wait until the first one is done', async () => {
			const order: string[] = [];
			let waited = false;
			const first = withClusterLock(test.db, 'seed', async () => {
				order.push('first starts');
				await pause(500);
				order.push('first ends');
			});
			await pause(100);
			const second = withClusterLock(
				other,
				'seed',
				async () => {
					order.push('second runs');
				},
				{ onWait: () => (waited = true) }
			);
			await Promise.all([first, second]);
			expect(waited).toBe(true);
			expect(order).toEqual(['first starts', 'first ends', 'second runs']);
		});

		it('frees the lock when the holding session dies', async () => {
			// Another instance's session, holding the lock as withClusterLock does, then ended as a
			// crash or a restart of the database server would.
			const holder = new pg.Client({ connectionString: url });
			holder.on('error', () => {});
			await holder.connect();
			await holder.query(`SELECT pg_advisory_lock(${0x4b4d}, hashtext('seed'))`);
			const pid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
			let waited = false;
			const second = withClusterLock(other, 'seed', async () => 'ran', {
				onWait: () => (waited = true)
			});
			await pause(300);
			await sql`SELECT pg_terminate_backend(${pid})`.execute(other);
			expect(await second).toBe('ran');
			expect(waited).toBe(true);
			await holder.end().catch(() => {});
		});
	});
