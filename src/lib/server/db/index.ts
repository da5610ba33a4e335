import type { Kysely } from 'kysely';
import { configFromEnv, createDatabase } from './connect';
import type { Database } from './schema';

export type { Database } from './schema';

let instance: Kysely<Database> | undefined;

/** The app's one Kysely instance, created on first use from DATABASE_URL or DATA_DIR. */
export function getDb(): Kysely<Database> {
	instance ??= createDatabase(configFromEnv());
	return instance;
}

/** Closes the database; the next getDb() opens it again. */
export async function closeDb(): Promise<void> {
	const db = instance;
	instance = undefined;
	await db?.destroy();
}

// adapter-node emits this once it has stopped taking connections and the requests in flight are
// done (SIGTERM or SIGINT, see SHUTDOWN_TIMEOUT): the pool's connections, or PGlite, would
// otherwise keep the process alive, or end it without closing.
process.once('sveltekit:shutdown', () => void closeDb());
