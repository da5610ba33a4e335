// Units in the administration: create, edit (stale forms refused), move a subtree, retire, merge
// (users follow, dashboards count the successor from the merge date), the CSV import, and the
// bootstrap of an empty install from the command line's root unit and the real units file.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import { planFingerprint, type ImportPlan } from '../../src/lib/domain/unit-import';
import { applyUnitImport, previewUnitImport } from '../../src/lib/server/units/import';
import { mergeUnits } from '../../src/lib/server/units/merge';
import { findScopedUnit } from '../../src/lib/server/units/repository';
import {
	createRootUnit,
	createUnit,
	moveUnit,
	retireUnit,
	updateUnit
} from '../../src/lib/server/units/service';
import { findCampaignByCode } from '../../src/lib/server/campaigns/repository';
import { loadGroupFigures } from '../../src/lib/server/dashboard/repository';
import { loadTrend } from '../../src/lib/server/dashboard/trend-repository';
import { loadUnitStanding } from '../../src/lib/server/dashboard/unit-page';
import { findUnitByCode } from '../../src/lib/server/units/repository';
import { createUser } from '../../src/lib/server/users/service';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createSeededDatabase, demoAdmin } from './helpers/fixtures';
import { refusalOf } from './helpers/refusal';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let admin: AdminActor;
const HEADER = 'code,name,type_vi,kind,parent_code,level';

beforeAll(async () => {
	test = await createSeededDatabase();
	admin = await demoAdmin(test.db, '127.0.0.1');
}, 300_000);
afterAll(() => test.drop());
afterEach(() => expectKeptFiguresFresh(test?.db));

const unit = (code: string) => findUnitByCode(test.db, code);
const revisionOf = async (code: string) => (await findScopedUnit(test.db, '/40/', code))!.revision;
const auditOf = (action: string, entityId: string) =>
	test.db
		.selectFrom('audit_log')
		.selectAll()
		.where('action', '=', action)
		.where('entity_id', '=', entityId)
		.orderBy('id')
		.execute();
const fields = (name: string, kind = 'ward', typeVi = 'Phường') => ({ name, kind, typeVi });

describe('create and edit', () => {
	it('creates a child unit under a parent of the scope, audited', async () => {
		const result = await createUnit(test.db, admin, {
			parentCode: '40',
			code: 'T-100',
			...fields('Phường Thử Nghiệm')
		});
		expect(result).toEqual({ code: 'T-100' });
		expect(await unit('T-100')).toMatchObject({
			path: '/40/T-100/',
			level: 2,
			type_vi: 'Phường',
			status: 'active'
		});
		const [entry] = await auditOf('unit.create', 'T-100');
		expect(entry).toMatchObject({ actor_name: 'admin', ip: '127.0.0.1' });
		expect(entry.after).toMatchObject({ parent: '40', name: 'Phường Thử Nghiệm' });
	});

	it('refuses a taken code, a bad kind, a retired parent and a parent outside the scope', async () => {
		expect(
			await refusalOf(
				createUnit(test.db, admin, { parentCode: '40', code: 'T-100', ...fields('X') })
			)
		).toEqual({ status: 400, body: { errors: { code: 'code_taken' } } });
		// Thành phố Vinh (412) retired on 01/07/2025 with the district level.
		expect(
			await refusalOf(
				createUnit(test.db, admin, { parentCode: '412', code: 'T-102', ...fields('X') })
			)
		).toEqual({ status: 400, body: { errors: { parent: 'parent_retired' } } });
		expect(await unit('T-102')).toBeUndefined();
		expect(
			await refusalOf(
				createUnit(test.db, admin, {
					parentCode: '40',
					code: 'a b',
					...fields('', 'village')
				})
			)
		).toEqual({
			status: 400,
			body: { errors: { code: 'code_invalid', name: 'name_required', kind: 'kind_invalid' } }
		});
		const wardAdmin = { ...admin, scopePath: '/40/16681/' };
		expect(
			await refusalOf(
				createUnit(test.db, wardAdmin, { parentCode: '40', code: 'T-101', ...fields('X') })
			)
		).toEqual({ status: 400, body: { errors: { parent: 'parent_not_found' } } });
		expect(await unit('T-101')).toBeUndefined();
	});

	it('saves an edit once and refuses the same stale form again', async () => {
		const revision = await revisionOf('T-100');
		const edit = { code: 'T-100', revision, ...fields('Phường Thử Nghiệm Mới', 'commune', 'Xã') };
		expect(await updateUnit(test.db, admin, edit)).toEqual({ code: 'T-100' });
		expect(await refusalOf(updateUnit(test.db, admin, { ...edit, name: 'Khác' }))).toEqual({
			status: 409,
			body: { errors: { form: 'stale' } }
		});
		expect(await unit('T-100')).toMatchObject({
			name: 'Phường Thử Nghiệm Mới',
			kind: 'commune',
			type_vi: 'Xã'
		});
		const [entry] = await auditOf('unit.update', 'T-100');
		expect(entry.before).toEqual({ name: 'Phường Thử Nghiệm', type_vi: 'Phường', kind: 'ward' });
		expect(entry.after).toEqual({ name: 'Phường Thử Nghiệm Mới', type_vi: 'Xã', kind: 'commune' });
	});
});

