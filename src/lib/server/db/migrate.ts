import { FileMigrationProvider, Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Migrations are TypeScript files loaded at run time, so this module runs under tsx (scripts)
// or Vitest (tests), never inside the built server.
export const migrationFolder = fileURLToPath(new URL('../../../../migrations', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createMigrator(db: Kysely<any>): Migrator {
	return new Migrator({
		db,
		provider: new FileMigrationProvider({ fs, path, migrationFolder })
	});
}

function check({ error, results }: MigrationResultSet): MigrationResultSet {
	const failed = results?.find((result) => result.status === 'Error');
	if (error || failed) {
		const cause = error instanceof Error ? error.message : String(error ?? '');
		throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
	}
	return { error, results };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
	return check(await createMigrator(db).migrateToLatest());
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateDownAll(db: Kysely<any>): Promise<MigrationResultSet> {
	const { NO_MIGRATIONS } = await import('kysely');
	return check(await createMigrator(db).migrateTo(NO_MIGRATIONS));
}
