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
