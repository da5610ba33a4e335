import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from './schema';

// Both drivers hand back the same JavaScript values: numbers for numeric and bigint columns
// (scores, shares and counts stay far below 2^53), and dates as 'yyyy-mm-dd' strings so a
// calendar date never shifts with the server's time zone.
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const toNumber = (value: string) => Number(value);
const asIs = (value: string) => value;

export interface DatabaseConfig {
	/** postgres://… to use a PostgreSQL server; unset for the embedded PGlite. */
	url?: string;
	/** PGlite data directory; `memory://` keeps it in memory (tests). */
	dataDir?: string;
	/** pg pool size. */
	poolSize?: number;
}

/**
 * The URL with the operating system's user name when it names no user: psql falls back to it, but
 * node-postgres only reads PGUSER or USER, which a service manager may leave unset.
 */
export function withDefaultUser(url: string, env: NodeJS.ProcessEnv = process.env): string {
	const parsed = new URL(url);
	if (parsed.username || env.PGUSER || env.USER) return url;
	parsed.username = os.userInfo().username;
	return parsed.toString();
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	return {
		url: env.DATABASE_URL ? withDefaultUser(env.DATABASE_URL, env) : undefined,
		dataDir: path.join(env.DATA_DIR || './data', 'pglite'),
		poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined
	};
}

export function createDatabase(config: DatabaseConfig): Kysely<Database> {
	if (config.url) {
		const pool = new pg.Pool({
			connectionString: config.url,
			max: config.poolSize ?? 10,
			// The dashboards' aggregates run in milliseconds: JIT compiling them costs more than it saves.
			options: '-c jit=off',
			types: {
				getTypeParser: ((oid: number, format?: string) => {
					if (oid === OID.int8 || oid === OID.numeric) return toNumber;
					if (oid === OID.date) return asIs;
					return pg.types.getTypeParser(oid, format as 'text');
				}) as typeof pg.types.getTypeParser
			}
		});
		// An idle connection the server ends (a restart, a dropped database) must not take the
		// process down: the pool replaces it on the next query.
		pool.on('error', (error) => console.error(`PostgreSQL connection closed: ${error.message}`));
		return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	}
	const dataDir = config.dataDir ?? 'memory://';
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const pglite = new PGlite(dataDir, {
		parsers: {
			[pgliteTypes.INT8]: toNumber,
			[pgliteTypes.NUMERIC]: toNumber,
			[pgliteTypes.DATE]: asIs
		}
	});
	return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}
