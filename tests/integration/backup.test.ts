// Backups and restores on real databases: the seeded demo with evidence, written to one file,
// restored into an empty database of the kind under test (and, on the PostgreSQL pass, into PGlite
// too, the way an install moves between them), then compared table by table. And what must be
// refused before anything is written.
import { randomBytes } from 'node:crypto';
import {
	createWriteStream,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../src/lib/server/backup/check';
import { BackupError } from '../../src/lib/server/backup/envelope';
import { verifyBackup } from '../../src/lib/server/backup/read';
import { restoreBackup } from '../../src/lib/server/backup/restore';
import { writeBackup, writeBackupFile } from '../../src/lib/server/backup/write';
import { createDatabase } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { sha256Of, type EvidenceStore } from '../../src/lib/server/evidence/content';
import { databaseStore } from '../../src/lib/server/evidence/database-store';
import { fileStore } from '../../src/lib/server/evidence/file-store';
import { importContent } from '../../src/lib/server/evidence/import';
import { deleteEvidence, uploadEvidence } from '../../src/lib/server/evidence/service';
import { actorNamed, ctx, freshPlace, openAssessmentDatabase, pdf } from './helpers/assessments';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { SEED_NOW } from './helpers/fixtures';
import { expectKeptFiguresFresh } from './helpers/kept';

let source: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let place: Awaited<ReturnType<typeof freshPlace>>;
let officer: Awaited<ReturnType<typeof actorNamed>>;
let db: Kysely<Database>;
let store: EvidenceStore;
let folder: string;
let plain: string;
let encrypted: string;
const PASSPHRASE = 'sao lưu hằng đêm, giữ kỹ';
const files = [pdf('nghị quyết'), pdf('biên bản'), pdf('báo cáo')];

/** Every row of a table as PostgreSQL writes it, sorted: equal tables give equal lists. */
async function rowsOf(target: Kysely<Database>, table: string) {
	const { rows } = await sql<{
		r: string;
	}>`SELECT to_jsonb(t)::text AS r FROM ${sql.table(table)} t`.execute(target);
	return rows.map((row) => row.r).sort();
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
	try {
		await promise;
	} catch (failure) {
		if (failure instanceof BackupError) return failure;
		throw failure;
	}
	throw new Error('Expected a BackupError');
}

beforeAll(async () => {
	source = await openAssessmentDatabase();
	({ db, storage: store } = ctx);
	folder = mkdtempSync(path.join(tmpdir(), 'kieumau-backup-'));
	// Phường Cửa Nam (16678) went into Phường Thành Vinh (16681) on 01/07/2025, its officer too.
	place = await freshPlace('16681');
	officer = await actorNamed('officer.16678');
	for (const [i, bytes] of files.entries()) {
		await uploadEvidence(
			db,
			store,
			officer,
			place,
			{
				criterionCode: `1.${i + 1}`,
				fileName: `tệp ${i}.pdf`,
				bytes
			},
			SEED_NOW
		);
	}
	// A session: a restore must not bring it back.
	await db
		.insertInto('sessions')
		.values({
			id: 'a'.repeat(24),
			secret_hash: '0'.repeat(64),
			user_id: officer.id,
			expires_at: new Date(Date.now() + 86_400_000)
		})
		.execute();
	plain = path.join(folder, 'plain.kmbackup');
	encrypted = path.join(folder, 'encrypted.kmbackup');
	await writeBackupFile(db, store, plain);
	await writeBackupFile(db, store, encrypted, { passphrase: PASSPHRASE });
});
afterAll(async () => {
	await source?.drop();
	rmSync(folder, { recursive: true, force: true });
});

describe('a backup file', () => {
	it('is readable by its owner only, with no temporary file left', () => {
		expect(statSync(plain).mode & 0o777).toBe(0o600);
		expect(statSync(encrypted).mode & 0o777).toBe(0o600);
		expect(readFileSync(encrypted).includes(Buffer.from('password_hash'))).toBe(false);
	});

	it('holds every table but sessions and throttling, and every evidence content', async () => {
		const { header, end } = await verifyBackup(encrypted, PASSPHRASE);
		expect(header.tables).toContain('units');
		expect(header.tables).not.toContain('sessions');
		expect(header.tables).not.toContain('sign_in_throttle');
		expect(header.tables).not.toContain('evidence_chunks');
		expect(header.tables.indexOf('units')).toBeLessThan(header.tables.indexOf('users'));
		expect(end.blobs).toBe(files.length);
		expect(end.rows.evidence_files).toBe(files.length);
	});
});

describe.each(
	process.env.TEST_DATABASE_URL ? (['postgres', 'pglite'] as const) : (['pglite'] as const)
)('restoring into an empty %s database', (kind) => {
	let target: TestDatabase;
	let targetStore: EvidenceStore;
	let evidence: string;

	beforeAll(async () => {
		evidence = mkdtempSync(path.join(tmpdir(), 'kieumau-restored-'));
		if (kind === 'postgres') {
			target = await createTestDatabase({ migrate: false });
			targetStore = databaseStore();
		} else {
			const memory = createDatabase({ dataDir: 'memory://' });
			target = { db: memory, kind: 'pglite', drop: () => memory.destroy() };
			targetStore = fileStore(evidence);
		}
	});
	afterAll(async () => {
		await target?.drop();
		rmSync(evidence, { recursive: true, force: true });
	});

	it('refuses a wrong passphrase and a changed byte, writing nothing', async () => {
		expect(
			(await refusal(restoreBackup(target.db, targetStore, encrypted, { passphrase: 'sai' })))
				.reason
		).toBe('wrong_passphrase');
		const bytes = readFileSync(encrypted);
		bytes[Math.floor(bytes.length / 2)] ^= 0x20;
		const tampered = path.join(folder, `tampered-${kind}.kmbackup`);
		writeFileSync(tampered, bytes);
		expect(
			(await refusal(restoreBackup(target.db, targetStore, tampered, { passphrase: PASSPHRASE })))
				.reason
		).toBe('damaged');
		const { rows } = await sql<{ n: number }>`
			SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'
		`.execute(target.db);
		expect(Number(rows[0].n)).toBe(0);
	});

	it('restores every row and every evidence file, and no session', async () => {
		const summary = await restoreBackup(target.db, targetStore, encrypted, {
			passphrase: PASSPHRASE
		});
		expect(summary.missing).toEqual([]);
		for (const table of summary.header.tables.filter((name) => name !== 'data_versions')) {
			expect(await rowsOf(target.db, table), table).toEqual(await rowsOf(db, table));
		}
		// Every data version moves past the source's: no instance reuses what it had computed.
		const versions = async (of: Kysely<Database>) =>
			new Map(
				(await of.selectFrom('data_versions').selectAll().execute()).map((row) => [
					row.scope,
					Number(row.version)
				])
			);
		const [before, after] = [await versions(db), await versions(target.db)];
		expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
		for (const [scope, version] of before)
			expect(after.get(scope)!, scope).toBeGreaterThan(version);
		expect(await target.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
		// Not in the backup (they follow from the rest): rebuilt, the same as the source's.
		expect(summary.header.tables).not.toContain('kept_unit_figures');
		expect(await rowsOf(target.db, 'kept_unit_figures')).toEqual(
			await rowsOf(db, 'kept_unit_figures')
		);
		expect((await rowsOf(target.db, 'kept_unit_figures')).length).toBeGreaterThan(1000);
		await expectKeptFiguresFresh(target.db);
		for (const bytes of files) {
			const content = (await targetStore.open(target.db, sha256Of(bytes)))!;
			const chunks: Uint8Array[] = [];
			for await (const chunk of content.chunks) chunks.push(chunk);
			expect(sha256Of(Buffer.concat(chunks))).toBe(sha256Of(bytes));
		}
	});

	it('passes the check: scores recomputed, evidence hashed', async () => {
		const report = await checkDatabase(target.db, targetStore);
		expect(report).toMatchObject({ ok: true, scoreMismatches: 0, missingContent: 0 });
		expect(report.assessments).toBeGreaterThan(1000);
		expect(report.contents).toBe(files.length);
	});

	it('sets sequences past the restored rows', async () => {
		const max = await target.db
			.selectFrom('audit_log')
			.select((eb) => eb.fn.max('id').as('id'))
			.executeTakeFirstOrThrow();
		const { id } = await target.db
			.insertInto('audit_log')
			.values({ action: 'test', entity_type: 'test', entity_id: '1' })
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(Number(id)).toBe(Number(max.id) + 1);
	});

	it('refuses to restore into a database that holds rows', async () => {
		expect((await refusal(restoreBackup(target.db, targetStore, plain))).reason).toBe('not_empty');
	});

	it('reports a stored score that differs, and content that is gone', async () => {
		const { id } = await target.db
			.selectFrom('assessments')
			.select('id')
			.where('score', '>', 10)
			.orderBy('id')
			.limit(1)
			.executeTakeFirstOrThrow();
		await target.db.updateTable('assessments').set({ score: 1 }).where('id', '=', id).execute();
		await targetStore.remove(target.db, sha256Of(files[0]));
		const report = await checkDatabase(target.db, targetStore);
		expect(report).toMatchObject({ ok: false, scoreMismatches: 1, missingContent: 1 });
		expect(report.problems[0]).toContain(`assessment ${id}: score 1 stored`);
	});
});

describe('a backup made by a newer version', () => {
	it('is refused before anything is written', async () => {
		const future = '2999_01_01_000100_from_the_future';
		await db
			.insertInto('kysely_migration' as never)
			.values({ name: future, timestamp: new Date().toISOString() } as never)
			.execute();
		const newer = path.join(folder, 'newer.kmbackup');
		try {
			await writeBackupFile(db, store, newer);
		} finally {
			await db
				.deleteFrom('kysely_migration' as never)
				.where('name' as never, '=', future as never)
				.execute();
		}
		const target = createDatabase({ dataDir: 'memory://' });
		try {
			const error = await refusal(restoreBackup(target, fileStore(folder), newer));
			expect(error.reason).toBe('newer_schema');
			expect(error.message).toContain(future);
			const { rows } = await sql<{ n: number }>`
				SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'
			`.execute(target);
			expect(Number(rows[0].n)).toBe(0);
		} finally {
			await target.destroy();
		}
	});
});

describe('moving evidence files into the database', () => {
	it('imports referenced content once, counts it the second time, reports what is lost', async () => {
		const root = mkdtempSync(path.join(tmpdir(), 'kieumau-import-'));
		const disk = fileStore(root);
		const inDatabase = databaseStore();
		try {
			// The content as a PGlite install (or an older PostgreSQL one) kept it: on disk only.
			for (const bytes of files) await disk.put(db, sha256Of(bytes), bytes);
			const unused = pdf(`không ai dùng ${randomBytes(4).toString('hex')}`);
			await disk.put(db, sha256Of(unused), unused);
			for (const bytes of files) await inDatabase.remove(db, sha256Of(bytes));
			expect(await importContent(db, disk, inDatabase)).toMatchObject({
				imported: files.length,
				present: 0,
				missing: [],
				damaged: []
			});
			expect(await importContent(db, disk, inDatabase)).toMatchObject({
				imported: 0,
				present: files.length
			});
			expect(await inDatabase.has(db, sha256Of(unused))).toBe(false);
			const lost = sha256Of(files[0]);
			await inDatabase.remove(db, lost);
			await disk.remove(db, lost);
			expect((await importContent(db, disk, inDatabase)).missing).toEqual([lost]);
			await inDatabase.put(db, lost, files[0]);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});
});

// Last: it changes the database the restores above compare with.
describe('a backup whose reader stalls', () => {
	it('leaves the database free, and keeps content deleted after its snapshot', async () => {
		const bytes = pdf(`xoá sau ảnh chụp ${randomBytes(4).toString('hex')}`);
		const { id } = await uploadEvidence(
			db,
			store,
			officer,
			place,
			{ criterionCode: '1.1', fileName: 'xoá.pdf', bytes },
			SEED_NOW
		);
		// Nobody reads the output: the backup fills its buffers and waits.
		const output = new PassThrough({ highWaterMark: 16 * 1024 });
		const backup = writeBackup(db, store, output);
		const failed = backup.then(
			() => 'finished without a reader',
			(error: Error) => error.message
		);
		while (!output.writableNeedDrain) {
			const early = await Promise.race([
				failed,
				new Promise<undefined>((resolve) => setTimeout(resolve, 20))
			]);
			expect(early).toBeUndefined();
		}
		// The reader stalls after the rows' transaction (PGlite) or during it (PostgreSQL): either
		// way the app's queries go on, deleting the content included.
		const started = performance.now();
		const deleted = deleteEvidence(db, store, officer, place, id, SEED_NOW).then(() => 'deleted');
		const timeout = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000));
		expect(await Promise.race([deleted, timeout])).toBe('deleted');
		expect(performance.now() - started).toBeLessThan(2000);
		expect(await store.has(db, sha256Of(bytes))).toBe(false);

		const file = path.join(folder, 'stalled.kmbackup');
		await Promise.all([pipeline(output, createWriteStream(file)), backup]);
		const { end } = await verifyBackup(file);
		expect(end.missing).toEqual([]);
		expect(end.damaged).toEqual([]);
		expect(end.blobs).toBe(files.length + 1);
		expect(end.rows.evidence_files).toBe(files.length + 1);
		if (store.kind === 'files') {
			// The snapshot's links and spooled rows are gone with the backup.
			expect(readdirSync(store.location).filter((name) => name.startsWith('.'))).toEqual([]);
		}
	});
});