describe('move and retire', () => {
	beforeAll(async () => {
		await createUnit(test.db, admin, {
			parentCode: '40',
			code: 'T-200',
			...fields('Huyện Thử', 'district', 'Huyện')
		});
		await createUnit(test.db, admin, { parentCode: 'T-200', code: 'T-201', ...fields('Xã A') });
		await createUnit(test.db, admin, {
			parentCode: 'T-201',
			code: 'T-202',
			...fields('Trường B', 'school', '')
		});
	});

	it('moves a unit with its whole subtree: paths and levels', async () => {
		const result = await moveUnit(test.db, admin, {
			code: 'T-200',
			revision: await revisionOf('T-200'),
			parentCode: '16744'
		});
		expect(result).toEqual({ code: 'T-200' });
		const moved = await test.db
			.selectFrom('units')
			.select(['code', 'path', 'level'])
			.where('code', 'in', ['T-200', 'T-201', 'T-202'])
			.orderBy('level')
			.execute();
		expect(moved).toEqual([
			{ code: 'T-200', path: '/40/16744/T-200/', level: 3 },
			{ code: 'T-201', path: '/40/16744/T-200/T-201/', level: 4 },
			{ code: 'T-202', path: '/40/16744/T-200/T-201/T-202/', level: 5 }
		]);
		const [entry] = await auditOf('unit.move', 'T-200');
		expect(entry.before).toMatchObject({ parent: '40', path: '/40/T-200/' });
		expect(entry.after).toMatchObject({ parent: '16744', path: '/40/16744/T-200/' });
	});

	it('refuses a move under its own subtree, a stale form and the scope unit', async () => {
		expect(
			await refusalOf(
				moveUnit(test.db, admin, {
					code: 'T-200',
					revision: await revisionOf('T-200'),
					parentCode: 'T-202'
				})
			)
		).toEqual({ status: 400, body: { errors: { parentCode: 'parent_cycle' } } });
		expect(
			await refusalOf(
				moveUnit(test.db, admin, { code: 'T-201', revision: '1', parentCode: '16744' })
			)
		).toEqual({ status: 409, body: { errors: { form: 'stale' } } });
		expect(
			await refusalOf(
				moveUnit(test.db, admin, {
					code: '40',
					revision: await revisionOf('40'),
					parentCode: '16744'
				})
			)
		).toEqual({ status: 400, body: { errors: { parentCode: 'scope_root' } } });
	});

	it('retires a unit on a date, never one with active children', async () => {
		expect(
			await refusalOf(
				retireUnit(test.db, admin, {
					code: 'T-201',
					revision: await revisionOf('T-201'),
					date: '2026-01-01'
				})
			)
		).toEqual({ status: 400, body: { errors: { date: 'has_active_children' }, subject: 'T-202' } });
		expect(
			await refusalOf(
				retireUnit(test.db, admin, {
					code: 'T-202',
					revision: await revisionOf('T-202'),
					date: '2026-02-30'
				})
			)
		).toEqual({ status: 400, body: { errors: { date: 'date_invalid' } } });
		expect(
			await retireUnit(test.db, admin, {
				code: 'T-202',
				revision: await revisionOf('T-202'),
				date: '2026-01-01'
			})
		).toEqual({ code: 'T-202' });
		expect(await unit('T-202')).toMatchObject({ status: 'retired', retired_on: '2026-01-01' });
		expect((await auditOf('unit.retire', 'T-202'))[0].after).toEqual({
			status: 'retired',
			retired_on: '2026-01-01'
		});
	});

	it('never retires a unit before the day it was established', async () => {
		await createUnit(test.db, admin, {
			parentCode: '40',
			code: 'T-203',
			...fields('Phường Mới'),
			establishedOn: '2026-07-01'
		});
		expect(
			await refusalOf(
				retireUnit(test.db, admin, {
					code: 'T-203',
					revision: await revisionOf('T-203'),
					date: '2026-06-01'
				})
			)
		).toEqual({ status: 400, body: { errors: { date: 'before_established' } } });
		expect(await unit('T-203')).toMatchObject({ status: 'active', established_on: '2026-07-01' });
	});
});

