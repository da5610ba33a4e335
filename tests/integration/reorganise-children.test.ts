// Schools and agencies below communes in a reorganisation (issue 18, point 3): a continuing ward
// moved to another parent carries its school; a ward merged in full takes its school and agency
// into its successor; a split commune's school goes to the first commune listed for it unless
// the file places it. The units keep their ids, assessments and officers, the structure of the
// day before still shows them where they were, and the successor's reviewer sees them. A school
// with a change after the date holds its ward's earlier move back.
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { groupHanging, type ReorganisationPlan } from '../../src/lib/domain/reorganisation';
import { loadReviewQueue } from '../../src/lib/server/assessments/queue';
import { listAncestorsOn } from '../../src/lib/server/assessments/repository';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import type { Database } from '../../src/lib/server/db/schema';
import { applyReorganisation, previewReorganisation } from '../../src/lib/server/units/reorganise';
import type { TestDatabase } from './helpers/database';
import { refusalOf } from './helpers/refusal';
import { insertCampaignPeriod, insertUser, registryDatabase, unitNow } from './helpers/reorganise';
import { expectKeptFiguresFresh } from './helpers/kept';

const REGISTRY = [
	'code,name,type_vi,kind,parent_code,level',
	'40,Tỉnh Nghệ An,Tỉnh,province,,1',
	'412,Thành phố Vinh,Thành phố,city,40,2',
	'413,Thị xã Cửa Lò,Thị xã,town,40,2',
	'430,Huyện Đô Lương,Huyện,district,40,2',
	'16672,Phường Hưng Bình,Phường,ward,412,3',
	'16681,Phường Quang Trung,Phường,ward,412,3',
	'16690,Phường Trường Thi,Phường,ward,412,3',
	'16717,Phường Nghi Thủy,Phường,ward,413,3',
	'16720,Phường Nghi Tân,Phường,ward,413,3',
	'17647,Xã Hòa Sơn,Xã,commune,430,3',
	'17650,Xã Đà Sơn,Xã,commune,430,3',
	'TH-HB,Trường Tiểu học Hưng Bình,Trường,school,16672,4',
	'CA-HB,Chi cục Thuế khu vực Vinh,Chi cục,agency,16672,4',
	'TH-NT,Trường Tiểu học Nghi Thủy,Trường,school,16717,4',
	'TH-HS,Trường Tiểu học Hòa Sơn,Trường,school,17647,4',
	'MN-HS,Trường Mầm non Hòa Sơn,Trường,school,17647,4',
	''
].join('\n');

/** 01/01/2026: Phường Nghi Thủy leaves Cửa Lò for Vinh, its school with it. */
const MOVE = [
	'code,name_before,parent_before,change,name_after,parent_after,kind_after',
	'16717,Phường Nghi Thủy,413,moved,,412,',
	''
].join('\n');

/** 01/07/2026: Hưng Bình and Quang Trung become Phường Thành Vinh (code 16681 reused); Hòa Sơn
 * is split between Vĩnh Tường and Văn Hiến, the file placing its kindergarten in Văn Hiến. */
const MAPPING = [
	'new_code,new_name,new_type_vi,new_kind,old_code,old_name,part,new_parent_code',
	'16681,Phường Thành Vinh,Phường,ward,16681,Phường Quang Trung,full,',
	'16681,Phường Thành Vinh,Phường,ward,16672,Phường Hưng Bình,full,',
	'17357,Xã Vĩnh Tường,Xã,commune,17647,Xã Hòa Sơn,partial,',
	'17677,Xã Văn Hiến,Xã,commune,17647,Xã Hòa Sơn,partial,',
	'17677,Xã Văn Hiến,Xã,commune,17650,Xã Đà Sơn,full,',
	'MN-HS,Trường Mầm non Hòa Sơn,Trường,school,MN-HS,Trường Mầm non Hòa Sơn,full,17677',
	''
].join('\n');

let test: TestDatabase;
let db: Kysely<Database>;
let admin: AdminActor;
/** The ids of the units below communes, read before any reorganisation. */
const ids: Record<string, number> = {};
const CHILDREN = ['TH-HB', 'CA-HB', 'TH-NT', 'TH-HS', 'MN-HS'];

/** The unit's versions, oldest first: from, to and path. */
async function versionsOf(unitId: number) {
	return db
		.selectFrom('unit_versions')
		.select([
			sql<string>`valid_from::text`.as('from'),
			sql<string>`valid_to::text`.as('to'),
			'path',
			'parent_id'
		])
		.where('unit_id', '=', unitId)
		.orderBy('valid_from')
		.execute();
}

