// What the backup and the restore ask the database about itself: tables, columns, foreign keys,
// sequences, migrations. Plain catalog queries, the same on PostgreSQL 15 and PGlite.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Reference } from './order';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<Database> | Kysely<any>;

/** Kept by the migrator itself. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];
/** Never restored: a restore ends every session and forgets failed sign-ins. */
export const NOT_RESTORED = ['sessions', 'sign_in_throttle'];
/** Evidence content travels as blobs, whichever store held it. */
export const CONTENT_TABLES = ['evidence_content', 'evidence_chunks'];

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table of the public schema but the migrator's. */
export async function listTables(db: Db): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
	`.execute(db);
	return rows.map((row) => row.name).filter((name) => !MIGRATOR_TABLES.includes(name));
}

/**
 * Figures kept from the other tables (src/lib/server/figures/kept.ts): rebuilt after a restore.
 * The pending differences are empty outside a transaction.
 */
export const KEPT_TABLES = ['kept_unit_figures', 'kept_path_figures', 'kept_path_pending'];

/** The tables a backup holds rows of. */
export async function tablesToBackUp(db: Db): Promise<string[]> {
	return (await listTables(db)).filter(
		(name) =>
			!NOT_RESTORED.includes(name) && !CONTENT_TABLES.includes(name) && !KEPT_TABLES.includes(name)
	);
}

export async function listReferences(db: Db): Promise<Reference[]> {
	const { rows } = await sql<Reference>`
		SELECT src.relname AS "from", dst.relname AS "to"
		FROM pg_constraint k
		JOIN pg_class src ON src.oid = k.conrelid
		JOIN pg_class dst ON dst.oid = k.confrelid
		JOIN pg_namespace n ON n.oid = src.relnamespace
		WHERE k.contype = 'f' AND n.nspname = 'public'
	`.execute(db);
	return rows;
}

/** Foreign keys of a table to itself, with their definitions, to lift while rows load. */
export async function listSelfReferences(db: Db) {
	const { rows } = await sql<{ table: string; name: string; definition: string }>`
		SELECT src.relname AS "table", k.conname AS name, pg_get_constraintdef(k.oid) AS definition
		FROM pg_constraint k
		JOIN pg_class src ON src.oid = k.conrelid
		JOIN pg_namespace n ON n.oid = src.relnamespace
		WHERE k.contype = 'f' AND k.conrelid = k.confrelid AND n.nspname = 'public'
		ORDER BY src.relname, k.conname
	`.execute(db);
	return rows;
}

export async function columnsOf(db: Db, table: string): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		SELECT a.attname AS name FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relname = ${table} AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum
	`.execute(db);
	return rows.map((row) => row.name);
}

/** Migrations applied, in the order they ran (none when the migrator never ran). */
export async function appliedMigrations(db: Db): Promise<string[]> {
	const exists = await sql<{ t: string | null }>`
		SELECT to_regclass('public.kysely_migration')::text AS t
	`.execute(db);
	if (!exists.rows[0]?.t) return [];
	const { rows } = await sql<{ name: string }>`
		SELECT name FROM kysely_migration ORDER BY name
	`.execute(db);
	return rows.map((row) => row.name);
}

/** The tables holding rows (the migrator's aside): an empty database answers none. */
export async function tablesWithRows(db: Db): Promise<string[]> {
	const filled: string[] = [];
	for (const table of await listTables(db)) {
		const { rows } = await sql<{ any: boolean }>`
			SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS any
		`.execute(db);
		if (rows[0].any) filled.push(table);
	}
	return filled;
}

/** Sets every serial column's sequence past the largest value restored. */
export async function resetSequences(db: Db) {
	const { rows } = await sql<{ table: string; column: string; sequence: string }>`
		SELECT c.table_name AS "table", c.column_name AS "column",
			pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS sequence
		FROM information_schema.columns c
		WHERE c.table_schema = 'public'
			AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL
	`.execute(db);
	for (const { table, column, sequence } of rows) {
		await sql`
			SELECT setval(${sequence}::regclass,
				coalesce((SELECT max(${sql.ref(column)}) FROM ${sql.table(table)}), 0) + 1, false)
		`.execute(db);
	}
	return rows.length;
}