describe('retire with open work', () => {
	it('closes the open assessments of the periods the unit no longer counts in', async () => {
		await createUnit(test.db, admin, { parentCode: '40', code: 'T-210', ...fields('Phường Tạm') });
		const campaign = (await findCampaignByCode(test.db, 'CAP-DHKM'))!;
		const periods = await test.db
			.selectFrom('periods')
			.select(['id', 'label', 'criteria_set_id'])
			.where('campaign_id', '=', campaign.id)
			.where('label', 'in', ['2026-Q2', '2026-Q4'])
			.orderBy('label')
			.execute();
		const ward = (await unit('T-210'))!;
		await test.db
			.insertInto('assessments')
			.values(
				periods.map((period) => ({
					unit_id: ward.id,
					campaign_id: campaign.id,
					period_id: period.id,
					criteria_set_id: period.criteria_set_id
				}))
			)
			.execute();
		await retireUnit(test.db, admin, {
			code: 'T-210',
			revision: await revisionOf('T-210'),
			date: '2026-07-01'
		});
		const statuses = await test.db
			.selectFrom('assessments')
			.innerJoin('periods', 'periods.id', 'assessments.period_id')
			.select(['periods.label', 'assessments.status', 'assessments.superseded_reason'])
			.where('assessments.unit_id', '=', ward.id)
			.orderBy('periods.label')
			.execute();
		expect(statuses).toEqual([
			{ label: '2026-Q2', status: 'draft', superseded_reason: null },
			{
				label: '2026-Q4',
				status: 'superseded',
				superseded_reason: 'Phường Tạm (T-210) thôi hoạt động từ ngày 01/07/2026'
			}
		]);
		const audited = await test.db
			.selectFrom('audit_log')
			.select(['before', 'after'])
			.where('action', '=', 'assessment.supersede')
			.where('unit_id', '=', ward.id)
			.execute();
		expect(audited).toEqual([
			{ before: { status: 'draft' }, after: { status: 'superseded', superseded_on: '2026-07-01' } }
		]);
	});
});