/** The unit's way down from the province as it stood on a day: 'code name' per level. */
async function trailOn(unitId: number, on: string) {
	const rows = await listAncestorsOn(db, unitId, on);
	return rows.map((row) => `${row.code} ${row.name}`);
}

/** Each assessment with its unit and status: what a reorganisation must leave alone. */
function assessmentsNow() {
	return db
		.selectFrom('assessments as a')
		.innerJoin('periods as p', 'p.id', 'a.period_id')
		.select(['a.id', 'a.unit_id', 'p.label', 'a.status', 'a.superseded_from'])
		.orderBy('a.id')
		.execute();
}

beforeAll(async () => {
	({ test, admin } = await registryDatabase(REGISTRY));
	db = test.db;
	for (const code of CHILDREN) ids[code] = (await unitNow(db, code)).id;
	for (const [username, role, code] of [
		['officer.th-hb', 'ward_officer', 'TH-HB'],
		['officer.ca-hb', 'ward_officer', 'CA-HB'],
		['officer.th-hs', 'ward_officer', 'TH-HS'],
		['officer.th-nt', 'ward_officer', 'TH-NT'],
		['reviewer.quangtrung', 'district_reviewer', '16681'],
		['officer.hoason', 'ward_officer', '17647']
	]) {
		await insertUser(db, username, role, code);
	}
	const campaign = await insertCampaignPeriod(
		db,
		'PT-CQDNNT',
		['school', 'agency'],
		[
			{ label: '2026-Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' },
			{ label: '2026-Q3', startsOn: '2026-07-01', endsOn: '2026-09-30' }
		]
	);
	const assessment = (code: string, period: string, submittedAt: string | null) => ({
		unit_id: ids[code],
		campaign_id: campaign.campaignId,
		period_id: campaign.periods[period],
		criteria_set_id: campaign.setId,
		status: submittedAt ? ('submitted' as const) : ('draft' as const),
		submitted_at: submittedAt
	});
	await db
		.insertInto('assessments')
		.values([
			assessment('TH-HB', '2026-Q2', '2026-06-20T02:00:00Z'),
			assessment('TH-HB', '2026-Q3', '2026-08-03T02:00:00Z'),
			assessment('CA-HB', '2026-Q3', null),
			assessment('TH-HS', '2026-Q3', null)
		])
		.execute();
}, 120_000);
afterAll(() => test.drop());
afterEach(() => expectKeptFiguresFresh(db));

describe('a continuing ward moved to another parent', () => {
	it('carries its school: path now, and a version from the date', async () => {
		const input = { fileName: 'move.csv', text: MOVE, effectiveOn: '2026-01-01' };
		const plan = await previewReorganisation(db, admin, input);
		expect(plan.errors).toEqual([]);
		expect(plan.moved.map((unit) => [unit.code, unit.parentAfter.code])).toEqual([
			['16717', '412']
		]);
		expect(plan.hanging).toEqual([]);
		await applyReorganisation(db, admin, input);

		const school = await unitNow(db, 'TH-NT');
		expect(school).toMatchObject({
			id: ids['TH-NT'],
			path: '/40/412/16717/TH-NT/',
			level: 4,
			status: 'active'
		});
		const ward = await unitNow(db, '16717');
		expect(await versionsOf(ids['TH-NT'])).toEqual([
			{ from: '-infinity', to: '2026-01-01', path: '/40/413/16717/TH-NT/', parent_id: ward.id },
			{ from: '2026-01-01', to: 'infinity', path: '/40/412/16717/TH-NT/', parent_id: ward.id }
		]);
		expect(await trailOn(ids['TH-NT'], '2025-12-31')).toEqual([
			'40 Tỉnh Nghệ An',
			'413 Thị xã Cửa Lò',
			'16717 Phường Nghi Thủy',
			'TH-NT Trường Tiểu học Nghi Thủy'
		]);
		expect(await trailOn(ids['TH-NT'], '2026-01-01')).toEqual([
			'40 Tỉnh Nghệ An',
			'412 Thành phố Vinh',
			'16717 Phường Nghi Thủy',
			'TH-NT Trường Tiểu học Nghi Thủy'
		]);
	});
});

