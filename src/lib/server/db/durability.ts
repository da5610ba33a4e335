// Whether an acknowledged commit survives a power cut: PostgreSQL's defaults (fsync on,
// synchronous_commit on, full_page_writes on) guarantee it when the disk honours flushes;
// a server configured otherwise does not, and the operator must hear of it. On PGlite the
// settings are ours (./pglite.ts), so this reports nothing unless that code changed.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

const EXPECTED: { name: string; bad: (value: string) => boolean; risk: string }[] = [
	{
		name: 'fsync',
		bad: (value) => value === 'off',
		risk: 'a power cut or an operating system crash can lose acknowledged saves or corrupt the database'
	},
	{
		name: 'synchronous_commit',
		bad: (value) => value === 'off',
		risk: 'a power cut or a server crash can lose the saves of the last moments'
	},
	{
		name: 'full_page_writes',
		bad: (value) => value === 'off',
		risk: 'a power cut during a write can leave torn pages that recovery cannot repair'
	}
];

/** One sentence per setting that weakens durability (empty when all is well). */
export async function durabilityProblems(db: Kysely<Database>): Promise<string[]> {
	const { rows } = await sql<{ name: string; setting: string }>`
		SELECT name, setting FROM pg_settings
		WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')
	`.execute(db);
	const settings = new Map(rows.map((row) => [row.name, row.setting]));
	return EXPECTED.filter(({ name, bad }) => bad(settings.get(name) ?? '')).map(
		({ name, risk }) => `${name} is ${settings.get(name)}: ${risk}.`
	);
}
