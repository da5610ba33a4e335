// Database preparation shared by `npm start`, `npm run dev` and the end-to-end server.
import { existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { withClusterLock } from '../../src/lib/server/db/cluster-lock';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { databaseStore } from '../../src/lib/server/evidence/database-store';
import { fileStore } from '../../src/lib/server/evidence/file-store';
import { importContent } from '../../src/lib/server/evidence/import';
import { DEMO_USERS, seedDemo } from '../seed/demo';

export interface PrepareOptions {
	seed?: boolean;
	/**
	 * On PostgreSQL, the evidence folder of a release that kept content in files: content the
	 * database lacks moves in from there (`npm run evidence:import` does the same by hand).
	 */
	evidenceFiles?: string;
	log?: (line: string) => void;
}

/**
 * Migrates, then seeds the demo when the database holds no units yet (and demo data is wanted).
 * Instances starting together on one database take turns: the first prepares it, the others wait
 * for it, then find nothing left to migrate and the units there.
 */
export function prepareDatabase(
	db: Kysely<Database>,
	options: PrepareOptions = {}
): Promise<{ seeded: boolean; demo: boolean }> {
	const log = options.log ?? console.log;
	return withClusterLock(db, 'prepare', (locked) => prepareLocked(locked, { ...options, log }), {
		onWait: () => log('Another instance is preparing the database: waiting for it to finish…')
	});
}

/**
 * Moves in the content evidence rows and scanned decisions refer to that the database lacks, if
 * the folder holds it.
 */
async function importEvidenceFiles(
	db: Kysely<Database>,
	folder: string,
	log: (line: string) => void
) {
	if (!existsSync(folder)) return;
	const { rows } = await sql<{ lacking: number }>`
		SELECT count(DISTINCT f.sha256)::int AS lacking
		FROM (SELECT sha256 FROM evidence_files
			UNION ALL SELECT scan_sha256 FROM recognition_decisions WHERE scan_sha256 IS NOT NULL) f
		WHERE NOT EXISTS (SELECT 1 FROM evidence_content c WHERE c.sha256 = f.sha256)
	`.execute(db);
	if (rows[0].lacking === 0) return;
	log(`Moving ${rows[0].lacking} evidence files from ${folder} into the database…`);
	const report = await importContent(db, fileStore(folder), databaseStore());
	log(
		`  ${report.imported} moved, ${report.present} there already, ${report.missing.length} ` +
			`missing, ${report.damaged.length} damaged (npm run evidence:import lists them).`
	);
}

async function prepareLocked(
	db: Kysely<Database>,
	{ seed = true, evidenceFiles, log }: PrepareOptions & { log: (line: string) => void }
): Promise<{ seeded: boolean; demo: boolean }> {
	const { results } = await migrateToLatest(db);
	for (const result of results ?? []) log(`migrated: ${result.migrationName}`);
	if (evidenceFiles) await importEvidenceFiles(db, evidenceFiles, log);
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
