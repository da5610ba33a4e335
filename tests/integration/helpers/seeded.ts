// The seeded demo, made once and copied for every test file that asks for it: seeding takes most
// of a minute, a copy a second. On PGlite the copy is an image of the data directory in the
// system's temporary folder; on the PostgreSQL server of TEST_DATABASE_URL it is a template
// database. Both are named by a hash of the sources that make them (migrations, seed, app code and
// data), so a change to any of them makes a new one; older ones are removed.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDatabase, memoryDatabase } from '../../../src/lib/server/db/connect';
import type { Database } from '../../../src/lib/server/db/schema';
import type { TestDatabase } from './database';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCES = ['migrations', 'scripts', 'src/lib'];

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(entry.parentPath, entry.name))
		.filter((file) => !file.includes(`${path.sep}paraglide${path.sep}`))
		.sort();
}

/** A short hash of every source file the seeded database comes from. */
function sourceHash(): string {
	const hash = createHash('sha256');
	for (const file of SOURCES.flatMap((folder) => filesUnder(path.join(ROOT, folder)))) {
		hash.update(path.relative(ROOT, file));
		hash.update(readFileSync(file));
	}
	return hash.digest('hex').slice(0, 16);
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

function databaseUrl(serverUrl: string, name: string) {
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

async function onPGlite(seed: (db: Kysely<Database>) => Promise<void>): Promise<TestDatabase> {
	const prefix = 'kieumau-seeded-';
	const image = path.join(tmpdir(), `${prefix}${sourceHash()}.tar.gz`);
	if (!existsSync(image)) {
		const made = memoryDatabase();
		await seed(made.db);
		const dump = await made.pglite.dumpDataDir('gzip');
		await made.db.destroy();
		for (const old of readdirSync(tmpdir()).filter((name) => name.startsWith(prefix))) {
			rmSync(path.join(tmpdir(), old), { force: true });
		}
		// Written whole, then renamed: a reader never sees half an image.
		const partial = `${image}.${process.pid}`;
		writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
		renameSync(partial, image);
	}
	const { db } = memoryDatabase(new Blob([readFileSync(image)]));
	return { db, kind: 'pglite', drop: () => db.destroy() };
}

async function onPostgres(
	serverUrl: string,
	seed: (db: Kysely<Database>) => Promise<void>
): Promise<TestDatabase> {
	const template = `kieumau_seeded_${sourceHash()}`;
	const exists = await onServer(serverUrl, async (client) => {
		const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
		return rows.length > 0;
	});
	if (!exists) {
		const making = `${template}_${randomBytes(3).toString('hex')}`;
		await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${making}`));
		const db = createDatabase({ url: databaseUrl(serverUrl, making), poolSize: 4 });
		try {
			await seed(db);
		} finally {
			await db.destroy();
		}
		await onServer(serverUrl, async (client) => {
			const { rows } = await client.query<{ datname: string }>(
				"SELECT datname FROM pg_database WHERE datname LIKE 'kieumau\\_seeded\\_%'"
			);
			for (const { datname } of rows.filter((row) => row.datname !== making)) {
				await client.query(`DROP DATABASE ${datname} WITH (FORCE)`);
			}
			await client.query(`ALTER DATABASE ${making} RENAME TO ${template}`);
		});
	}
	const name = `kieumau_test_${randomBytes(6).toString('hex')}`;
	await onServer(serverUrl, (client) =>
		client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
	);
	const db = createDatabase({ url: databaseUrl(serverUrl, name), poolSize: 4 });
	return {
		db,
		kind: 'postgres',
		drop: async () => {
			await db.destroy();
			await onServer(serverUrl, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
		}
	};
}

/** A new database holding what `seed` writes into a migrated-or-not empty one, made once. */
export function createFromSeeded(
	seed: (db: Kysely<Database>) => Promise<void>
): Promise<TestDatabase> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	return serverUrl ? onPostgres(serverUrl, seed) : onPGlite(seed);
}
