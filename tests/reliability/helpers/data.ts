// Each test gets its own copy of one seeded database: a copied PGlite folder, or on the
// PostgreSQL server named by TEST_DATABASE_URL a database created from a seeded template.
// ./global-setup.ts seeds the template once per run.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { configFromEnv, createDatabase } from '../../../src/lib/server/db/connect';
import type { Database } from '../../../src/lib/server/db/schema';

export const kind: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
/** Concurrent runs on one machine need distinct TMPDIRs, as for the end-to-end tests. */
export const workDir = path.join(os.tmpdir(), 'kieumau-reliability');
export const templateDir = path.join(workDir, 'template');
/** Named after the work folder, so runs under different TMPDIRs never drop each other's. */
export const TEMPLATE_DATABASE = `kieumau_reliability_template_${createHash('sha256').update(workDir).digest('hex').slice(0, 8)}`;

/** An officer with an open draft (or none yet) to save into, found when the template was seeded. */
export interface Officer {
	username: string;
	/** The assessment page: /campaigns/{c}/units/{u}/periods/{p}. */
	page: string;
	/** A criterion of the period's set, whose note the tests write. */
	criterion: string;
}

export function officers(): Officer[] {
	return JSON.parse(readFileSync(path.join(workDir, 'officers.json'), 'utf8'));
}

export async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

export function databaseUrl(name: string): string {
	const url = new URL(process.env.TEST_DATABASE_URL!);
	url.pathname = `/${name}`;
	return url.toString();
}

export interface AppData {
	/** DATA_DIR and, on PostgreSQL, DATABASE_URL: what the app and the commands need. */
	env: NodeJS.ProcessEnv;
	/** The database's name on the server (PostgreSQL only). */
	name?: string;
	/** Opens the database (never while an app holds a PGlite folder). */
	open(): Kysely<Database>;
	remove(): Promise<void>;
}

/**
 * A new place for the app's data: a folder and, on PostgreSQL when `database` is set, a new
 * database on the server, empty or (with `template`) a copy of that database.
 */
export async function newData({
	prefix = 'data-',
	database = kind === 'postgres',
	template
}: { prefix?: string; database?: boolean; template?: string } = {}): Promise<AppData> {
	const dataDir = mkdtempSync(path.join(workDir, prefix));
	const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: 'false' };
	let name: string | undefined;
	if (database) {
		name = `kieumau_reliability_${randomBytes(5).toString('hex')}`;
		const from = template ? ` TEMPLATE "${template}"` : '';
		await onServer((client) => client.query(`CREATE DATABASE "${name}"${from}`));
		env.DATABASE_URL = databaseUrl(name);
	}
	return {
		env,
		name,
		open: () =>
			createDatabase(configFromEnv({ ...env, DATABASE_URL: env.DATABASE_URL || undefined })),
		async remove() {
			if (name) {
				await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
			}
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** A fresh copy of the seeded template. */
export async function freshData(): Promise<AppData> {
	const data = await newData({ template: TEMPLATE_DATABASE });
	if (kind === 'pglite') {
		cpSync(path.join(templateDir, 'pglite'), path.join(data.env.DATA_DIR!, 'pglite'), {
			recursive: true
		});
	}
	return data;
}

/** The latest note each officer saved through ./officer.ts, by username (read with the app stopped). */
export async function notesHeld(data: AppData): Promise<Map<string, string>> {
	const db = data.open();
	try {
		const { rows } = await sql<{ username: string; note: string }>`
			SELECT u.username, r.note
			FROM criterion_results r
			JOIN users u ON r.note LIKE u.username || ' note %'
		`.execute(db);
		return new Map(rows.map((row) => [row.username, row.note]));
	} finally {
		await db.destroy();
	}
}
