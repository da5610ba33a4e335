// Two instances started together on one empty PostgreSQL database, demo wanted: one prepares the
// database while the other waits for it, then both serve the same single demo.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { databaseUrl, onServer, TEMPLATE_DATABASE, workDir } from '../helpers/data';

const name = `kieumau_reliability_${randomBytes(5).toString('hex')}`;
let apps: RunningApp[] = [];
let dirs: string[] = [];
afterEach(async () => {
	await Promise.all(apps.map((app) => app.stop()));
	await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	apps = [];
	dirs = [];
});

async function count(database: string, table: string): Promise<number> {
	const client = new pg.Client({ connectionString: databaseUrl(database) });
	await client.connect();
	try {
		return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
	} finally {
		await client.end();
	}
}

test('two npm start on an empty database with SEED_DEMO=true both come up on one demo', async () => {
	await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
	dirs = [0, 1].map(() => mkdtempSync(path.join(workDir, 'together-')));
	apps = await Promise.all(
		dirs.map((dir) =>
			startApp({
				command: ['npm', 'start'],
				env: { DATABASE_URL: databaseUrl(name), DATA_DIR: dir, SEED_DEMO: 'true' },
				ready: /running at/
			})
		)
	);
	const seeding = apps.filter((app) => app.output.some((line) => line.includes('seeding the')));
	expect(seeding).toHaveLength(1);
	for (const app of apps) expect((await fetch(`${app.url}/login`)).status).toBe(200);
	for (const table of ['units', 'users', 'campaigns', 'assessments', 'criterion_results']) {
		expect(await count(name, table), table).toBe(await count(TEMPLATE_DATABASE, table));
	}
});
