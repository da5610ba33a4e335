// What /readyz and /login ask of the database: does it answer, and does it hold every migration
// this build knows? Nothing here says why not, beyond "database" or "migrations".
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** The migrations this build was made with, read from migrations/ when it was built. */
export const knownMigrations: string[] = Object.keys(import.meta.glob('/migrations/*.ts'))
	.map((file) => file.replace(/^.*\//, '').replace(/\.ts$/, ''))
	.filter((name) => /^\d/.test(name))
	.sort();

/** Fails with the driver's error when the database does not answer. */
export async function ping(db: Kysely<Database>): Promise<void> {
	await sql`SELECT 1`.execute(db);
}

export type Readiness = { ready: true } | { ready: false; reason: 'database' | 'migrations' };

function within<T>(work: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`No answer in ${ms} ms`)), ms);
	});
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Ready when the database answers within `timeoutMs` and has applied every migration of this build
 * (a newer release may have applied more: each migration is safe for the release before it).
 */
export async function readiness(db: Kysely<Database>, timeoutMs = 3_000): Promise<Readiness> {
	let applied: Set<string>;
	try {
		const { rows } = await within(
			sql<{
				exists: boolean;
			}>`SELECT to_regclass('kysely_migration') IS NOT NULL AS exists`.execute(db),
			timeoutMs
		);
		if (!rows[0]?.exists) return { ready: false, reason: 'migrations' };
		const names = await within(
			sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db),
			timeoutMs
		);
		applied = new Set(names.rows.map((row) => row.name));
	} catch {
		return { ready: false, reason: 'database' };
	}
	const current = knownMigrations.every((name) => applied.has(name));
	return current ? { ready: true } : { ready: false, reason: 'migrations' };
}
