// Reporting areas as a province administrator manages them: a set created from its form, its areas
// and members imported from CSV (refused row by row, all or nothing), a member moved, each audited.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import {
	createAreaSet,
	importAreas,
	loadAreaSet,
	moveMember,
	previewAreaImport
} from '../../src/lib/server/areas/service';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { buildStructure2025 } from './helpers/structure-2025';
import { refusalOf } from './helpers/refusal';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let admin: AdminActor;

const SET = 'DIA-BAN-HUYEN-CU';
const FILE = `area_code,area_name,unit_code,map_codes
412,Thành phố Vinh,16681,412;413
413,Thị xã Cửa Lò,,413
`;

beforeAll(async () => {
	test = await createTestDatabase();
	await buildStructure2025(test.db);
	const user = await test.db
		.insertInto('users')
		.values({
			username: 'admin',
			display_name: 'Quản trị',
			password_hash: 'x',
			role: 'province_admin',
			unit_id: (
				await test.db
					.selectFrom('units')
					.select('id')
					.where('code', '=', '40')
					.executeTakeFirstOrThrow()
			).id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	admin = {
		id: user.id,
		username: 'admin',
		role: 'province_admin',
		scopePath: '/40/',
		ip: '203.0.113.9'
	};
}, 120_000);
afterAll(() => test?.drop());
afterEach(() => expectKeptFiguresFresh(test?.db));

function audit(action: string) {
	return test.db
		.selectFrom('audit_log')
		.select(['entity_id', 'actor_name', 'before', 'after', 'ip', 'unit_id'])
		.where('action', '=', action)
		.orderBy('id')
		.execute();
}

const countRows = async () => {
	const [areas, members] = await Promise.all([
		test.db
			.selectFrom('areas')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow(),
		test.db
			.selectFrom('area_members')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return { areas: Number(areas.n), members: Number(members.n) };
};

describe('area sets', () => {
	it('refuses a set with bad fields, each beside its field', async () => {
		const refusal = await refusalOf(
			createAreaSet(test.db, admin, { code: 'x', nameVi: ' ', nameEn: '', validFrom: '31/02/2025' })
		);
		expect(refusal.status).toBe(400);
		expect(refusal.body).toEqual({
			errors: {
				code: 'code_invalid',
				name_vi: 'required',
				name_en: 'required',
				valid_from: 'date_invalid'
			}
		});
		expect(await test.db.selectFrom('area_sets').selectAll().execute()).toEqual([]);
	});

	it('creates a set valid from a day typed dd/mm/yyyy, audited; its code once only', async () => {
		const input = {
			code: SET,
			nameVi: 'Địa bàn huyện cũ',
			nameEn: 'Former districts',
			validFrom: '01/07/2025'
		};
		await createAreaSet(test.db, admin, input);
		const { set } = await loadAreaSet(test.db, SET);
		expect(set).toMatchObject({
			name_vi: 'Địa bàn huyện cũ',
			valid_from: '2025-07-01',
			valid_to: 'infinity'
		});
		expect(await audit('area_set.create')).toEqual([
			{
				entity_id: SET,
				actor_name: 'admin',
				before: null,
				after: {
					code: SET,
					name_vi: 'Địa bàn huyện cũ',
					name_en: 'Former districts',
					valid_from: '2025-07-01'
				},
				ip: '203.0.113.9',
				unit_id: null
			}
		]);
		const again = await refusalOf(createAreaSet(test.db, admin, input));
		expect(again.body).toEqual({ errors: { code: 'code_taken' } });
	});
});

describe('importing areas and members', () => {
	it('refuses a file with bad rows row by row, and changes nothing', async () => {
		const bad = `area_code,area_name,unit_code,map_codes
412,Thành phố Vinh,16681,412;413
412,Thành phố Vinh,16672,
413,Thị xã Cửa Lò,16681,413
`;
		const refusal = await refusalOf(previewAreaImport(test.db, admin, SET, bad));
		const rows = (refusal.body as { rows: { line: number; problems: string[] }[] }).rows;
		expect(rows.map((row) => [row.line, row.problems])).toEqual([
			[2, ['unit_repeated']],
			// Hưng Bình retired on 01/07/2025: no active unit holds 16672.
			[3, ['unit_unknown']],
			[4, ['unit_repeated']]
		]);
		await refusalOf(importAreas(test.db, admin, SET, bad));
		expect(await countRows()).toEqual({ areas: 0, members: 0 });
		const header = await refusalOf(previewAreaImport(test.db, admin, SET, 'area,unit\n1,2'));
		expect(header.body).toEqual({
			problem: 'header',
			missing: ['area_code', 'area_name', 'unit_code']
		});
	});

	it('previews then imports a clean file in one go, audited', async () => {
		const preview = await previewAreaImport(test.db, admin, SET, FILE);
		expect(preview).toMatchObject({ clean: true, newAreas: 2, members: 1 });
		expect(await importAreas(test.db, admin, SET, FILE)).toEqual({ areas: 2, members: 1 });
		const { areas, members } = await loadAreaSet(test.db, SET);
		expect(areas.map((a) => [a.code, a.name, a.map_codes, a.members])).toEqual([
			['412', 'Thành phố Vinh', ['412', '413'], 1],
			['413', 'Thị xã Cửa Lò', ['413'], 0]
		]);
		expect(members.map((m) => [m.area_code, m.unit_code, m.unit_name])).toEqual([
			['412', '16681', 'Phường Thành Vinh']
		]);
		expect((await audit('area_set.import')).map((e) => e.after)).toEqual([
			{ areas: 2, members: 1 }
		]);
		expect((await audit('area.create')).map((e) => e.entity_id)).toEqual([
			`${SET}/412`,
			`${SET}/413`
		]);
		// The same file again: its unit is already a member, nothing is added.
		const again = await refusalOf(importAreas(test.db, admin, SET, FILE));
		const rows = (again.body as { rows: { problems: string[] }[] }).rows;
		expect(rows[0].problems).toEqual(['unit_already_member']);
		expect(await countRows()).toEqual({ areas: 2, members: 1 });
	});

	it('moves a member to another area (or adds a unit in none), audited', async () => {
		expect(await moveMember(test.db, admin, SET, { unitCode: '16681', areaCode: '413' })).toEqual({
			unit: 'Phường Thành Vinh',
			from: '412',
			to: '413'
		});
		await moveMember(test.db, admin, SET, { unitCode: '17000', areaCode: '413' });
		const { members } = await loadAreaSet(test.db, SET);
		expect(members.map((m) => [m.area_code, m.unit_code])).toEqual([
			['413', '16681'],
			['413', '17000']
		]);
		expect((await audit('area.member_move')).map((e) => [e.before, e.after])).toEqual([
			[
				{ unit: '16681', area: '412' },
				{ unit: '16681', area: '413' }
			],
			[
				{ unit: '17000', area: null },
				{ unit: '17000', area: '413' }
			]
		]);
		const refusal = await refusalOf(
			moveMember(test.db, admin, SET, { unitCode: '16672', areaCode: '999' })
		);
		expect(refusal.body).toEqual({ errors: { unit: 'unit_unknown', area: 'area_unknown' } });
	});

	it('refuses units outside the administrator’s scope', async () => {
		const narrow = { ...admin, scopePath: '/40/412/' };
		const refusal = await refusalOf(
			moveMember(test.db, narrow, SET, { unitCode: '16681', areaCode: '412' })
		);
		expect(refusal.body).toEqual({ errors: { unit: 'unit_out_of_scope' } });
	});
});
