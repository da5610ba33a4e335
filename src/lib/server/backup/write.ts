// Writes a backup: the database's rows and the evidence content, as one consistent snapshot, while
// the app keeps serving. On PostgreSQL the snapshot is a REPEATABLE READ READ ONLY transaction (the
// app's writes go on beside it); on PGlite, one transaction on its one connection (the app's
// queries wait for it: seconds for a province). Usable in-process: the running app can write a
// backup to any stream. The format: ./format.ts; the encryption: ./envelope.ts.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { EvidenceStore } from '../evidence/content';
import { listReferencedContent } from '../evidence/repository';
import { appliedMigrations, columnsOf, listReferences, quote, tablesToBackUp } from './catalog';
import { sealEnvelope } from './envelope';
import { BACKUP_FORMAT, type BackupRecord, type EndRecord, type Header } from './format';
import { dependencyOrder } from './order';

const BATCH = 1000;
/** Raw bytes per base64 line: 48 KiB make lines of 64 KiB. */
const BLOB_LINE = 48 * 1024;

export interface BackupOptions {
	/** Encrypts the backup when set. */
	passphrase?: string;
	now?: Date;
}

export interface BackupSummary {
	header: Header;
	end: EndRecord;
}

/** Writes the backup to `output` and ends it; resolves once every byte is handed over. */
export async function writeBackup(
	db: Kysely<Database>,
	store: EvidenceStore,
	output: Writable,
	options: BackupOptions = {}
): Promise<BackupSummary> {
	const { line, transform } = await sealEnvelope(options.passphrase);
	const body = new PassThrough();
	const gzip = createGzip();
	// The first line goes out as it is, the records compressed (and encrypted) after it.
	output.write(`${line}\n`);
	const written = pipeline(body, gzip, ...(transform ? [transform] : []), output);
	written.catch(() => {});
	const emit = async (record: BackupRecord | string) => {
		const text = typeof record === 'string' ? record : JSON.stringify(record);
		if (!body.write(`${text}\n`)) {
			await Promise.race([once(body, 'drain'), written.then(() => {})]);
		}
	};
	let summary: BackupSummary;
	try {
		summary = await db
			.transaction()
			.setIsolationLevel('repeatable read')
			.setAccessMode('read only')
			.execute(async (trx) => {
				// PGlite's dialect starts no read-only transaction by itself.
				await sql`SET TRANSACTION READ ONLY`.execute(trx);
				return dump(trx, store, emit, options.now ?? new Date());
			});
	} catch (failure) {
		body.destroy(failure as Error);
		throw failure;
	}
	body.end();
	await written;
	return summary;
}

async function dump(
	trx: Kysely<Database>,
	store: EvidenceStore,
	emit: (record: BackupRecord | string) => Promise<void>,
	now: Date
): Promise<BackupSummary> {
	const tables = dependencyOrder(await tablesToBackUp(trx), await listReferences(trx));
	const header: Header = {
		kind: 'header',
		format: BACKUP_FORMAT,
		createdAt: now.toISOString(),
		database: (await sql<{ v: string }>`SELECT version() AS v`.execute(trx)).rows[0].v.includes(
			'wasm'
		)
			? 'pglite'
			: 'postgres',
		migrations: await appliedMigrations(trx),
		tables
	};
	await emit(header);
	const end: EndRecord = {
		kind: 'end',
		rows: {},
		blobs: 0,
		blobBytes: 0,
		missing: [],
		damaged: []
	};
	for (const table of tables) {
		await emit({ kind: 'table', name: table, columns: await columnsOf(trx, table) });
		end.rows[table] = 0;
		await sql
			.raw(
				`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${quote(table)} t`
			)
			.execute(trx);
		for (;;) {
			const { rows } = await sql.raw<{ r: string }>(`FETCH ${BATCH} FROM backup_rows`).execute(trx);
			if (rows.length === 0) break;
			await emit({ kind: 'rows', count: rows.length });
			for (const row of rows) await emit(row.r);
			end.rows[table] += rows.length;
		}
		await sql.raw('CLOSE backup_rows').execute(trx);
	}
	for (const { sha256 } of await listReferencedContent(trx)) {
		const content = await store.open(trx, sha256);
		if (!content) {
			end.missing.push(sha256);
			continue;
		}
		await emit({ kind: 'blob', sha256, size: content.size });
		const hash = createHash('sha256');
		let pending = Buffer.alloc(0);
		for await (const chunk of content.chunks) {
			hash.update(chunk);
			pending = Buffer.concat([pending, chunk]);
			while (pending.length >= BLOB_LINE) {
				await emit(pending.subarray(0, BLOB_LINE).toString('base64'));
				pending = pending.subarray(BLOB_LINE);
			}
		}
		if (pending.length > 0) await emit(pending.toString('base64'));
		const digest = hash.digest('hex');
		await emit({ kind: 'blob-end', sha256: digest });
		if (digest !== sha256) end.damaged.push(sha256);
		else {
			end.blobs++;
			end.blobBytes += content.size;
		}
	}
	await emit(end);
	return { header, end };
}

/**
 * Writes `file` readable by its owner only, with what `write` puts into the stream: under a
 * temporary name in the same folder, flushed to disk, then renamed, so `file` is either the
 * previous backup or a whole new one.
 */
export async function writeFileAtomically<T>(
	file: string,
	write: (output: Writable) => Promise<T>
): Promise<{ result: T; bytes: number }> {
	const target = path.resolve(file);
	const temporary = path.join(
		path.dirname(target),
		`.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`
	);
	try {
		// flush: the file reaches the disk before the stream closes it.
		const output = createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true });
		const result = await write(output);
		if (!output.closed) await once(output, 'close');
		const { size } = await stat(temporary);
		await rename(temporary, target);
		const folder = await open(path.dirname(target), 'r');
		await folder.sync().finally(() => folder.close());
		return { result, bytes: size };
	} catch (failure) {
		await rm(temporary, { force: true });
		throw failure;
	}
}

/** Writes the backup to `file`, readable by its owner only (see writeFileAtomically). */
export async function writeBackupFile(
	db: Kysely<Database>,
	store: EvidenceStore,
	file: string,
	options: BackupOptions = {}
): Promise<BackupSummary & { bytes: number }> {
	const { result, bytes } = await writeFileAtomically(file, (output) =>
		writeBackup(db, store, output, options)
	);
	return { ...result, bytes };
}
