import { sql, type Kysely } from 'kysely';
import { controlHandler } from '../control/server';
import '../control/commands';
import { log } from '../log';
import { configFromEnv, createDatabase } from './connect';
import { durabilityProblems } from './durability';
import { adoptLock, FolderInUse, type FolderLock } from './lock';
import type { Database } from './schema';

export type { Database } from './schema';

// Kept on globalThis: when Vite's development server reloads this module, the process must reuse
// the database it opened, not lock its own folder a second time.
const state = ((globalThis as Record<symbol, unknown>)[Symbol.for('kieumau.db')] ??= {}) as {
	instance?: Kysely<Database>;
	inherited?: FolderLock;
};

/** The app's one Kysely instance, created on first use from DATABASE_URL or DATA_DIR. */
export function getDb(): Kysely<Database> {
	state.instance ??= createDatabase({
		...configFromEnv(),
		purpose: 'app',
		lock: state.inherited,
		// The folder's lock socket is the control channel: user:create runs here while we hold it.
		onOpen: (lock) => lock.serve(controlHandler(getDb))
	});
	return state.instance;
}

/** Closes the database; the next getDb() opens it again. */
export async function closeDb(): Promise<void> {
	const db = state.instance;
	state.instance = undefined;
	await db?.destroy();
}

// adapter-node emits this once it has stopped taking connections and the requests in flight are
// done (SIGTERM or SIGINT, see SHUTDOWN_TIMEOUT): the pool's connections, or PGlite, would
// otherwise keep the process alive, or end it without closing.
process.once('sveltekit:shutdown', () => void closeDb());

/**
 * Runs before the server takes requests (hooks.server.ts's init). On PGlite it locks and opens
 * the folder, or ends the process at once with the holder's name when another process has it;
 * under `npm start` it takes over the lock the preparing parent holds (KIEUMAU_LOCK_FD), so no
 * other process can open the folder in between. A PostgreSQL server is not waited for: the app
 * starts while it is down and serves once it answers.
 */
export async function startDatabase(): Promise<void> {
	const config = configFromEnv();
	if (config.url) {
		void durabilityProblems(getDb()).then(warn, () => {});
		return;
	}
	const fd = process.env.KIEUMAU_LOCK_FD;
	try {
		if (fd && !state.inherited) state.inherited = await adoptLock(config.dataDir!, Number(fd));
		await sql`SELECT 1`.execute(getDb());
	} catch (error) {
		if (!(error instanceof FolderInUse)) throw error;
		log.fatal(error.message);
		process.exit(1);
	}
	const problems = await durabilityProblems(getDb());
	log.info(
		`Embedded database ${config.dataDir}: locked for this process (${process.pid})` +
			(problems.length ? '.' : '; every commit is on disk (fsync) before it is acknowledged.')
	);
	warn(problems);
}

function warn(problems: string[]) {
	for (const problem of problems) log.warn(`Durability: ${problem}`);
}
