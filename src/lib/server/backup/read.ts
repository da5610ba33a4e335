// Reads a backup file back: its first line, then (decrypted, decompressed) its records, line by
// line. verifyBackup reads it all once without writing anything: a wrong passphrase, a changed
// byte, a file cut short or content that does not hash to its name are refused before a restore
// touches the database.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { BackupError, openEnvelope, parseEnvelope, type Envelope } from './envelope';
import { parseRecord, type EndRecord, type Header } from './format';

const FIRST_LINE_MAX = 4096;

async function* linesOf(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
	const decoder = new StringDecoder('utf8');
	let rest = '';
	for await (const chunk of stream) {
		const text = rest + decoder.write(chunk);
		let start = 0;
		for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
			yield text.slice(start, at);
			start = at + 1;
		}
		rest = text.slice(start);
	}
	rest += decoder.end();
	// A last line without its newline was cut short: the missing end record refuses the file.
	if (rest) throw new BackupError('The backup file is cut short.');
}

function describe(failure: unknown): Error {
	if (failure instanceof BackupError) return failure;
	const code = (failure as NodeJS.ErrnoException).code ?? '';
	if (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') {
		return new BackupError('The backup file is damaged or cut short.');
	}
	return failure as Error;
}

export interface OpenedBackup {
	envelope: Envelope;
	/** The next line, or undefined after the last. */
	next(): Promise<string | undefined>;
	close(): void;
}

/** The file's first line, unchecked. */
async function firstLine(file: string): Promise<string> {
	const handle = await open(file, 'r');
	try {
		const buffer = Buffer.alloc(FIRST_LINE_MAX + 1);
		const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
		const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
		if (end < 0) {
			throw new BackupError('This is not a Kiểu mẫu backup.', 'not_a_backup');
		}
		return buffer.subarray(0, end).toString('utf8');
	} finally {
		await handle.close();
	}
}

/** What the first line says: whether the backup is encrypted. */
export async function readEnvelope(file: string): Promise<Envelope> {
	return parseEnvelope(await firstLine(file));
}

/** Opens a backup file: checks its first line and passphrase, then serves its record lines. */
export async function openBackup(file: string, passphrase?: string): Promise<OpenedBackup> {
	const first = await firstLine(file);
	const { envelope, transform } = await openEnvelope(first, passphrase);
	const source = createReadStream(file, { start: Buffer.byteLength(first) + 1 });
	const gunzip = createGunzip();
	const stages: (Readable | NodeJS.ReadWriteStream)[] = [
		source,
		...(transform ? [transform] : []),
		gunzip
	];
	const body = (pipeline as (...streams: unknown[]) => Readable)(...stages, () => {});
	const lines = linesOf(body);
	return {
		envelope,
		async next() {
			try {
				const { value, done } = await lines.next();
				return done ? undefined : value;
			} catch (failure) {
				throw describe(failure);
			}
		},
		close() {
			source.destroy();
			body.destroy();
		}
	};
}

export interface VerifiedBackup {
	envelope: Envelope;
	header: Header;
	end: EndRecord;
	/** Content whose bytes, as the backup holds them, do not hash to its name: not restored. */
	damaged: Set<string>;
}

/** Reads the whole backup, checking every record, row count and content digest; writes nothing. */
export async function verifyBackup(file: string, passphrase?: string): Promise<VerifiedBackup> {
	const backup = await openBackup(file, passphrase);
	try {
		const read = async () => {
			const line = await backup.next();
			if (line === undefined) throw new BackupError('The backup file is cut short.');
			return line;
		};
		const header = parseRecord(await read());
		if (header.kind !== 'header') throw new BackupError('The backup is damaged: no header.');
		const rows: Record<string, number> = {};
		const damaged = new Set<string>();
		let table: string | undefined;
		let blobs = 0;
		let blobBytes = 0;
		for (;;) {
			const record = parseRecord(await read());
			if (record.kind === 'end') {
				const counted = JSON.stringify(rows);
				const expected = JSON.stringify(
					Object.fromEntries(Object.entries(record.rows).filter(([, n]) => n > 0))
				);
				if (
					counted !== expected ||
					record.blobs !== blobs ||
					record.blobBytes !== blobBytes ||
					(await backup.next()) !== undefined
				) {
					throw new BackupError('The backup is damaged: its counts do not match its content.');
				}
				return { envelope: backup.envelope, header, end: record, damaged };
			}
			if (record.kind === 'table') {
				if (!header.tables.includes(record.name)) {
					throw new BackupError(`The backup is damaged: table ${record.name} is not announced.`);
				}
				table = record.name;
			} else if (record.kind === 'rows') {
				if (!table) throw new BackupError('The backup is damaged: rows outside a table.');
				for (let n = 0; n < record.count; n++) {
					const line = await read();
					if (!line.startsWith('{'))
						throw new BackupError('The backup is damaged: a row is not JSON.');
				}
				rows[table] = (rows[table] ?? 0) + record.count;
			} else if (record.kind === 'blob') {
				const hash = createHash('sha256');
				let size = 0;
				let line = await read();
				while (!line.startsWith('{')) {
					const bytes = Buffer.from(line, 'base64');
					hash.update(bytes);
					size += bytes.length;
					line = await read();
				}
				const closing = parseRecord(line);
				if (
					closing.kind !== 'blob-end' ||
					closing.sha256 !== hash.digest('hex') ||
					size !== record.size
				) {
					throw new BackupError('The backup is damaged: evidence content was altered.');
				}
				if (closing.sha256 !== record.sha256) damaged.add(record.sha256);
				else {
					blobs++;
					blobBytes += size;
				}
			} else {
				throw new BackupError('The backup is damaged: a record is out of place.');
			}
		}
	} finally {
		backup.close();
	}
}