describe('merge', () => {
	const MERGED_ON = '2026-07-01';

	/** The wards the province counts in a period: the total row (since 01/07/2025 the province's
	 * children are the wards and communes themselves). */
	async function provinceUnits(label: string) {
		const campaign = (await findCampaignByCode(test.db, 'CAP-DHKM'))!;
		const period = await test.db
			.selectFrom('periods')
			.select(['id', 'ends_on'])
			.where('campaign_id', '=', campaign.id)
			.where('label', '=', label)
			.executeTakeFirstOrThrow();
		const root = (await unit('40'))!;
		const figures = await loadGroupFigures(test.db, {
			campaignId: campaign.id,
			kinds: campaign.applies_to,
			periodId: period.id,
			root,
			level: 'official'
		});
		return figures.find((row) => row.code === null)!.units;
	}

	it('retires the predecessors, moves their children and users, and counts the successor from the merge date', async () => {
		const before = { q2: await provinceUnits('2026-Q2'), q3: await provinceUnits('2026-Q3') };
		// The successor is a new ward, formed by the merge.
		await createUnit(test.db, admin, {
			parentCode: '40',
			code: 'T-300',
			...fields('Phường Hợp Nhất'),
			establishedOn: MERGED_ON
		});
		await createUnit(test.db, admin, {
			parentCode: '16681',
			code: 'T-310',
			...fields('Trường C', 'school', '')
		});
		const officer = await test.db
			.selectFrom('users')
			.select('id')
			.where('username', '=', 'officer.hungbinh')
			.executeTakeFirstOrThrow();

		const early = await refusalOf(
			mergeUnits(test.db, admin, {
				code: 'T-300',
				revision: await revisionOf('T-300'),
				predecessorCodes: ['16681', '16690'],
				date: '2026-06-30'
			})
		);
		expect(early).toEqual({ status: 400, body: { errors: { date: 'before_established' } } });
		expect(await unit('16681')).toMatchObject({ status: 'active' });

		const result = await mergeUnits(test.db, admin, {
			code: 'T-300',
			revision: await revisionOf('T-300'),
			predecessorCodes: ['16681', '16690'],
			date: MERGED_ON
		});
		expect(result).toEqual({ code: 'T-300' });
		const successor = (await unit('T-300'))!;
		// 16681 is the code's current holder, Phường Thành Vinh (not Quang Trung, retired 2025).
		for (const code of ['16681', '16690']) {
			expect(await unit(code)).toMatchObject({
				status: 'retired',
				retired_on: MERGED_ON,
				merged_into_id: successor.id
			});
		}
		expect(await unit('T-310')).toMatchObject({
			path: '/40/T-300/T-310/',
			parent_id: successor.id
		});
		const moved = await test.db
			.selectFrom('users')
			.select('unit_id')
			.where('id', '=', officer.id)
			.executeTakeFirstOrThrow();
		expect(moved.unit_id).toBe(successor.id);
		// The officer moved once before, into Phường Thành Vinh on 01/07/2025: the merge is the last.
		const userEntry = (await auditOf('user.move', String(officer.id))).at(-1)!;
		expect(userEntry.after).toEqual({ username: 'officer.hungbinh', unit: 'T-300' });
		expect((await auditOf('unit.merge', 'T-300'))[0].after).toEqual({
			predecessors: ['16681', '16690'],
			merged_on: MERGED_ON
		});

		// Q2 ends before the merge: the predecessors still count, the successor does not exist yet.
		// Q3 ends after it: the two predecessors stop, the successor counts.
		expect(await provinceUnits('2026-Q2')).toBe(before.q2);
		expect(await provinceUnits('2026-Q3')).toBe(before.q3 - 1);
		// The trend line counts the same way.
		const campaign = (await findCampaignByCode(test.db, 'CAP-DHKM'))!;
		const trend = await loadTrend(test.db, {
			campaignId: campaign.id,
			kinds: campaign.applies_to,
			root: (await unit('40'))!
		});
		const unitsIn = (label: string) => trend.find((point) => point.label === label)!.units;
		expect([unitsIn('2026-Q2'), unitsIn('2026-Q3')]).toEqual([before.q2, before.q3 - 1]);
	});

	it('keeps the history visible on the unit pages', async () => {
		const campaign = (await findCampaignByCode(test.db, 'CAP-DHKM'))!;
		const predecessor = (await unit('16681'))!;
		const successor = (await unit('T-300'))!;
		const old = await loadUnitStanding(test.db, campaign, predecessor.id);
		expect(old.lineage.mergedInto).toEqual({
			code: 'T-300',
			name: 'Phường Hợp Nhất',
			date: MERGED_ON
		});
		expect(old.history.some((row) => row.assessmentId !== null)).toBe(true);
		const next = await loadUnitStanding(test.db, campaign, successor.id);
		expect(next.lineage.predecessors.map((row) => row.code)).toEqual(['16681', '16690']);
	});

	it('refuses merging a retired unit, the unit itself or an ancestor', async () => {
		const revision = await revisionOf('T-300');
		const merge = async (codes: string[]) =>
			(
				await refusalOf(
					mergeUnits(test.db, admin, {
						code: 'T-300',
						revision,
						predecessorCodes: codes,
						date: MERGED_ON
					})
				)
			).body;
		expect(await merge(['16681'])).toMatchObject({
			errors: { predecessors: 'predecessor_retired' },
			subject: '16681'
		});
		expect(await merge(['T-300'])).toMatchObject({
			errors: { predecessors: 'predecessor_self' }
		});
		expect(await merge(['40'])).toMatchObject({
			errors: { predecessors: 'predecessor_ancestor' }
		});
		expect(await merge([])).toMatchObject({ errors: { predecessors: 'predecessors_required' } });
	});
});

