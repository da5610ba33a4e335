import { sql, type Kysely } from 'kysely';

// Jobs that must run once for all the instances sharing a database (migrations, the demo seed)
// hold a PostgreSQL advisory lock. The lock belongs to one session, so the job runs on the one
// connection that took it: every instance that starts the same job meanwhile waits for it to
// end, then finds its work done. A holder that dies ends its session and so frees the lock; an
// embedded PGlite has a single session, where the lock is uncontended and the same code applies.

/** The first key of every lock the app takes ('KM'), apart from Kysely's own migration lock. */
const NAMESPACE = 0x4b4d;

export interface ClusterLockOptions {
	/** Called once when another session holds the lock and this one starts waiting for it. */
	onWait?: () => void;
}

/**
 * Runs `job` while holding the cluster-wide lock `name`, waiting for any other holder first.
 * `job` receives a Kysely bound to the locking connection: it must run its queries there (a
 * pooled query could wait on a connection held by this same job).
 */
export async function withClusterLock<DB, T>(
	db: Kysely<DB>,
	name: string,
	job: (db: Kysely<DB>) => Promise<T>,
	{ onWait }: ClusterLockOptions = {}
): Promise<T> {
	return db.connection().execute(async (connection) => {
		const { rows } = await sql<{ locked: boolean }>`
			SELECT pg_try_advisory_lock(${NAMESPACE}, hashtext(${name})) AS locked
		`.execute(connection);
		if (!rows[0].locked) {
			onWait?.();
			await sql`SELECT pg_advisory_lock(${NAMESPACE}, hashtext(${name}))`.execute(connection);
		}
		const unlock = () =>
			sql`SELECT pg_advisory_unlock(${NAMESPACE}, hashtext(${name}))`.execute(connection);
		let result: T;
		try {
			result = await job(connection);
		} catch (error) {
			// A broken connection has released the lock already: report the job's failure, not that.
			await unlock().catch(() => {});
			throw error;
		}
		await unlock();
		return result;
	});
}