describe('a ward merged into another, a commune split', () => {
	const input = { fileName: 'thanh-vinh.csv', text: MAPPING, effectiveOn: '2026-07-01' };
	let assessmentsBefore: Awaited<ReturnType<typeof assessmentsNow>>;
	let oldHungBinh: number;

	it('previews where the units below go, and counts them by destination', async () => {
		oldHungBinh = (await unitNow(db, '16672')).id;
		const plan = await previewReorganisation(db, admin, input);
		expect(plan.errors).toEqual([]);
		expect(
			plan.hanging.map((unit) => [unit.code, unit.from.code, unit.to.code, unit.follows])
		).toEqual([
			['CA-HB', '16672', '16681', 'successor'],
			['TH-HB', '16672', '16681', 'successor'],
			['TH-HS', '17647', '17357', 'first_of_split']
		]);
		expect(plan.moved).toEqual([
			{
				code: 'MN-HS',
				name: 'Trường Mầm non Hòa Sơn',
				parentBefore: { code: '17647', name: 'Xã Hòa Sơn' },
				parentAfter: { code: '17677', name: 'Xã Văn Hiến' }
			}
		]);
		expect(groupHanging(plan.hanging)).toEqual([
			{
				to: { code: '16681', name: 'Phường Thành Vinh' },
				follows: 'successor',
				split: null,
				count: 2
			},
			{
				to: { code: '17357', name: 'Xã Vĩnh Tường' },
				follows: 'first_of_split',
				split: { code: '17647', name: 'Xã Hòa Sơn' },
				count: 1
			}
		]);
		expect(plan.counts).toMatchObject({ hanging: 3, moved: 1, emptied: 1, assessments: 0 });
		// Only the users of the units that leave change scope: not the schools' and agency's officers.
		expect(plan.users.map((user) => [user.username, user.to?.code ?? null])).toEqual([
			['officer.hoason', null],
			['reviewer.quangtrung', '16681']
		]);
	});

	it('applies it: the units below follow, with the same ids, assessments and officers', async () => {
		assessmentsBefore = await assessmentsNow();
		const result = await applyReorganisation(db, admin, {
			...input,
			scopes: { 'officer.hoason': { unitCode: '17357' } }
		});
		expect(result.alreadyApplied).toBe(false);
		const thanhVinh = await unitNow(db, '16681');
		expect(thanhVinh).toMatchObject({ name: 'Phường Thành Vinh', established_on: '2026-07-01' });
		const now = await db
			.selectFrom('units')
			.select(['id', 'code', 'path', 'level', 'parent_id', 'status'])
			.where('code', 'in', CHILDREN)
			.orderBy('code')
			.execute();
		expect(now).toEqual([
			{
				id: ids['CA-HB'],
				code: 'CA-HB',
				path: '/40/16681/CA-HB/',
				level: 3,
				parent_id: thanhVinh.id,
				status: 'active'
			},
			expect.objectContaining({ code: 'MN-HS', id: ids['MN-HS'], path: '/40/17677/MN-HS/' }),
			expect.objectContaining({ code: 'TH-HB', id: ids['TH-HB'], path: '/40/16681/TH-HB/' }),
			expect.objectContaining({ code: 'TH-HS', id: ids['TH-HS'], path: '/40/17357/TH-HS/' }),
			expect.objectContaining({ code: 'TH-NT', id: ids['TH-NT'], path: '/40/412/16717/TH-NT/' })
		]);
		// Their history: under the old ward until 30/06/2026, under the successor from 01/07/2026.
		expect(await versionsOf(ids['TH-HB'])).toEqual([
			{
				from: '-infinity',
				to: '2026-07-01',
				path: '/40/412/16672/TH-HB/',
				parent_id: oldHungBinh
			},
			{ from: '2026-07-01', to: 'infinity', path: '/40/16681/TH-HB/', parent_id: thanhVinh.id }
		]);
		expect(await assessmentsNow()).toEqual(assessmentsBefore);
		expect(assessmentsBefore.map((a) => a.status)).toEqual([
			'submitted',
			'submitted',
			'draft',
			'draft'
		]);
		const officers = await db
			.selectFrom('users')
			.innerJoin('units', 'units.id', 'users.unit_id')
			.select(['users.username', 'users.unit_id', 'units.path'])
			.where('users.username', 'like', 'officer.%-%')
			.orderBy('users.username')
			.execute();
		expect(officers).toEqual([
			{ username: 'officer.ca-hb', unit_id: ids['CA-HB'], path: '/40/16681/CA-HB/' },
			{ username: 'officer.th-hb', unit_id: ids['TH-HB'], path: '/40/16681/TH-HB/' },
			{ username: 'officer.th-hs', unit_id: ids['TH-HS'], path: '/40/17357/TH-HS/' },
			{ username: 'officer.th-nt', unit_id: ids['TH-NT'], path: '/40/412/16717/TH-NT/' }
		]);
		const moves = await db
			.selectFrom('audit_log')
			.select(['entity_id', 'before', 'after'])
			.where('action', '=', 'unit.move')
			.where('reason', 'like', `reorganisation #${result.id} %`)
			.orderBy('entity_id')
			.execute();
		expect(
			moves.map((entry) => [entry.entity_id, (entry.after as { parent: string }).parent])
		).toEqual([
			['CA-HB', '16681'],
			['MN-HS', '17677'],
			['TH-HB', '16681'],
			['TH-HS', '17357']
		]);
	});

	it('keeps the structure of the day before: the units below under their old commune', async () => {
		expect(await trailOn(ids['TH-HB'], '2026-06-30')).toEqual([
			'40 Tỉnh Nghệ An',
			'412 Thành phố Vinh',
			'16672 Phường Hưng Bình',
			'TH-HB Trường Tiểu học Hưng Bình'
		]);
		expect(await trailOn(ids['TH-HB'], '2026-07-01')).toEqual([
			'40 Tỉnh Nghệ An',
			'16681 Phường Thành Vinh',
			'TH-HB Trường Tiểu học Hưng Bình'
		]);
		expect(await trailOn(ids['CA-HB'], '2026-07-01')).toEqual([
			'40 Tỉnh Nghệ An',
			'16681 Phường Thành Vinh',
			'CA-HB Chi cục Thuế khu vực Vinh'
		]);
		expect(await trailOn(ids['TH-HS'], '2026-06-30')).toEqual([
			'40 Tỉnh Nghệ An',
			'430 Huyện Đô Lương',
			'17647 Xã Hòa Sơn',
			'TH-HS Trường Tiểu học Hòa Sơn'
		]);
		expect(await trailOn(ids['TH-HS'], '2026-07-01')).toEqual([
			'40 Tỉnh Nghệ An',
			'17357 Xã Vĩnh Tường',
			'TH-HS Trường Tiểu học Hòa Sơn'
		]);
		expect(await trailOn(ids['MN-HS'], '2026-07-01')).toEqual([
			'40 Tỉnh Nghệ An',
			'17677 Xã Văn Hiến',
			'MN-HS Trường Mầm non Hòa Sơn'
		]);
	});

	it("shows the school's submitted assessments to the successor's reviewer", async () => {
		const reviewer = await db
			.selectFrom('users')
			.innerJoin('units', 'units.id', 'users.unit_id')
			.select(['units.code', 'units.path'])
			.where('users.username', '=', 'reviewer.quangtrung')
			.executeTakeFirstOrThrow();
		expect(reviewer).toEqual({ code: '16681', path: '/40/16681/' });
		const queue = await loadReviewQueue(
			db,
			{ role: 'district_reviewer', scopePath: reviewer.path },
			{ status: 'submitted' }
		);
		expect(queue.items.map((item) => [item.unitCode, item.period, item.parentName])).toEqual([
			['TH-HB', '2026-Q3', 'Phường Thành Vinh'],
			['TH-HB', '2026-Q2', 'Phường Thành Vinh']
		]);
		// The reviewer of a ward the school never belonged to does not see it.
		const other = await loadReviewQueue(
			db,
			{ role: 'district_reviewer', scopePath: '/40/412/16690/' },
			{ status: 'submitted' }
		);
		expect(other.items).toEqual([]);
	});
});

