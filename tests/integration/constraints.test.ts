// Integrity lives in the database: these writes must be refused whatever the application does.
import { sql, type Insertable } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { insertProvinceAndWard } from './helpers/fixtures';

let test: TestDatabase;
const ids = { province: 0, ward: 0, campaign: 0, set: 0, group: 0, period: 0, otherPeriod: 0 };

beforeAll(async () => {
	test = await createTestDatabase();
	const { db } = test;
	({ provinceId: ids.province, wardId: ids.ward } = await insertProvinceAndWard(db));
	const campaign = (code: string) =>
		db
			.insertInto('campaigns')
			.values({
				code,
				name_vi: code,
				name_en: code,
				applies_to: ['ward'],
				start_date: '2023-03-01',
				target_date: '2027-12-31',
				target_share: 1,
				min_score: 90,
				district_min_share: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
	ids.campaign = (await campaign('CAP-A')).id;
	const other = (await campaign('CAP-B')).id;
	ids.set = (
		await db
			.insertInto('criteria_sets')
			.values({
				campaign_id: ids.campaign,
				version: 1,
				status: 'published',
				published_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	const otherSet = (
		await db
			.insertInto('criteria_sets')
			.values({ campaign_id: other, version: 1, status: 'published', published_at: new Date() })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	ids.group = (
		await db
			.insertInto('criteria_groups')
			.values({
				criteria_set_id: ids.set,
				code: 'I',
				name_vi: 'Nhóm I',
				name_en: 'Group I',
				position: 1
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	const period = (campaignId: number, setId: number) =>
		db
			.insertInto('periods')
			.values({
				campaign_id: campaignId,
				label: '2026-Q4',
				kind: 'quarter',
				starts_on: '2026-10-01',
				ends_on: '2026-12-31',
				closes_at: new Date('2027-01-15T10:00:00Z'),
				criteria_set_id: setId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
	ids.period = (await period(ids.campaign, ids.set)).id;
	ids.otherPeriod = (await period(other, otherSet)).id;
});
afterAll(() => test.drop());

// Invalid rows on purpose: the database, not the type checker, must refuse them.
const criterion = (overrides: Record<string, unknown>) =>
	({
		criteria_set_id: ids.set,
		group_id: ids.group,
		code: '1.1',
		title_vi: 'Tiêu chí',
		title_en: 'Criterion',
		type: 'percent',
		comparator: '>=',
		target_number: 90,
		target_rating: null,
		points: 10,
		position: 1,
		...overrides
	}) as unknown as Insertable<Database['criteria']>;

async function rejects(write: () => Promise<unknown>) {
	await expect(write()).rejects.toThrow();
}

describe('database constraints', () => {
	it('refuse a duplicate unit code and an unknown unit kind', async () => {
		await rejects(() =>
			test.db
				.insertInto('units')
				.values({
					code: '40',
					name: 'Trùng',
					kind: 'province',
					level: 1,
					parent_id: null,
					path: '/x/'
				})
				.execute()
		);
		await rejects(() =>
			sql`INSERT INTO units (code, name, kind, level, path) VALUES ('99', 'X', 'village', 1, '/99/')`.execute(
				test.db
			)
		);
	});

	it('refuse criteria whose target does not fit their type', async () => {
		const cases = [
			{ type: 'boolean', comparator: '>=', target_number: 1 },
			{ type: 'rating', comparator: null, target_number: null, target_rating: null },
			{ type: 'percent', target_number: 120 },
			{ type: 'count', target_number: 2.5 },
			{ type: 'percent', comparator: null }
		];
		for (const overrides of cases) {
			await rejects(() => test.db.insertInto('criteria').values(criterion(overrides)).execute());
		}
		await test.db.insertInto('criteria').values(criterion({})).execute();
		await rejects(() => test.db.insertInto('criteria').values(criterion({})).execute());
	});

	it('keep an assessment in its own campaign and unique per unit and period', async () => {
		const assessment = {
			unit_id: ids.ward,
			campaign_id: ids.campaign,
			period_id: ids.period,
			criteria_set_id: ids.set
		};
		await rejects(() =>
			test.db
				.insertInto('assessments')
				.values({ ...assessment, period_id: ids.otherPeriod })
				.execute()
		);
		await test.db.insertInto('assessments').values(assessment).execute();
		await rejects(() => test.db.insertInto('assessments').values(assessment).execute());
	});

	it('refuse a submitted assessment without its submission time', async () => {
		await rejects(() =>
			test.db
				.updateTable('assessments')
				.set({ status: 'submitted' })
				.where('unit_id', '=', ids.ward)
				.execute()
		);
	});

	it('allow one standing recognition per unit and campaign', async () => {
		const { id: assessmentId } = await test.db
			.selectFrom('assessments')
			.select('id')
			.where('unit_id', '=', ids.ward)
			.executeTakeFirstOrThrow();
		const recognition = {
			unit_id: ids.ward,
			campaign_id: ids.campaign,
			assessment_id: assessmentId,
			decision_number: '12/QĐ-CAT',
			decision_date: '2026-12-20'
		};
		await test.db.insertInto('recognitions').values(recognition).execute();
		await rejects(() => test.db.insertInto('recognitions').values(recognition).execute());
		await rejects(() =>
			test.db
				.updateTable('recognitions')
				.set({ revoked_at: new Date() })
				.where('assessment_id', '=', assessmentId)
				.execute()
		);
	});
});
