// An embedded database on disk forces every commit to disk before it answers: PGlite as shipped
// does not (fsync off, and a no-op fsync in its file layer), so this guards what connect.ts adds
// against a PGlite update that would quietly undo it.
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createDatabase } from '../../src/lib/server/db/connect';
import { durabilityProblems } from '../../src/lib/server/db/durability';

const folder = mkdtempSync(path.join(tmpdir(), 'kieumau-durable-'));
const dataDir = path.join(folder, 'pglite');
const db = createDatabase({ dataDir });

beforeAll(async () => {
	await sql`CREATE TABLE saves (n int)`.execute(db);
});
afterAll(async () => {
	await db.destroy();
	rmSync(folder, { recursive: true, force: true });
});

it('runs with fsync on and reports nothing weak', async () => {
	expect(await durabilityProblems(db)).toEqual([]);
	const { rows } = await sql<{ setting: string }>`
		SELECT setting FROM pg_settings WHERE name = 'wal_sync_method'
	`.execute(db);
	expect(rows[0].setting).toBe('fsync');
});

it('calls the operating system fsync for every committed statement', async () => {
	const fsync = vi.spyOn(fs, 'fsyncSync');
	try {
		for (let n = 1; n <= 5; n++) await sql`INSERT INTO saves VALUES (${n})`.execute(db);
		expect(fsync.mock.calls.length).toBeGreaterThanOrEqual(5);
		const before = fsync.mock.calls.length;
		await sql`SELECT count(*) FROM saves`.execute(db);
		// A read commits nothing: no write-ahead log to flush.
		expect(fsync.mock.calls.length).toBe(before);
	} finally {
		fsync.mockRestore();
	}
});
