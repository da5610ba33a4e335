// What a backup holds after its first line (./envelope.ts), gzip'd, one record per line:
//   {"kind":"header", …}                       format, creation time, migrations applied
//   {"kind":"table","name":…,"columns":[…]}    then, for each batch of its rows:
//   {"kind":"rows","count":n}                  followed by n lines, each a row as JSON (to_jsonb)
//   {"kind":"blob","sha256":…,"size":…}        evidence content, followed by lines of base64
//   {"kind":"blob-end","sha256":…}             the digest of the bytes written
//   {"kind":"end", …}                          the counts, so a file cut short is refused
// Rows stay the text PostgreSQL wrote and go back through json_populate_recordset: numbers,
// timestamps (with their microseconds), arrays and JSON return exactly, whichever database reads.
import { BackupError } from './envelope';

export const BACKUP_FORMAT = 1;

export interface Header {
	kind: 'header';
	format: number;
	createdAt: string;
	/** The database the backup was taken from: 'postgres' or 'pglite'. */
	database: string;
	/** Every migration applied, in order: the schema the rows belong to. */
	migrations: string[];
	/** The tables that follow, in the order they are restored. */
	tables: string[];
}

export interface TableRecord {
	kind: 'table';
	name: string;
	columns: string[];
}

export interface RowsRecord {
	kind: 'rows';
	count: number;
}

export interface BlobRecord {
	kind: 'blob';
	sha256: string;
	size: number;
}

export interface BlobEndRecord {
	kind: 'blob-end';
	/** What the bytes hash to: another digest than the blob's means its content was damaged. */
	sha256: string;
}

export interface EndRecord {
	kind: 'end';
	rows: Record<string, number>;
	blobs: number;
	blobBytes: number;
	/** Content evidence rows refer to that the store did not hold, or held damaged. */
	missing: string[];
	damaged: string[];
}

export type BackupRecord =
	Header | TableRecord | RowsRecord | BlobRecord | BlobEndRecord | EndRecord;

const KINDS = new Set(['header', 'table', 'rows', 'blob', 'blob-end', 'end']);
const DIGEST = /^[0-9a-f]{64}$/;
const NAME = /^[a-z_][a-z0-9_]*$/;

const isNames = (value: unknown) =>
	Array.isArray(value) && value.every((name) => typeof name === 'string' && NAME.test(name));
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

/** A record line, checked for the fields its kind needs; anything else is a damaged backup. */
export function parseRecord(line: string): BackupRecord {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		throw new BackupError('The backup is damaged: a record cannot be read.');
	}
	const record = value as BackupRecord;
	const valid =
		typeof value === 'object' &&
		value !== null &&
		KINDS.has(record.kind) &&
		(record.kind !== 'header' ||
			(Number.isInteger(record.format) &&
				typeof record.createdAt === 'string' &&
				typeof record.database === 'string' &&
				Array.isArray(record.migrations) &&
				record.migrations.every((name) => typeof name === 'string') &&
				isNames(record.tables))) &&
		(record.kind !== 'table' || (NAME.test(record.name) && isNames(record.columns))) &&
		(record.kind !== 'rows' || (isCount(record.count) && record.count > 0)) &&
		(record.kind !== 'blob' || (DIGEST.test(record.sha256) && isCount(record.size))) &&
		(record.kind !== 'blob-end' || DIGEST.test(record.sha256)) &&
		(record.kind !== 'end' ||
			(typeof record.rows === 'object' &&
				isCount(record.blobs) &&
				isCount(record.blobBytes) &&
				Array.isArray(record.missing) &&
				Array.isArray(record.damaged)));
	if (!valid) throw new BackupError('The backup is damaged: a record is not what it should be.');
	if (record.kind === 'header' && record.format > BACKUP_FORMAT) {
		throw new BackupError(
			`This backup's format (${record.format}) is newer than this version of Kiểu mẫu reads.`,
			'newer_schema'
		);
	}
	return record;
}

/**
 * Refuses a backup whose schema this code does not know: a migration it applied that is not among
 * `known` means it was made by a newer version. Answers the migration to restore its rows at.
 */
export function restoreLevel(header: Header, known: readonly string[]): string {
	const unknown = header.migrations.filter((name) => !known.includes(name));
	if (unknown.length > 0) {
		throw new BackupError(
			`This backup was made by a newer version of Kiểu mẫu (its migration ${unknown[0]} is ` +
				'unknown here): restore it with that version or a later one.',
			'newer_schema'
		);
	}
	const expected = known.slice(0, header.migrations.length);
	if (header.migrations.length === 0 || expected.join() !== header.migrations.join()) {
		throw new BackupError(
			"The backup's migrations are not a beginning of this version's: it cannot be restored here.",
			'newer_schema'
		);
	}
	return header.migrations.at(-1)!;
}
