// The reorganisation import on the real registry: the 01/01/2025 changes turn the 2023 registry
// into the 01/03/2025 one (460 → 412), then the 01/07/2025 mapping makes the 130 units directly
// under the province, with lineage, users following their unit, open assessments superseded, units
// hanging under a disappearing unit moved; the same file again changes nothing; a wrong file
// changes nothing and is refused row by row.
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReorganisationPlan } from '../../src/lib/domain/reorganisation';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import type { Database } from '../../src/lib/server/db/schema';
import { applyReorganisation, previewReorganisation } from '../../src/lib/server/units/reorganise';
import type { TestDatabase } from './helpers/database';
import { refusalOf } from './helpers/refusal';
import { insertCampaignPeriod, insertUser, registryDatabase, unitNow } from './helpers/reorganise';
import { expectKeptFiguresFresh } from './helpers/kept';

const data = (name: string) => readFileSync(`scripts/seed/data/${name}`, 'utf8');
const REGISTRY_2023 = data('units-2023.csv');
const REGISTRY_2025 = data('units-2025-03.csv');
const CHANGES = data('changes-2025-01-01.csv');
const MAPPING = data('reorganisation-2025-07-01.csv');
const COMMUNE_LEVEL = ['ward', 'commune', 'township'];

async function countActive(db: Kysely<Database>, kinds: string[], parentCode?: string) {
	let query = db
		.selectFrom('units')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('status', '=', 'active')
		.where('kind', 'in', kinds as never[]);
	if (parentCode)
		query = query.where(sql<boolean>`path = '/' || ${parentCode} || '/' || code || '/'`);
	return (await query.executeTakeFirstOrThrow()).n;
}

/** Everything a reorganisation could write, to show that a refused one wrote nothing. */
async function footprint(db: Kysely<Database>) {
	const count = async (table: string) =>
		(await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db))
			.rows[0].n;
	return {
		units: await count('units'),
		versions: await count('unit_versions'),
		links: await count('unit_links'),
		reorganisations: await count('reorganisations'),
		audit: await count('audit_log'),
		active: await countActive(db, COMMUNE_LEVEL),
		users: (await db.selectFrom('users').select(['username', 'unit_id']).orderBy('id').execute())
			.map((u) => `${u.username}:${u.unit_id}`)
			.join(',')
	};
}