describe('CSV import', () => {
	const count = async () =>
		(await sql<{ n: number }>`SELECT count(*)::int AS n FROM units`.execute(test.db)).rows[0].n;

	it('previews new, changed, unchanged and error rows, writing nothing', async () => {
		const before = await count();
		const csv = [
			HEADER,
			'16708,Phường Vinh Lộc,Phường,ward,40,2',
			'16702,Phường Vinh Phú Mới,Phường,ward,40,2',
			'T-400,Phường Nhập,Phường,ward,40,2',
			'T-401,Xã Lỗi,Xã,village,40,2'
		].join('\n');
		const result = await previewUnitImport(test.db, admin, csv);
		expect(result.plan.rows.map((row) => row.status)).toEqual([
			'unchanged',
			'changed',
			'new',
			'error'
		]);
		expect(await count()).toBe(before);
	});

	it('writes nothing when a row is in error', async () => {
		const before = await count();
		const csv = `${HEADER}\nT-500,Phường Tốt,Phường,ward,40,2\nT-501,Phường Xấu,Phường,ward,NOPE,3`;
		const refused = await refusalOf(applyUnitImport(test.db, admin, csv));
		expect(refused.status).toBe(400);
		expect((refused.body as { plan: ImportPlan }).plan.counts.error).toBe(1);
		expect(await count()).toBe(before);
		expect(await unit('T-500')).toBeUndefined();
	});

	it('applies a good file in one go, and the same file again changes nothing', async () => {
		const csv = [
			HEADER,
			'T-601,Xã Con,Xã,commune,T-600,3',
			'T-600,Huyện Nhập,Huyện,district,40,2',
			'16702,Phường Vinh Phú Mới,Phường,ward,40,2'
		].join('\r\n');
		const first = await applyUnitImport(test.db, admin, csv);
		expect(first).toMatchObject({ created: 2, updated: 1 });
		expect(await unit('T-601')).toMatchObject({ path: '/40/T-600/T-601/', level: 3 });
		expect(await unit('16702')).toMatchObject({ name: 'Phường Vinh Phú Mới' });
		// The code's earlier holder (Xã Nghi Phú) has its own entries: ours is the last.
		expect((await auditOf('unit.update', '16702')).at(-1)!.after).toEqual({
			name: 'Phường Vinh Phú Mới'
		});
		expect(await auditOf('unit.create', 'T-601')).toHaveLength(1);

		const audits = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(
			test.db
		);
		const units = await count();
		const second = await applyUnitImport(test.db, admin, csv);
		expect(second).toMatchObject({ created: 0, updated: 0 });
		expect(second.plan.counts).toEqual({ new: 0, changed: 0, unchanged: 3, error: 0 });
		expect(await count()).toBe(units);
		const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(
			test.db
		);
		expect(after.rows[0].n).toBe(audits.rows[0].n);
	});

	it('writes nothing when the units changed between the preview and the import', async () => {
		const csv = `${HEADER}\n16732,Phường Cửa Lò Mới,Phường,ward,40,2`;
		const preview = await previewUnitImport(test.db, admin, csv);
		const fingerprint = planFingerprint(preview.plan);
		expect(preview.fingerprint).toBe(fingerprint);
		// Someone renames the unit in the editor meanwhile.
		await updateUnit(test.db, admin, {
			code: '16732',
			revision: await revisionOf('16732'),
			name: 'Phường Cửa Lò (sửa tay)',
			typeVi: 'Phường',
			kind: 'ward'
		});
		const stale = await refusalOf(applyUnitImport(test.db, admin, csv, fingerprint));
		expect(stale).toMatchObject({ status: 409, body: { stale: true } });
		expect(await unit('16732')).toMatchObject({ name: 'Phường Cửa Lò (sửa tay)' });

		const again = await applyUnitImport(
			test.db,
			admin,
			csv,
			planFingerprint((stale.body as { plan: ImportPlan }).plan)
		);
		expect(again).toMatchObject({ updated: 1 });
		expect(await unit('16732')).toMatchObject({ name: 'Phường Cửa Lò Mới' });
	});

	it('moves a unit when its parent changes in the file', async () => {
		const csv = `${HEADER}\nT-601,Xã Con,Xã,commune,40,2`;
		expect(await applyUnitImport(test.db, admin, csv)).toMatchObject({ updated: 1 });
		expect(await unit('T-601')).toMatchObject({ path: '/40/T-601/', level: 2 });
	});
});

