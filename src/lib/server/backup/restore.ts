// Fills an empty database (and evidence store) from a backup: reads the whole file once to check
// it (./read.ts), migrates to the schema the backup was made at, loads the rows in dependency
// order and the evidence content in one transaction, sets the sequences past the rows, then
// migrates to the latest schema. Sessions and failed sign-ins are not in backups: every session
// the backup's database held is over. Runs under tsx or Vitest (it migrates), never in the server.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { createMigrator, migrateToLatest } from '../db/migrate';
import type { EvidenceStore } from '../evidence/content';
import { columnsOf, listSelfReferences, quote, resetSequences, tablesWithRows } from './catalog';
import { rebuildKeptFigures } from '../figures/kept';
import { BackupError } from './envelope';
import { parseRecord, restoreLevel, type Header } from './format';
import { openBackup, verifyBackup, type VerifiedBackup } from './read';

export interface RestoreOptions {
	passphrase?: string;
	log?: (line: string) => void;
}

export interface RestoreSummary {
	header: Header;
	rows: Record<string, number>;
	blobs: number;
	blobBytes: number;
	/** Content the backup lacked or held damaged: evidence rows that will not download. */
	missing: string[];
}

/** Refuses a database or store that holds anything. */
export async function refuseUnlessEmpty(db: Kysely<Database>, store: EvidenceStore) {
	const filled = await tablesWithRows(db);
	if (filled.length > 0) {
		throw new BackupError(
			`The database is not empty (rows in ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}): ` +
				'restore into a new, empty database or DATA_DIR.',
			'not_empty'
		);
	}
	// The database store's tables were counted above.
	if (store.kind !== 'files') return;
	for await (const content of store.list(db)) {
		throw new BackupError(
			`The evidence store (${store.location}) is not empty (it holds ${content.sha256.slice(0, 12)}…): ` +
				'restore into a new, empty DATA_DIR.',
			'not_empty'
		);
	}
}

async function migrateTo(db: Kysely<Database>, level: string) {
	const { error, results } = await createMigrator(db).migrateTo(level);
	const failed = results?.find((result) => result.status === 'Error');
	if (error || failed) {
		throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error ?? '')}`, {
			cause: error
		});
	}
}

export async function restoreBackup(
	db: Kysely<Database>,
	store: EvidenceStore,
	file: string,
	options: RestoreOptions = {}
): Promise<RestoreSummary> {
	const log = options.log ?? (() => {});
	const verified = await verifyBackup(file, options.passphrase);
	const known = (await createMigrator(db).getMigrations()).map((migration) => migration.name);
	const level = restoreLevel(verified.header, known);
	log(
		`Backup of ${verified.header.createdAt} checked: ${Object.values(verified.end.rows).reduce((a, b) => a + b, 0)} rows, ` +
			`${verified.end.blobs} evidence files.`
	);
	await refuseUnlessEmpty(db, store);
	await migrateTo(db, level);
	log(`Schema at ${level}; loading…`);
	const written: string[] = [];
	try {
		await db.transaction().execute((trx) => load(trx, store, file, verified, options, written));
	} catch (failure) {
		// The rows went with the transaction; files written to a file store go too.
		if (store.kind === 'files') for (const sha256 of written) await store.remove(db, sha256);
		throw failure;
	}
	const { results } = await migrateToLatest(db);
	for (const result of results ?? []) log(`migrated: ${result.migrationName}`);
	// The rows loaded with triggers off: the kept figures are computed again from them.
	await rebuildKeptFigures(db);
	log('Kept figures rebuilt.');
	// Versions move past the clock: no instance reuses what it computed before the restore.
	await sql`UPDATE data_versions SET version =
		greatest(version + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)`.execute(db);
	return {
		header: verified.header,
		rows: verified.end.rows,
		blobs: verified.end.blobs,
		blobBytes: verified.end.blobBytes,
		missing: [...verified.end.missing, ...verified.damaged]
	};
}

async function load(
	trx: Kysely<Database>,
	store: EvidenceStore,
	file: string,
	verified: VerifiedBackup,
	options: RestoreOptions,
	written: string[]
) {
	// A unit may be merged into a unit created after it: references of a table to itself are
	// lifted while rows load, and checked again, all at once, when they are put back.
	const selfReferences = await listSelfReferences(trx);
	for (const { table, name } of selfReferences) {
		await sql.raw(`ALTER TABLE ${quote(table)} DROP CONSTRAINT ${quote(name)}`).execute(trx);
	}
	const backup = await openBackup(file, options.passphrase);
	try {
		const read = async () => {
			const line = await backup.next();
			if (line === undefined) throw new BackupError('The backup file is cut short.');
			return line;
		};
		await read(); // the header, checked already
		// Rows load as they were written: no trigger adds rows of its own (a period's first set
		// copied into period_criteria_sets) while the backup brings them too.
		const quiet: string[] = [];
		let table: string | undefined;
		for (;;) {
			const record = parseRecord(await read());
			if (record.kind === 'end') break;
			if (record.kind === 'table') {
				table = record.name;
				const columns = await columnsOf(trx, table);
				if (columns.join() !== record.columns.join()) {
					throw new BackupError(
						`Table ${table} has other columns here than in the backup: it cannot be restored.`
					);
				}
				await sql.raw(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`).execute(trx);
				quiet.push(table);
			} else if (record.kind === 'rows') {
				const rows: string[] = [];
				for (let n = 0; n < record.count; n++) rows.push(await read());
				await sql`
					INSERT INTO ${sql.table(table!)}
					SELECT * FROM json_populate_recordset(NULL::${sql.table(table!)}, ${`[${rows.join(',')}]`}::json)
				`.execute(trx);
			} else if (record.kind === 'blob') {
				let closing: string | undefined;
				async function* chunks() {
					for (let line = await read(); ; line = await read()) {
						if (line.startsWith('{')) {
							closing = line;
							return;
						}
						yield Buffer.from(line, 'base64');
					}
				}
				const content = chunks();
				if (!verified.damaged.has(record.sha256)) {
					await store.put(trx, record.sha256, content);
					written.push(record.sha256);
				}
				for await (const chunk of content) void chunk; // what put did not read

				if (closing === undefined) throw new BackupError('The backup file is cut short.');
			}
		}
		for (const name of quiet) {
			await sql.raw(`ALTER TABLE ${quote(name)} ENABLE TRIGGER USER`).execute(trx);
		}
	} finally {
		backup.close();
	}
	for (const { table, name, definition } of selfReferences) {
		await sql
			.raw(`ALTER TABLE ${quote(table)} ADD CONSTRAINT ${quote(name)} ${definition}`)
			.execute(trx);
	}
	await resetSequences(trx);
}