describe('the real 2025 files applied to the 2023 registry', () => {
	let test: TestDatabase;
	let admin: AdminActor;
	let db: Kysely<Database>;
	let campaignReady: ReturnType<typeof insertCampaignPeriod>;

	beforeAll(async () => {
		({ test, admin } = await registryDatabase(REGISTRY_2023));
		db = test.db;
		campaignReady = insertCampaignPeriod(
			db,
			'CAP-DHKM',
			['ward'],
			[
				{ label: '2025-Q2', startsOn: '2025-04-01', endsOn: '2025-06-30' },
				{ label: '2025-Q3', startsOn: '2025-07-01', endsOn: '2025-09-30' }
			]
		);
		await campaignReady;
	}, 180_000);
	afterAll(() => test.drop());
	afterEach(() => expectKeptFiguresFresh(db));

	it('previews the 01/01/2025 changes: renamed, moved, retired, kinds changed', async () => {
		const plan = await previewReorganisation(db, admin, {
			fileName: 'changes-2025-01-01.csv',
			text: CHANGES,
			effectiveOn: '2025-01-01'
		});
		expect(plan.format).toBe('changes');
		expect(plan.errors).toEqual([]);
		expect(plan.counts).toMatchObject({ retired: 49, moved: 11, created: 0, merged: 0 });
		expect(plan.retired.map((unit) => unit.code)).toContain('413');
		expect(plan.renamed.find((unit) => unit.code === '16702')).toEqual({
			code: '16702',
			before: { name: 'Xã Nghi Phú', typeVi: 'Xã', kind: 'commune' },
			after: { name: 'Phường Nghi Phú', typeVi: 'Phường', kind: 'ward' }
		});
		expect(plan.moved.find((unit) => unit.code === '16717')).toMatchObject({
			parentBefore: { code: '413' },
			parentAfter: { code: '412' }
		});
		expect(plan.hanging).toEqual([]);
		expect(plan.emptied).toEqual([]);
		// A commune that becomes a ward joins the ward-police campaign.
		expect(plan.campaigns).toContainEqual({
			code: '16702',
			name: 'Phường Nghi Phú',
			kindBefore: 'commune',
			kindAfter: 'ward',
			joins: ['CAP-DHKM'],
			leaves: []
		});
	});

	it('applies them: 412 commune-level units, the registry of 01/03/2025', async () => {
		const result = await applyReorganisation(db, admin, {
			fileName: 'changes-2025-01-01.csv',
			text: CHANGES,
			effectiveOn: '2025-01-01'
		});
		expect(result.alreadyApplied).toBe(false);
		expect(await countActive(db, COMMUNE_LEVEL)).toBe(412);
		expect(await countActive(db, ['city', 'town', 'district'])).toBe(20);
		const active = await db
			.selectFrom('units')
			.leftJoin('units as parent', 'parent.id', 'units.parent_id')
			.select(['units.code', 'units.name', 'units.type_vi', 'units.kind', 'parent.code as parent'])
			.where('units.status', '=', 'active')
			.orderBy('units.code')
			.execute();
		const expected = REGISTRY_2025.trim()
			.split(/\r?\n/)
			.slice(1)
			.map((line) => line.split(','))
			.map(([code, name, type_vi, kind, parent]) => ({
				code,
				name,
				type_vi,
				kind,
				parent: parent || null
			}))
			.sort((a, b) => (a.code < b.code ? -1 : 1));
		expect(active).toEqual(expected);
		// The structure of 2024 is still there: Cửa Lò and its wards on 31/12/2024.
		const before = await db
			.selectFrom('unit_versions as v')
			.select(['v.code', 'v.path'])
			.where('v.code', '=', '16717')
			.where(sql<boolean>`v.valid_from <= '2024-12-31' AND '2024-12-31' < v.valid_to`)
			.executeTakeFirstOrThrow();
		expect(before.path).toBe('/40/413/16717/');
	});

	describe('then the 01/07/2025 mapping', () => {
		const input = {
			fileName: 'reorganisation-2025-07-01.csv',
			text: MAPPING,
			effectiveOn: '2025-07-01'
		};
		let campaign: Awaited<ReturnType<typeof insertCampaignPeriod>>;

		beforeAll(async () => {
			await insertUser(db, 'officer.hungbinh', 'ward_officer', '16672');
			await insertUser(db, 'officer.hoason', 'ward_officer', '17647');
			await insertUser(db, 'reviewer.vinh', 'district_reviewer', '412');
			// An agency under Vinh and a school under Phường Hưng Bình: kinds the file does not list.
			for (const [code, parent, kind] of [
				['CA-412', '412', 'agency'],
				['TH-16672', '16672', 'school']
			]) {
				const up = await unitNow(db, parent);
				await db
					.insertInto('units')
					.values({
						code,
						name: `Đơn vị ${code}`,
						kind: kind as never,
						parent_id: up.id,
						level: up.level + 1,
						path: `${up.path}${code}/`
					})
					.execute();
				await sql`INSERT INTO unit_versions (unit_id, code, name, type_vi, kind, parent_id, level, path)
					SELECT id, code, name, type_vi, kind, parent_id, level, path FROM units WHERE code = ${code}`.execute(
					db
				);
			}
			campaign = await campaignReady;
			const hungBinh = await unitNow(db, '16672');
			await db
				.insertInto('assessments')
				.values([
					{
						unit_id: hungBinh.id,
						campaign_id: campaign.campaignId,
						period_id: campaign.periods['2025-Q2'],
						criteria_set_id: campaign.setId,
						status: 'submitted',
						submitted_at: '2025-06-20T00:00:00Z'
					},
					{
						unit_id: hungBinh.id,
						campaign_id: campaign.campaignId,
						period_id: campaign.periods['2025-Q3'],
						criteria_set_id: campaign.setId,
						status: 'draft'
					}
				])
				.execute();
		});

		let plan: ReorganisationPlan;
		it('previews every consequence with counts and rows', async () => {
			plan = await previewReorganisation(db, admin, input);
			expect(plan.format).toBe('mapping');
			expect(plan.errors).toEqual([]);
			expect(plan.counts).toMatchObject({
				created: 121,
				split: 2,
				merged: 410 - 9,
				moved: 9,
				renamed: 1,
				emptied: 20,
				retired: 0,
				hanging: 2,
				users: 3,
				usersWithoutScope: 2,
				assessments: 1
			});
			expect(plan.split).toContainEqual({
				code: '17647',
				name: 'Xã Hòa Sơn',
				into: [
					{ code: '17357', name: 'Xã Vĩnh Tường' },
					{ code: '17677', name: 'Xã Văn Hiến' }
				]
			});
			expect(plan.hanging).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ code: 'CA-412', to: { code: '40', name: 'Tỉnh Nghệ An' } }),
					expect.objectContaining({
						code: 'TH-16672',
						to: { code: '16681', name: 'Phường Thành Vinh' }
					})
				])
			);
			expect(plan.users).toEqual([
				expect.objectContaining({ username: 'officer.hoason', to: null }),
				expect.objectContaining({
					username: 'officer.hungbinh',
					to: { code: '16681', name: 'Phường Thành Vinh' }
				}),
				expect.objectContaining({ username: 'reviewer.vinh', to: null })
			]);
			expect(plan.assessments).toEqual([
				expect.objectContaining({ unitCode: '16672', periodLabel: '2025-Q3', status: 'draft' })
			]);
		});

		it('refuses to apply while users have no scope, writing nothing', async () => {
			const before = await footprint(db);
			const refused = await refusalOf(applyReorganisation(db, admin, input));
			expect(refused.status).toBe(400);
			expect((refused.body as { plan: ReorganisationPlan }).plan.counts.usersWithoutScope).toBe(2);
			expect(await footprint(db)).toEqual(before);
		});

		it('applies it: 130 units under the province, 20 districts retired, lineage, users, assessments', async () => {
			const result = await applyReorganisation(db, admin, {
				...input,
				scopes: {
					'reviewer.vinh': { unitCode: '40' },
					'officer.hoason': { unitCode: '17357' }
				}
			});
			expect(result.alreadyApplied).toBe(false);
			expect(await countActive(db, COMMUNE_LEVEL, '40')).toBe(130);
			expect(await countActive(db, COMMUNE_LEVEL)).toBe(130);
			expect(await countActive(db, ['commune'])).toBe(119);
			expect(await countActive(db, ['ward'])).toBe(11);
			expect(await countActive(db, ['city', 'town', 'district'])).toBe(0);
			const retiredDistricts = await db
				.selectFrom('units')
				.select(sql<number>`count(*)::int`.as('n'))
				.where('kind', 'in', ['city', 'town', 'district'])
				.where('retired_on', '=', '2025-07-01')
				.executeTakeFirstOrThrow();
			expect(retiredDistricts.n).toBe(20);
			// Every mapping row is a lineage row: 405 links, and 9 units that continue (moved).
			const links = await db
				.selectFrom('unit_links')
				.select(['part', sql<number>`count(*)::int`.as('n')])
				.where('reorganisation_id', '=', result.id)
				.groupBy('part')
				.orderBy('part')
				.execute();
			expect(links).toEqual([
				{ part: 'full', n: 401 },
				{ part: 'partial', n: 4 }
			]);
			const continuing = await db
				.selectFrom('unit_versions')
				.select(sql<number>`count(DISTINCT unit_id)::int`.as('n'))
				.where('valid_from', '=', '2025-07-01')
				.where('code', 'in', [
					'16804',
					'16816',
					'16819',
					'16822',
					'16828',
					'16831',
					'16885',
					'16906',
					'17230'
				])
				.executeTakeFirstOrThrow();
			expect(continuing.n).toBe(9);
			// 16681: Phường Quang Trung until 30/06/2025, Phường Thành Vinh since, two units.
			const holders = await db
				.selectFrom('units')
				.select(['name', 'status', 'retired_on', 'established_on', 'merged_into_id', 'id'])
				.where('code', '=', '16681')
				.orderBy('id')
				.execute();
			expect(holders.map((u) => [u.name, u.status])).toEqual([
				['Phường Quang Trung', 'retired'],
				['Phường Thành Vinh', 'active']
			]);
			expect(holders[0].merged_into_id).toBe(holders[1].id);
			expect(holders[1].established_on).toBe('2025-07-01');
			// Users: followed the unit merged in full, or took the scope given.
			const scopes = await db
				.selectFrom('users')
				.innerJoin('units', 'units.id', 'users.unit_id')
				.select(['users.username', 'units.code', 'units.name', 'units.status'])
				.where('users.username', 'in', ['officer.hungbinh', 'officer.hoason', 'reviewer.vinh'])
				.orderBy('users.username')
				.execute();
			expect(scopes).toEqual([
				{ username: 'officer.hoason', code: '17357', name: 'Xã Vĩnh Tường', status: 'active' },
				{
					username: 'officer.hungbinh',
					code: '16681',
					name: 'Phường Thành Vinh',
					status: 'active'
				},
				{ username: 'reviewer.vinh', code: '40', name: 'Tỉnh Nghệ An', status: 'active' }
			]);
			// Open assessments of periods ending on or after the date are superseded; older ones stay.
			const assessments = await db
				.selectFrom('assessments')
				.innerJoin('periods', 'periods.id', 'assessments.period_id')
				.select([
					'periods.label',
					'assessments.status',
					'assessments.superseded_from',
					'assessments.superseded_reason'
				])
				.orderBy('periods.label')
				.execute();
			expect(assessments).toEqual([
				{ label: '2025-Q2', status: 'submitted', superseded_from: null, superseded_reason: null },
				{
					label: '2025-Q3',
					status: 'superseded',
					superseded_from: 'draft',
					superseded_reason: 'Sắp xếp đơn vị từ 01/07/2025 (reorganisation-2025-07-01.csv)'
				}
			]);
			// Hanging units moved to the successor, or to the province for an emptied district.
			expect((await unitNow(db, 'TH-16672')).path).toBe('/40/16681/TH-16672/');
			expect((await unitNow(db, 'CA-412')).path).toBe('/40/CA-412/');
			// One audit entry names the reorganisation and its counts, beside the rows' entries.
			const audit = await db
				.selectFrom('audit_log')
				.select(['action', sql<number>`count(*)::int`.as('n')])
				.where('reason', 'like', `reorganisation #${result.id} %`)
				.groupBy('action')
				.orderBy('action')
				.execute();
			expect(Object.fromEntries(audit.map((row) => [row.action, row.n]))).toMatchObject({
				'unit.create': 121,
				'unit.retire': 403 + 20,
				'user.move': 3
			});
			const summary = await db
				.selectFrom('audit_log')
				.select('after')
				.where('action', '=', 'unit.reorganise')
				.where('entity_id', '=', String(result.id))
				.executeTakeFirstOrThrow();
			const superseded = await db
				.selectFrom('audit_log')
				.select(['before', 'after'])
				.where('action', '=', 'assessment.supersede')
				.execute();
			expect(superseded).toEqual([
				{
					before: { status: 'draft' },
					after: { status: 'superseded', superseded_on: '2025-07-01' }
				}
			]);
			expect(summary.after).toMatchObject({
				created: 121,
				emptied: 20,
				split: 2,
				effective_on: '2025-07-01'
			});
		});

		it('recognises the same file again: changes nothing and says so', async () => {
			const before = await footprint(db);
			const preview = await previewReorganisation(db, admin, input);
			expect(preview.applied).toMatchObject({ counts: { created: 121 } });
			const again = await applyReorganisation(db, admin, input);
			expect(again.alreadyApplied).toBe(true);
			expect(await footprint(db)).toEqual(before);
		});

		it('keeps the structure of 30/06/2025 readable: 412 units under 20 districts', async () => {
			const rows = await db
				.selectFrom('unit_versions as v')
				.select(['v.kind', sql<number>`count(*)::int`.as('n')])
				.where(sql<boolean>`v.valid_from <= '2025-06-30' AND '2025-06-30' < v.valid_to`)
				.where('v.kind', 'in', ['ward', 'commune', 'township', 'city', 'town', 'district'])
				.groupBy('v.kind')
				.execute();
			const total = (kinds: string[]) =>
				rows.filter((row) => kinds.includes(row.kind)).reduce((sum, row) => sum + row.n, 0);
			expect(total(COMMUNE_LEVEL)).toBe(412);
			expect(total(['city', 'town', 'district'])).toBe(20);
		});
	});
});