describe('an install from nothing', () => {
	let empty: TestDatabase;
	beforeAll(async () => {
		empty = await createTestDatabase();
	});
	afterAll(() => empty.drop());

	it('gets its root unit and first admin from the command line, then the real units file', async () => {
		const root = await createRootUnit(empty.db, null, {
			code: '40',
			name: 'Tỉnh Nghệ An',
			typeVi: 'Tỉnh',
			kind: 'province'
		});
		expect(root).toEqual({ code: '40' });
		const user = await createUser(empty.db, null, {
			username: 'admin',
			role: 'province_admin',
			unitCode: '40',
			displayName: 'Admin',
			password: 'mot-mat-khau-dai'
		});
		expect(user.id).toBeGreaterThan(0);
		const [entry] = await empty.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'unit.create')
			.execute();
		expect(entry).toMatchObject({ actor_id: null, entity_id: '40' });

		const actor: AdminActor = {
			id: user.id,
			username: 'admin',
			role: 'province_admin',
			scopePath: '/40/',
			ip: null
		};
		const file = readFileSync('scripts/seed/data/units-2023.csv', 'utf8');
		const preview = await previewUnitImport(empty.db, actor, file);
		expect(preview.plan.counts).toEqual({
			new: 481,
			changed: 0,
			unchanged: 1,
			error: 0
		});
		const result = await applyUnitImport(empty.db, actor, file);
		expect(result).toMatchObject({ created: 481 });

		const { rows } = await sql<{ total: number; wrong: number; vinh: number }>`
			SELECT count(*)::int AS total,
				count(*) FILTER (WHERE u.parent_id IS NOT NULL
					AND (u.path <> p.path || u.code || '/' OR u.level <> p.level + 1))::int AS wrong,
				count(*) FILTER (WHERE u.path LIKE '/40/412/%')::int AS vinh
			FROM units u LEFT JOIN units p ON p.id = u.parent_id
		`.execute(empty.db);
		expect(rows[0]).toEqual({ total: 482, wrong: 0, vinh: 26 });
		expect(await findUnitByCode(empty.db, '16672')).toMatchObject({
			path: '/40/412/16672/',
			level: 3
		});
		// Twice is once.
		const again = await previewUnitImport(empty.db, actor, file);
		expect(again.plan.counts.unchanged).toBe(482);
	});

	it('refuses a root code that is taken', async () => {
		expect(
			await refusalOf(
				createRootUnit(empty.db, null, { code: '40', name: 'X', typeVi: '', kind: 'province' })
			)
		).toEqual({ status: 400, body: { errors: { code: 'code_taken' } } });
	});
});
