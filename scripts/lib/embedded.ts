// Opening the database from a command: on PGlite the folder is locked for the command, and a
// folder another process holds stops the command at once with the holder's name and what to do.
import type { Kysely } from 'kysely';
import { configFromEnv, openDatabase, type DatabaseConfig } from '../../src/lib/server/db/connect';
import { FolderInUse, type Purpose } from '../../src/lib/server/db/lock';
import type { Database } from '../../src/lib/server/db/schema';

export async function openForCommand(
	purpose: Purpose,
	config: DatabaseConfig = configFromEnv()
): Promise<Kysely<Database>> {
	try {
		return await openDatabase({ ...config, purpose });
	} catch (error) {
		if (!(error instanceof FolderInUse)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}
