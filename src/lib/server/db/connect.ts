import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log } from '../log';
import { faultSummary } from './faults';
import type { FolderLock, Purpose } from './lock';
import { PGliteFolderDialect } from './pglite';
import type { Database } from './schema';

// Both drivers hand back the same JavaScript values: numbers for numeric and bigint columns
// (scores, shares and counts stay far below 2^53), and dates as 'yyyy-mm-dd' strings so a
// calendar date never shifts with the server's time zone.
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const toNumber = (value: string) => Number(value);
const asIs = (value: string) => value;

/** How long a request waits for a PostgreSQL connection before the page answers 503. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** The application_name of the app's PostgreSQL connections. */
export const APPLICATION_NAME = 'kieumau';

const pools = new Set<pg.Pool>();

export interface DatabaseConfig {
	/** postgres://… to use a PostgreSQL server; unset for the embedded PGlite. */
	url?: string;
	/** PGlite data directory; `memory://` keeps it in memory (tests). */
	dataDir?: string;
	/** pg pool size. */
	poolSize?: number;
	/**
	 * PGlite folder only: a lock this process already holds on it (see ./lock.ts), kept when the
	 * database is destroyed. Without it the folder is locked on first use and unlocked on destroy.
	 */
	lock?: FolderLock;
	/** What the process opens the folder for: the advice a refusal (FolderInUse) gives. */
	purpose?: Purpose;
	/**
	 * PGlite folder only: false starts PGlite as it comes (fsync off), for measuring what
	 * durability costs (PGLITE_UNSAFE_NO_FSYNC=true): a power cut can then lose saves.
	 */
	durable?: boolean;
	/** PGlite folder only: called with the lock once the folder is open. */
	onOpen?: (lock: FolderLock) => void;
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
		poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
		durable: env.PGLITE_UNSAFE_NO_FSYNC !== 'true'
	};
}

const options = {
	parsers: {
		[pgliteTypes.INT8]: toNumber,
		[pgliteTypes.NUMERIC]: toNumber,
		[pgliteTypes.DATE]: asIs
	}
};

/**
 * A PGlite database in memory (tests), started from `image` (a data directory as PGlite's
 * dumpDataDir wrote it) when one is given; with its PGlite, to dump it in turn.
 */
export function memoryDatabase(image?: Blob) {
	const pglite = new PGlite('memory://', { ...options, loadDataDir: image });
	return { pglite, db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }) };
}

export function createDatabase(config: DatabaseConfig): Kysely<Database> {
	if (config.url) {
		const pool = new pg.Pool({
			connectionString: config.url,
			max: config.poolSize ?? 10,
			// A server that does not answer fails the request after this long (503) instead of
			// holding it; a pool whose clients are all busy also waits no longer than this.
			connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
			// Notices a connection a firewall or a failover dropped without telling.
			keepAlive: true,
			// Names the app's connections in pg_stat_activity (and lets an operator end them).
			application_name: APPLICATION_NAME,
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
		// A connection the server ends (a restart, a failover, pg_terminate_backend, a timeout) must
		// not take the process down. pg-pool listens for errors only while a client is idle; a
		// client checked out by a query emits its 'error' with no listener, which Node turns into a
		// crash. The failing query rejects on its own and the pool drops the broken client on
		// release, so these listeners only record what happened.
		pool.on('connect', (client) => {
			client.on('error', (error) =>
				log.debug({ fault: faultSummary(error) }, 'PostgreSQL connection failed while in use')
			);
		});
		pool.on('error', (error) =>
			log.warn({ fault: faultSummary(error) }, 'PostgreSQL connection closed while idle')
		);
		pools.add(pool);
		return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	}
	const dataDir = config.dataDir ?? 'memory://';
	if (dataDir.startsWith('memory://')) return memoryDatabase().db;
	mkdirSync(dataDir, { recursive: true });
	const { lock, purpose, onOpen, durable = true } = config;
	return new Kysely<Database>({
		dialect: new PGliteFolderDialect(dataDir, { options, lock, purpose, onOpen, durable })
	});
}

/**
 * createDatabase, then a first query: a PGlite folder in use by another process rejects here,
 * at once, with FolderInUse (whose message names the holder), rather than at the first use.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Kysely<Database>> {
	const db = createDatabase(config);
	try {
		await sql`SELECT 1`.execute(db);
		return db;
	} catch (error) {
		await db.destroy().catch(() => {});
		throw error;
	}
}

/** The PostgreSQL pool's figures for the metrics; null on PGlite or before the database is opened. */
export function poolFigures(): { total: number; idle: number; waiting: number } | null {
	let figures: { total: number; idle: number; waiting: number } | null = null;
	for (const pool of pools) {
		if (pool.ended) {
			pools.delete(pool);
			continue;
		}
		figures ??= { total: 0, idle: 0, waiting: 0 };
		figures.total += pool.totalCount;
		figures.idle += pool.idleCount;
		figures.waiting += pool.waitingCount;
	}
	return figures;
}
