// Database preparation shared by `npm start`, `npm run dev` and the end-to-end server.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { withClusterLock } from '../../src/lib/server/db/cluster-lock';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { DEMO_USERS, seedDemo } from '../seed/demo';

/**
 * Migrates, then seeds the demo when the database holds no units yet (and demo data is wanted).
 * Instances starting together on one database take turns: the first prepares it, the others wait
 * for it, then find nothing left to migrate and the units there.
 */
export function prepareDatabase(
	db: Kysely<Database>,
	{ seed = true, log = console.log }: { seed?: boolean; log?: (line: string) => void } = {}
): Promise<{ seeded: boolean; demo: boolean }> {
	return withClusterLock(db, 'prepare', (locked) => prepareLocked(locked, seed, log), {
		onWait: () => log('Another instance is preparing the database: waiting for it to finish…')
	});
}

async function prepareLocked(
	db: Kysely<Database>,
	seed: boolean,
	log: (line: string) => void
): Promise<{ seeded: boolean; demo: boolean }> {
	const { results } = await migrateToLatest(db);
	for (const result of results ?? []) log(`migrated: ${result.migrationName}`);
	const { rows } = await sql<{
		empty: boolean;
	}>`SELECT NOT EXISTS (SELECT 1 FROM units) AS empty`.execute(db);
	if (seed && rows[0].empty) {
		log('Empty database: seeding the Nghệ An demo (about half a minute)…');
		await seedDemo(db, { log: (line) => log(`  ${line}`) });
	}
	const demo = await db
		.selectFrom('users')
		.select('id')
		.where('username', '=', DEMO_USERS[0].username)
		.executeTakeFirst();
	return { seeded: seed && rows[0].empty, demo: demo !== undefined };
}

/**
 * The demo (with its public password) fills an empty embedded database by default; a PostgreSQL
 * server, where production lives, gets it only when SEED_DEMO=true asks for it.
 */
export function wantsDemo(env: NodeJS.ProcessEnv): boolean {
	if (env.SEED_DEMO === 'true') return true;
	if (env.SEED_DEMO === 'false') return false;
	return !env.DATABASE_URL;
}

/** Creates (or recreates) a PostgreSQL database next to the one `url` names; returns its URL. */
export async function recreatePostgresDatabase(url: string, name: string): Promise<string> {
	const pg = (await import('pg')).default;
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await client.query(`CREATE DATABASE "${name}"`);
	} finally {
		await client.end();
	}
	const next = new URL(url);
	next.pathname = `/${name}`;
	return next.toString();
}
