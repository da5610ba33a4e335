// The heat map's share of points per criteria group reads the exact points: a set whose criteria
// carry fractional points (2.5, 1.25, 0.75) gives 2.5 of 3.75 for group A, never the 3 of 4 that
// whole numbers would make of it. The test builds its own small world: a province, two wards, one
// campaign, one quarter.
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { loadDashboard } from '../../src/lib/server/dashboard/service';
import { loadGroupScores } from '../../src/lib/server/dashboard/units-repository';
import { insertUnitsWithVersions } from '../../src/lib/server/units/structure';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let db: Kysely<Database>;

/** The criteria, 100 points in all, and the ones each ward does not meet. */
const CRITERIA = [
	{ code: '1.1', group: 'A', points: 2.5 },
	{ code: '1.2', group: 'A', points: 1.25 },
	{ code: '2.1', group: 'B', points: 0.75 },
	{ code: '2.2', group: 'B', points: 95.5 }
];
const UNMET: Record<string, string[]> = { '16672': ['1.2', '2.2'], '16681': [] };

beforeAll(async () => {
	test = await createTestDatabase();
	db = test.db;
	const [province] = await insertUnitsWithVersions(db, [
		{
			code: '40',
			name: 'Tỉnh Nghệ An',
			type_vi: 'Tỉnh',
			kind: 'province',
			parent_id: null,
			level: 1,
			path: '/40/'
		}
	]);
	const wards = await insertUnitsWithVersions(
		db,
		Object.keys(UNMET).map((code) => ({
			code,
			name: `Phường ${code}`,
			type_vi: 'Phường',
			kind: 'ward' as const,
			parent_id: province.id,
			level: 2,
			path: `/40/${code}/`
		}))
	);
	const campaign = await db
		.insertInto('campaigns')
		.values({
			code: 'PT-DIEM-LE',
			name_vi: 'Phong trào điểm lẻ',
			name_en: 'Fractional points campaign',
			applies_to: ['ward'],
			start_date: '2026-01-01',
			target_date: '2027-12-31',
			target_share: 0.7,
			min_score: 50,
			district_min_share: null
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	const set = await db
		.insertInto('criteria_sets')
		.values({ campaign_id: campaign.id, version: 1, status: 'published', published_at: new Date() })
		.returning('id')
		.executeTakeFirstOrThrow();
	const groups = new Map<string, number>();
	for (const [position, code] of ['A', 'B'].entries()) {
		const group = await db
			.insertInto('criteria_groups')
			.values({
				criteria_set_id: set.id,
				code,
				name_vi: `Nhóm ${code}`,
				name_en: `Group ${code}`,
				position: position + 1
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		groups.set(code, group.id);
	}
	const criteria = await db
		.insertInto('criteria')
		.values(
			CRITERIA.map((criterion, position) => ({
				criteria_set_id: set.id,
				group_id: groups.get(criterion.group)!,
				code: criterion.code,
				title_vi: `Tiêu chí ${criterion.code}`,
				title_en: `Criterion ${criterion.code}`,
				type: 'boolean' as const,
				points: criterion.points,
				position: position + 1
			}))
		)
		.returning(['id', 'code', 'points'])
		.execute();
	const period = await db
		.insertInto('periods')
		.values({
			campaign_id: campaign.id,
			label: '2026-Q3',
			kind: 'quarter',
			starts_on: '2026-07-01',
			ends_on: '2026-09-30',
			closes_at: new Date('2026-09-30T23:59:59+07:00'),
			status: 'closed',
			criteria_set_id: set.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const ward of wards) {
		const unmet = UNMET[ward.code];
		const met = criteria.filter((criterion) => !unmet.includes(criterion.code));
		const assessment = await db
			.insertInto('assessments')
			.values({
				unit_id: ward.id,
				campaign_id: campaign.id,
				period_id: period.id,
				criteria_set_id: set.id,
				status: 'approved',
				score: met.reduce((sum, criterion) => sum + Number(criterion.points), 0),
				met_count: met.length,
				criteria_count: criteria.length,
				mandatory_met: true,
				eligible: true,
				unmet_codes: unmet,
				submitted_at: new Date('2026-09-20T09:00:00+07:00'),
				verified_at: new Date('2026-09-22T09:00:00+07:00'),
				approved_at: new Date('2026-09-25T09:00:00+07:00')
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('criterion_results')
			.values(
				criteria.map((criterion) => ({
					assessment_id: assessment.id,
					criterion_id: criterion.id,
					value_boolean: !unmet.includes(criterion.code),
					met: !unmet.includes(criterion.code)
				}))
			)
			.execute();
	}
});
afterAll(() => test?.drop());
afterEach(() => expectKeptFiguresFresh(db));

const campaignOf = () =>
	db.selectFrom('campaigns').selectAll().where('code', '=', 'PT-DIEM-LE').executeTakeFirstOrThrow();
const provinceRoot = () =>
	db.selectFrom('units').selectAll().where('code', '=', '40').executeTakeFirstOrThrow();

describe("the heat map's group shares", () => {
	it('sums the exact points earned and possible per group', async () => {
		const campaign = await campaignOf();
		const period = await db
			.selectFrom('periods')
			.select('id')
			.where('campaign_id', '=', campaign.id)
			.executeTakeFirstOrThrow();
		const scores = await loadGroupScores(db, {
			campaignId: campaign.id,
			kinds: campaign.applies_to,
			periodId: period.id,
			root: await provinceRoot(),
			level: 'official'
		});
		const sorted = [...scores].sort((a, b) =>
			(a.unitCode + a.groupCode).localeCompare(b.unitCode + b.groupCode)
		);
		expect(sorted).toEqual([
			{ unitCode: '16672', groupCode: 'A', earned: 2.5, possible: 3.75 },
			{ unitCode: '16672', groupCode: 'B', earned: 0.75, possible: 96.25 },
			{ unitCode: '16681', groupCode: 'A', earned: 3.75, possible: 3.75 },
			{ unitCode: '16681', groupCode: 'B', earned: 96.25, possible: 96.25 }
		]);
	});

	it("gives each unit's row the exact share, not one of rounded points", async () => {
		const data = await loadDashboard(db, await campaignOf(), await provinceRoot(), {
			period: '2026-Q3',
			level: 'official',
			today: '2026-11-27',
			allUnits: true
		});
		const rows = data.figures!.units!.rows;
		const ward = rows.find((row) => row.code === '16672')!;
		expect(ward.groups.A).toBeCloseTo(2.5 / 3.75, 12);
		expect(ward.groups.B).toBeCloseTo(0.75 / 96.25, 12);
		// Whole numbers would have read 3 of 4 and 1 of 96.
		expect(ward.groups.A).not.toBeCloseTo(3 / 4, 3);
		const full = rows.find((row) => row.code === '16681')!;
		expect(full.groups).toEqual({ A: 1, B: 1 });
	});
});
