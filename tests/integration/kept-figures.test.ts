// The kept figures over the seeded demo: written in the same transaction as the change (gone with
// it when it rolls back), a revocation reaching every period, and the check finding a kept figure
// that differs until a rebuild.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import {
	compareKeptFigures,
	describeDifference,
	rebuildKeptFigures
} from '../../src/lib/server/figures/kept';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase } from './helpers/fixtures';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let db: Kysely<Database>;

beforeAll(async () => {
	test = await createSeededDatabase();
	db = test.db;
}, 180_000);
afterAll(() => test?.drop());

/** The kept row of a unit in a period. */
async function keptRow(executor: Kysely<Database>, periodId: number, unitId: number) {
	const { rows } = await sql<{ status: string | null; score: number | null; recognised: boolean }>`
		SELECT status, score::float8 AS score, recognised FROM kept_unit_figures
		WHERE period_id = ${periodId} AND unit_id = ${unitId}`.execute(executor);
	return rows[0];
}

/** The kept sums of a path in a period, over every kind and status. */
async function keptSums(executor: Kysely<Database>, periodId: number, path: string) {
	const { rows } = await sql<{ units: number; draft: number; score: number }>`
		SELECT sum(units)::int AS units,
			(sum(units) FILTER (WHERE status = 'draft'))::int AS draft,
			sum(score_sum)::float8 AS score
		FROM kept_path_figures WHERE period_id = ${periodId} AND path = ${path}`.execute(executor);
	return rows[0];
}

describe('kept figures', () => {
	it('hold a row for every unit a period counts, equal to the raw tables after the seed', async () => {
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM kept_unit_figures`.execute(db);
		expect(rows[0].n).toBeGreaterThan(5000);
		await expectKeptFiguresFresh(db);
	});

	it('change in the transaction of the write, the sums as it commits, nothing when it rolls back', async () => {
		const { rows: drafts } = await sql<{
			id: number;
			period_id: number;
			unit_id: number;
			score: number;
			top: string;
		}>`
			SELECT a.id, a.period_id, a.unit_id, a.score::float8 AS score, split_part(k.path, '/', 2) AS top
			FROM assessments a
			JOIN kept_unit_figures k ON k.period_id = a.period_id AND k.unit_id = a.unit_id
			WHERE a.status = 'draft' ORDER BY a.id LIMIT 1`.execute(db);
		const draft = drafts[0];
		const root = `/${draft.top}/`;
		const before = await keptSums(db, draft.period_id, root);
		const newScore = Number(draft.score) >= 50 ? 10 : 90;
		await db
			.transaction()
			.execute(async (trx) => {
				await trx
					.updateTable('assessments')
					.set({ status: 'submitted', submitted_at: new Date(), score: newScore })
					.where('id', '=', draft.id)
					.execute();
				expect(await keptRow(trx, draft.period_id, draft.unit_id)).toMatchObject({
					status: 'submitted',
					score: newScore
				});
				// The sums move at commit, after every other lock the transaction takes.
				expect(await keptSums(trx, draft.period_id, root)).toEqual(before);
				throw new Error('roll back');
			})
			.catch((error: Error) => expect(error.message).toBe('roll back'));
		expect(await keptRow(db, draft.period_id, draft.unit_id)).toMatchObject({ status: 'draft' });
		expect(await keptSums(db, draft.period_id, root)).toEqual(before);

		await db
			.updateTable('assessments')
			.set({ status: 'submitted', submitted_at: new Date(), score: newScore })
			.where('id', '=', draft.id)
			.execute();
		const after = await keptSums(db, draft.period_id, root);
		expect(after.units).toBe(before.units);
		expect(after.draft).toBe(before.draft - 1);
		expect(after.score).toBeCloseTo(before.score - Number(draft.score) + newScore, 2);
		const { rows: pending } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM kept_path_pending`.execute(db);
		expect(pending[0].n).toBe(0);
		await expectKeptFiguresFresh(db);
	});

	it('reach the sums when the constraints are made immediate mid-transaction', async () => {
		const draft = await db
			.selectFrom('assessments')
			.select(['id', 'score'])
			.where('status', '=', 'draft')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		await db.transaction().execute(async (trx) => {
			await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(trx);
			await trx
				.updateTable('assessments')
				.set({ score: Number(draft.score) >= 50 ? 20 : 80 })
				.where('id', '=', draft.id)
				.execute();
		});
		const { rows: pending } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM kept_path_pending`.execute(db);
		expect(pending[0].n).toBe(0);
		await expectKeptFiguresFresh(db);
	});

	it('take a revoked recognition out of every period that ends after the revocation', async () => {
		const standing = await db
			.selectFrom('recognitions')
			.select(['id', 'unit_id', 'campaign_id', 'decision_date'])
			.where('revoked_at', 'is', null)
			.orderBy('id')
			.limit(1)
			.executeTakeFirstOrThrow();
		const { rows: before } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM kept_unit_figures
			WHERE unit_id = ${standing.unit_id} AND campaign_id = ${standing.campaign_id} AND recognised
		`.execute(db);
		expect(before[0].n).toBeGreaterThan(0);
		await db
			.updateTable('recognitions')
			.set({ revoked_at: new Date('2000-01-01T00:00:00Z'), revoke_reason: 'test' })
			.where('id', '=', standing.id)
			.execute();
		const { rows: after } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM kept_unit_figures
			WHERE unit_id = ${standing.unit_id} AND campaign_id = ${standing.campaign_id} AND recognised
		`.execute(db);
		expect(after[0].n).toBe(0);
		await expectKeptFiguresFresh(db);
	});

	it('are checked against the raw tables: a kept figure that differs is named until a rebuild', async () => {
		await sql`UPDATE kept_path_figures SET units = units + 1
			WHERE (period_id, path, kind, status) = (SELECT period_id, path, kind, status
				FROM kept_path_figures WHERE units > 0 ORDER BY period_id, path LIMIT 1)`.execute(db);
		await sql`UPDATE kept_unit_figures SET recognised = NOT recognised
			WHERE (period_id, unit_id) = (SELECT period_id, unit_id FROM kept_unit_figures
				ORDER BY period_id, unit_id LIMIT 1)`.execute(db);
		const differences = await compareKeptFigures(db);
		expect(differences.map((difference) => difference.table)).toEqual([
			'kept_unit_figures',
			'kept_path_figures'
		]);
		expect(describeDifference(differences[0])).toMatch(/recognised (true|false), should be/);
		expect(describeDifference(differences[1])).toMatch(/units \d+, should be \d+/);
		await rebuildKeptFigures(db);
		expect(await compareKeptFigures(db)).toEqual([]);
	});
});
