// Writes a backup: the database's rows and the evidence content, as one consistent snapshot, while
// the app keeps serving. The snapshot is one REPEATABLE READ READ ONLY transaction. On PostgreSQL
// the app's writes go on beside it, so it reads everything, content included (the database store),
// and streams as the reader takes it. On PGlite it holds the app's only connection: requests wait
// for it. So there it reads only the rows, spooled to a file beside the evidence rather than
// waiting for the reader (./relay.ts), and keeps the content it refers to with hard links (the file
// store's snapshot); once it has committed, the spooled rows and then the content are streamed.
// Usable in-process: the running app can write a backup to any stream. The format: ./format.ts;
// the encryption: ./envelope.ts.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { EvidenceStore, StoredContent } from '../evidence/content';
import { listReferencedContent } from '../evidence/repository';
import { appliedMigrations, columnsOf, listReferences, quote, tablesToBackUp } from './catalog';
import { sealEnvelope } from './envelope';
import { BACKUP_FORMAT, type BackupRecord, type EndRecord, type Header } from './format';
import { dependencyOrder } from './order';
import { drained, Relay } from './relay';

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

type Emit = (record: BackupRecord | string) => Promise<void>;

/** Writes the backup to `output` and ends it; resolves once every byte is handed over. */
export async function writeBackup(
	db: Kysely<Database>,
	store: EvidenceStore,
	output: Writable,
	options: BackupOptions = {}
): Promise<BackupSummary> {
	const { line, transform } = await sealEnvelope(options.passphrase);
	// Taken (empty) before the transaction: only keeping the content happens inside it.
	const snapshot = await store.snapshot?.();
	let spool: FileHandle | undefined;
	const records = new PassThrough();
	const compressed = new PassThrough();
	try {
		// The rows spool in the snapshot's folder: a national install's rows compress to some
		// 150 MiB, too much to hold in the app's memory; DATA_DIR has room for them.
		if (snapshot) spool = await open(path.join(snapshot.folder, 'records.part'), 'wx+', 0o600);
		const relay = new Relay(compressed, spool);
		// The first line goes out as it is, the records compressed (and encrypted) after it.
		output.write(`${line}\n`);
		const written = Promise.all([
			pipeline(records, createGzip(), relay),
			transform ? pipeline(compressed, transform, output) : pipeline(compressed, output)
		]);
		let failure: unknown;
		written.catch((error) => (failure ??= error));
		const emit: Emit = async (record) => {
			if (failure) throw failure;
			const text = typeof record === 'string' ? record : JSON.stringify(record);
			if (!records.write(`${text}\n`)) await drained(records);
		};
		const { header, end, referenced } = await db
			.transaction()
			.setIsolationLevel('repeatable read')
			.setAccessMode('read only')
			.execute(async (trx) => {
				// PGlite's dialect starts no read-only transaction by itself.
				await sql`SET TRANSACTION READ ONLY`.execute(trx);
				const dumped = await dumpRows(trx, emit, options.now ?? new Date());
				const referenced = (await listReferencedContent(trx)).map((row) => row.sha256);
				if (snapshot) await snapshot.keep(referenced);
				else await dumpContent(referenced, (sha256) => store.open(trx, sha256), emit, dumped.end);
				return { ...dumped, referenced };
			});
		if (snapshot) {
			await relay.release();
			await dumpContent(referenced, (sha256) => snapshot.open(sha256), emit, end);
		}
		await emit(end);
		records.end();
		await written;
		return { header, end };
	} catch (failure) {
		records.destroy(failure as Error);
		compressed.destroy(failure as Error);
		throw failure;
	} finally {
		await spool?.close().catch(() => {});
		await snapshot?.release();
	}
}

async function dumpRows(trx: Kysely<Database>, emit: Emit, now: Date) {
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
			await emit(rows.map((row) => row.r).join('\n'));
			end.rows[table] += rows.length;
		}
		await sql.raw('CLOSE backup_rows').execute(trx);
	}
	return { header, end };
}

/** Writes each content as a blob record, counting in `end` what was missing or damaged. */
async function dumpContent(
	referenced: readonly string[],
	open: (sha256: string) => Promise<StoredContent | undefined>,
	emit: Emit,
	end: EndRecord
) {
	for (const sha256 of referenced) {
		const content = await open(sha256);
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
