import {
	Migrator,
	NO_MIGRATIONS,
	type Kysely,
	type Migration,
	type MigrationProvider,
	type MigrationResultSet
} from 'kysely';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Migrations are TypeScript files loaded at run time, so this module runs under tsx (scripts)
// or Vitest (tests), never inside the built server. The import() sits in our own code (not in
// Kysely's FileMigrationProvider) so that both loaders see it and compile the TypeScript.
export const migrationFolder = fileURLToPath(new URL('../../../../migrations', import.meta.url));

const migrationFiles: MigrationProvider = {
	async getMigrations() {
		const files = (await readdir(migrationFolder)).filter((file) => /^\d.*\.ts$/.test(file)).sort();
		const migrations: Record<string, Migration> = {};
		for (const file of files) {
			const url = pathToFileURL(path.join(migrationFolder, file)).href;
			migrations[file.replace(/\.ts$/, '')] = (await import(/* @vite-ignore */ url)) as Migration;
		}
		return migrations;
	}
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createMigrator(db: Kysely<any>): Migrator {
	return new Migrator({
		db,
		provider: migrationFiles
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
	return check(await createMigrator(db).migrateTo(NO_MIGRATIONS));
}
