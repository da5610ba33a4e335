// A criteria set per audience (issue 18): in one campaign a ward is scored against the area's set and
// a school under it against the schools' set; an assessment keeps the version it was scored against
// when the next period names a newer one. The test builds its own small world: a province, a ward
// with a school under it, one campaign with a set per audience, two quarters.
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findAddressed, findPlace } from '../../src/lib/server/assessments/place';
import { saveDraft } from '../../src/lib/server/assessments/service';
import { loadAssessmentView } from '../../src/lib/server/assessments/view';
import { listOfficerPeriods } from '../../src/lib/server/home/repository';
import type { Database } from '../../src/lib/server/db/schema';
import { insertUnitsWithVersions } from '../../src/lib/server/units/structure';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let db: Kysely<Database>;
const NOW = new Date('2026-11-20T10:00:00+07:00');

/** Criteria per audience: all boolean; [code, points, mandatory]. */
const SETS = {
	area: [
		['KV1', 60, true],
		['KV2', 40, false]
	],
	school: [
		['TH1', 30, true],
		['TH2', 30, false],
		['TH3', 40, false]
	]
} as const;

async function insertSet(
	campaignId: number,
	audience: 'area' | 'school' | 'agency',
	version: number,
	criteria: readonly (readonly [string, number, boolean])[]
) {
	const set = await db
		.insertInto('criteria_sets')
		.values({
			campaign_id: campaignId,
			audience,
			version,
			status: 'published',
			published_at: NOW
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const group = await db
		.insertInto('criteria_groups')
		.values({ criteria_set_id: set.id, code: 'A', name_vi: 'Nhóm A', name_en: 'A', position: 1 })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('criteria')
		.values(
			criteria.map(([code, points, mandatory], index) => ({
				criteria_set_id: set.id,
				group_id: group.id,
				code,
				title_vi: `Tiêu chí ${code}`,
				title_en: `Criterion ${code}`,
				type: 'boolean' as const,
				points,
				mandatory,
				position: index + 1
			}))
		)
		.execute();
	return set.id;
}

const ids = {} as { campaign: number; area: number; school: number; officer: number };

async function insertPeriod(label: string, startsOn: string, endsOn: string, schoolSet: number) {
	const period = await db
		.insertInto('periods')
		.values({
			campaign_id: ids.campaign,
			label,
			kind: 'quarter',
			starts_on: startsOn,
			ends_on: endsOn,
			closes_at: new Date(`${endsOn}T23:59:59+07:00`),
			status: 'open',
			criteria_set_id: ids.area
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('period_criteria_sets')
		.values({
			period_id: period.id,
			campaign_id: ids.campaign,
			audience: 'school',
			criteria_set_id: schoolSet
		})
		.execute();
	return period.id;
}

async function placeOf(unit: string, period: string) {
	return findPlace(db, await findAddressed(db, { campaign: 'PT-KHOI', unit, period }));
}

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
	const [ward] = await insertUnitsWithVersions(db, [
		{
			code: '16672',
			name: 'Phường Hưng Bình',
			type_vi: 'Phường',
			kind: 'ward',
			parent_id: province.id,
			level: 2,
			path: '/40/16672/'
		}
	]);
	await insertUnitsWithVersions(db, [
		{
			code: 'S16672-1',
			name: 'Trường THCS Hưng Bình',
			type_vi: 'Trường học',
			kind: 'school',
			parent_id: ward.id,
			level: 3,
			path: '/40/16672/S16672-1/'
		}
	]);
	const campaign = await db
		.insertInto('campaigns')
		.values({
			code: 'PT-KHOI',
			name_vi: 'Phong trào hai khối',
			name_en: 'Two-block movement',
			applies_to: ['ward', 'school'],
			start_date: '2026-01-01',
			target_date: '2028-12-31',
			target_share: 0.7,
			min_score: 80,
			district_min_share: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	ids.campaign = campaign.id;
	ids.area = await insertSet(campaign.id, 'area', 1, SETS.area);
	ids.school = await insertSet(campaign.id, 'school', 1, SETS.school);
	await insertPeriod('2026-Q4', '2026-10-01', '2026-12-31', ids.school);
	const officer = await db
		.insertInto('users')
		.values({
			username: 'officer.khoi',
			password_hash: 'x',
			role: 'ward_officer',
			unit_id: ward.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	ids.officer = officer.id;
});

afterAll(async () => {
	await test?.drop();
});
afterEach(() => expectKeptFiguresFresh(db));

const actor = () => ({ id: ids.officer, username: 'officer.khoi', role: 'ward_officer' as const });

describe('a criteria set per audience', () => {
	it('copies a period’s own set into the sets it names per audience', async () => {
		const named = await db
			.selectFrom('period_criteria_sets')
			.innerJoin('periods', 'periods.id', 'period_criteria_sets.period_id')
			.select(['period_criteria_sets.audience', 'period_criteria_sets.criteria_set_id'])
			.where('periods.label', '=', '2026-Q4')
			.orderBy('period_criteria_sets.audience')
			.execute();
		expect(named).toEqual([
			{ audience: 'area', criteria_set_id: ids.area },
			{ audience: 'school', criteria_set_id: ids.school }
		]);
	});

	it('scores the ward against the area’s set and the school against the schools’ set', async () => {
		const ward = await placeOf('16672', '2026-Q4');
		const school = await placeOf('S16672-1', '2026-Q4');
		expect(ward.period.criteria_set_id).toBe(ids.area);
		expect(school.period.criteria_set_id).toBe(ids.school);

		const wardRow = await saveDraft(
			db,
			actor(),
			ward,
			{ version: 0, values: { KV1: 'yes', KV2: 'no' }, notes: {} },
			NOW
		);
		const schoolRow = await saveDraft(
			db,
			actor(),
			school,
			{ version: 0, values: { TH1: 'yes', TH2: 'no', TH3: 'yes' }, notes: {} },
			NOW
		);
		expect([wardRow.criteria_set_id, Number(wardRow.score), wardRow.criteria_count]).toEqual([
			ids.area,
			60,
			2
		]);
		expect([schoolRow.criteria_set_id, Number(schoolRow.score), schoolRow.criteria_count]).toEqual([
			ids.school,
			70,
			3
		]);
		// What the database holds: each result belongs to a criterion of the assessment's own set.
		const strays = await db
			.selectFrom('criterion_results as r')
			.innerJoin('assessments as a', 'a.id', 'r.assessment_id')
			.innerJoin('criteria as c', 'c.id', 'r.criterion_id')
			.select('a.id')
			.whereRef('c.criteria_set_id', '<>', 'a.criteria_set_id')
			.execute();
		expect(strays).toEqual([]);
		const codes = await db
			.selectFrom('criterion_results as r')
			.innerJoin('criteria as c', 'c.id', 'r.criterion_id')
			.select('c.code')
			.where('r.assessment_id', '=', schoolRow.id)
			.orderBy('c.code')
			.execute();
		expect(codes.map((row) => row.code)).toEqual(['TH1', 'TH2', 'TH3']);
	});

	it('refuses a value for a criterion of another audience’s set', async () => {
		const school = await placeOf('S16672-1', '2026-Q4');
		const view = await loadAssessmentView(db, school, 'ward_officer', NOW);
		expect(view.groups.flatMap((group) => group.criteria.map((row) => row.code))).toEqual([
			'TH1',
			'TH2',
			'TH3'
		]);
		const saved = await saveDraft(
			db,
			actor(),
			school,
			{ version: view.version, values: { KV1: 'no' }, notes: {} },
			NOW
		);
		// The area's code means nothing in the schools' set: the school's score is untouched.
		expect(Number(saved.score)).toBe(70);
	});

	it('keeps an assessment on its version when the next period names a newer one', async () => {
		const newer = await insertSet(ids.campaign, 'school', 2, [
			['TH1', 50, true],
			['TH4', 50, false]
		]);
		await insertPeriod('2027-Q1', '2027-01-01', '2027-03-31', newer);
		const before = await placeOf('S16672-1', '2026-Q4');
		const after = await placeOf('S16672-1', '2027-Q1');
		expect(before.period.criteria_set_id).toBe(ids.school);
		expect(after.period.criteria_set_id).toBe(newer);

		const kept = await loadAssessmentView(db, before, 'ward_officer', NOW);
		expect(kept.criteriaVersion).toBe(1);
		expect(kept.groups.flatMap((group) => group.criteria.map((row) => row.code))).toEqual([
			'TH1',
			'TH2',
			'TH3'
		]);
		const next = await loadAssessmentView(db, after, 'ward_officer', NOW);
		expect(next.criteriaVersion).toBe(2);
		expect(next.groups.flatMap((group) => group.criteria.map((row) => row.code))).toEqual([
			'TH1',
			'TH4'
		]);
	});

	it('saves a started assessment against its own set when the period names another', async () => {
		const period = await db
			.selectFrom('periods')
			.select('id')
			.where('label', '=', '2026-Q4')
			.executeTakeFirstOrThrow();
		const newest = await db
			.selectFrom('criteria_sets')
			.select('id')
			.where('audience', '=', 'school')
			.where('version', '=', 2)
			.executeTakeFirstOrThrow();
		await db
			.updateTable('period_criteria_sets')
			.set({ criteria_set_id: newest.id })
			.where('period_id', '=', period.id)
			.where('audience', '=', 'school')
			.execute();
		const school = await placeOf('S16672-1', '2026-Q4');
		expect(school.period.criteria_set_id).toBe(ids.school);
		const view = await loadAssessmentView(db, school, 'ward_officer', NOW);
		const saved = await saveDraft(
			db,
			actor(),
			school,
			{ version: view.version, values: { TH2: 'yes' }, notes: {} },
			NOW
		);
		expect([saved.criteria_set_id, Number(saved.score)]).toEqual([ids.school, 100]);
	});

	it('asks no work of a unit whose audience the period names no set for', async () => {
		const ward = await db
			.selectFrom('units')
			.select('id')
			.where('code', '=', '16672')
			.executeTakeFirstOrThrow();
		const [agency] = await insertUnitsWithVersions(db, [
			{
				code: 'A16672-1',
				name: 'Chi cục Thuế khu vực Hưng Bình',
				type_vi: 'Cơ quan',
				kind: 'agency',
				parent_id: ward.id,
				level: 3,
				path: '/40/16672/A16672-1/'
			}
		]);
		await db
			.updateTable('campaigns')
			.set({ applies_to: ['ward', 'school', 'agency'] })
			.where('id', '=', ids.campaign)
			.execute();
		const open = (unitId: number) =>
			listOfficerPeriods(db, unitId, NOW).then((rows) => rows.map((row) => row.period));
		await expect(placeOf('A16672-1', '2026-Q4')).rejects.toThrow();
		expect(await open(agency.id)).toEqual([]);
		expect(await open(ward.id)).toEqual(['2026-Q4', '2027-Q1']);

		const set = await insertSet(ids.campaign, 'agency', 1, [['CQ1', 100, true]]);
		const period = await db
			.selectFrom('periods')
			.select('id')
			.where('label', '=', '2026-Q4')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('period_criteria_sets')
			.values({
				period_id: period.id,
				campaign_id: ids.campaign,
				audience: 'agency',
				criteria_set_id: set
			})
			.execute();
		expect((await placeOf('A16672-1', '2026-Q4')).period.criteria_set_id).toBe(set);
		expect(await open(agency.id)).toEqual(['2026-Q4']);
	});

	it('numbers versions per audience and holds one draft per audience', async () => {
		await db
			.insertInto('criteria_sets')
			.values([
				{ campaign_id: ids.campaign, audience: 'area', version: 2, status: 'draft' },
				{ campaign_id: ids.campaign, audience: 'school', version: 3, status: 'draft' }
			])
			.execute();
		await expect(
			db
				.insertInto('criteria_sets')
				.values({ campaign_id: ids.campaign, audience: 'school', version: 4, status: 'draft' })
				.execute()
		).rejects.toThrow();
		await expect(
			db
				.insertInto('criteria_sets')
				.values({
					campaign_id: ids.campaign,
					audience: 'school',
					version: 1,
					status: 'published',
					published_at: NOW
				})
				.execute()
		).rejects.toThrow();
	});

	it('refuses a period naming a set of another audience for an audience', async () => {
		const period = await db
			.selectFrom('periods')
			.select('id')
			.where('label', '=', '2027-Q1')
			.executeTakeFirstOrThrow();
		await expect(
			db
				.updateTable('period_criteria_sets')
				.set({ criteria_set_id: ids.area })
				.where('period_id', '=', period.id)
				.where('audience', '=', 'school')
				.execute()
		).rejects.toThrow();
	});
});
