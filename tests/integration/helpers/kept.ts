// After every scenario that writes: the figures the triggers kept equal the ones computed afresh.
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../../src/lib/server/db/schema';
import { compareKeptFigures, describeDifference } from '../../../src/lib/server/figures/kept';

/** Fails with each difference (the first 20) between the kept figures and the raw tables'. */
export async function expectKeptFiguresFresh(db: Kysely<Database> | undefined): Promise<void> {
	if (!db) return; // the file's setup failed: its own error says why
	const differences = await compareKeptFigures(db, 20);
	expect(differences.map(describeDifference)).toEqual([]);
}