describe('a file that contradicts the structure', () => {
	let test: TestDatabase;
	let admin: AdminActor;

	beforeAll(async () => {
		({ test, admin } = await registryDatabase(REGISTRY_2025));
	}, 180_000);
	afterAll(() => test.drop());

	const header = 'new_code,new_name,new_type_vi,new_kind,old_code,old_name,part';

	it('is refused row by row, and nothing changes', async () => {
		const text = [
			header,
			'16681,Phường Thành Vinh,Phường,ward,16681,Phường Quang Trung,full',
			'16681,Phường Thành Vinh,Phường,ward,99999,Phường Không Có,full',
			'16681,Phường Thành Vinh,Phường,ward,16669,Phường Lê Lai,full',
			'16690,Phường Trường Vinh,Phường,ward,16690,Phường Trường Thi,full',
			'16690,Phường Trường Vinh,Phường,ward,16669,Phường Lê Lợi,full',
			'X-1,Xã Mới,Xã,commune,17647,Xã Hòa Sơn,partial',
			'16702,Phường Vinh Phú,Phường,hamlet,16702,Phường Nghi Phú,full',
			'16708,Phường Vinh Lộc,Phường,ward,16672,Phường Hưng Bình,full'
		].join('\n');
		const before = await footprint(test.db);
		const refused = await refusalOf(
			applyReorganisation(test.db, admin, {
				fileName: 'wrong.csv',
				text,
				effectiveOn: '2025-07-01'
			})
		);
		expect(refused.status).toBe(400);
		const { plan } = refused.body as { plan: ReorganisationPlan };
		expect(plan.errors.map((error) => [error.line, error.code, error.problem])).toEqual([
			[3, '99999', 'old_not_active'],
			[4, '16669', 'old_name_mismatch'],
			[6, '16669', 'full_in_two'],
			[7, '17647', 'partial_in_one'],
			[8, '16702', 'kind_unknown'],
			[9, '16672', 'code_held']
		]);
		expect(plan.errors[1].detail).toEqual({ expected: 'Phường Lê Lợi' });
		expect(await footprint(test.db)).toEqual(before);
	});

	it('refuses a bad date and an unreadable file', async () => {
		const badDate = await refusalOf(
			previewReorganisation(test.db, admin, {
				fileName: 'x.csv',
				text: MAPPING,
				effectiveOn: '2025-02-30'
			})
		);
		expect(badDate).toEqual({ status: 400, body: { errors: { effectiveOn: 'date_invalid' } } });
		const unreadable = await refusalOf(
			previewReorganisation(test.db, admin, {
				fileName: 'x.csv',
				text: 'a,b\n1,2\n',
				effectiveOn: '2025-07-01'
			})
		);
		expect(unreadable).toEqual({ status: 400, body: { problem: 'unknown_format', missing: [] } });
	});

	it('refuses a unit with changes after the date', async () => {
		const text = `${header}\n16804,Xã Châu Bình,Xã,commune,16804,Xã Châu Bình,full\n`;
		await applyReorganisation(test.db, admin, {
			fileName: 'later.csv',
			text,
			effectiveOn: '2025-09-01'
		});
		const refused = await refusalOf(
			applyReorganisation(test.db, admin, {
				fileName: 'earlier.csv',
				text,
				effectiveOn: '2025-07-01'
			})
		);
		const { plan } = refused.body as { plan: ReorganisationPlan };
		expect(plan.errors).toEqual([
			{ line: 2, code: '16804', problem: 'changed_later', detail: { date: '01/07/2025' } }
		]);
	});

	it('refuses an administrator below the province', async () => {
		const refused = await refusalOf(
			previewReorganisation(
				test.db,
				{ ...admin, scopePath: '/40/412/' },
				{
					fileName: 'x.csv',
					text: MAPPING,
					effectiveOn: '2025-07-01'
				}
			)
		);
		expect(refused.status).toBe(403);
	});
});