describe('a school with a change after the date', () => {
	it('refuses moving its ward before that change, writing nothing', async () => {
		const rename = [
			'code,name_before,parent_before,change,name_after,parent_after,kind_after',
			'TH-NT,Trường Tiểu học Nghi Thủy,16717,renamed,Trường Tiểu học Nghi Thủy 1,,',
			''
		].join('\n');
		await applyReorganisation(db, admin, {
			fileName: 'rename.csv',
			text: rename,
			effectiveOn: '2026-09-01'
		});
		const back = [
			'code,name_before,parent_before,change,name_after,parent_after,kind_after',
			'16717,Phường Nghi Thủy,412,moved,,413,',
			''
		].join('\n');
		const versions = await versionsOf(ids['TH-NT']);
		const refused = await refusalOf(
			applyReorganisation(db, admin, {
				fileName: 'back.csv',
				text: back,
				effectiveOn: '2026-08-01'
			})
		);
		expect(refused.status).toBe(400);
		expect((refused.body as { plan: ReorganisationPlan }).plan.errors).toEqual([
			{ line: 0, code: 'TH-NT', problem: 'below_changed_later', detail: { date: '01/08/2026' } }
		]);
		expect(await versionsOf(ids['TH-NT'])).toEqual(versions);
		expect((await unitNow(db, '16717')).path).toBe('/40/412/16717/');
	});
});
