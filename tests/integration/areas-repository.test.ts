// The area repository the seed, the reorganisation import and the admin pages write through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	findAreaByRef,
	insertAreaMembers,
	insertAreaSet,
	insertAreas,
	listAreaMembers,
	listAreaSets,
	listAreasOfSet,
	moveAreaMember
} from '../../src/lib/server/areas/repository';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { buildStructure2025, type Structure2025 } from './helpers/structure-2025';

let test: TestDatabase;
let units: Structure2025;

beforeAll(async () => {
	test = await createTestDatabase();
	units = await buildStructure2025(test.db);
}, 120_000);
afterAll(() => test?.drop());

describe('area repository', () => {
	it('writes a set, its areas and members, and finds an area by SET/AREA', async () => {
		const areas = await test.db.transaction().execute(async (trx) => {
			const setId = await insertAreaSet(trx, {
				code: 'DIA-BAN-HUYEN-CU',
				name_vi: 'Địa bàn huyện cũ',
				name_en: 'Former districts',
				valid_from: '2025-07-01'
			});
			const rows = await insertAreas(trx, setId, [
				{ code: '413', name: 'Thị xã Cửa Lò', map_codes: ['413'] },
				{ code: '412', name: 'Thành phố Vinh', map_codes: ['412', '413'] }
			]);
			await insertAreaMembers(trx, setId, [
				{ areaId: rows[1].id, unitId: units.thanhVinh },
				{ areaId: rows[0].id, unitId: units.newNghiHai }
			]);
			return rows;
		});
		expect(areas.map((a) => a.code)).toEqual(['413', '412']);

		const vinh = await findAreaByRef(test.db, 'DIA-BAN-HUYEN-CU/412');
		expect(vinh).toMatchObject({
			id: areas[1].id,
			name: 'Thành phố Vinh',
			map_codes: ['412', '413'],
			set_code: 'DIA-BAN-HUYEN-CU'
		});
		expect(await findAreaByRef(test.db, 'DIA-BAN-HUYEN-CU/999')).toBeUndefined();
		expect(await findAreaByRef(test.db, 'DIA-BAN-HUYEN-CU')).toBeUndefined();

		const [set] = await listAreaSets(test.db);
		expect(set).toMatchObject({ code: 'DIA-BAN-HUYEN-CU', valid_from: '2025-07-01', areas: 2 });
		expect(set.members).toBe(2);
		const listed = await listAreasOfSet(test.db, set.id);
		expect(listed.map((a) => [a.code, a.members])).toEqual([
			['412', 1],
			['413', 1]
		]);
	});

	it('keeps a unit in one area of a set, and moves it', async () => {
		const vinh = (await findAreaByRef(test.db, 'DIA-BAN-HUYEN-CU/412'))!;
		const cuaLo = (await findAreaByRef(test.db, 'DIA-BAN-HUYEN-CU/413'))!;
		await expect(
			test.db
				.transaction()
				.execute((trx) =>
					insertAreaMembers(trx, vinh.area_set_id, [{ areaId: vinh.id, unitId: units.newNghiHai }])
				)
		).rejects.toThrow();
		const left = await test.db
			.transaction()
			.execute((trx) => moveAreaMember(trx, vinh.area_set_id, units.newNghiHai, vinh.id));
		expect(left).toBe(cuaLo.id);
		const members = await listAreaMembers(test.db, vinh.area_set_id);
		expect(members.map((m) => [m.area_code, m.unit_code, m.unit_name])).toEqual([
			['412', '16681', 'Phường Thành Vinh'],
			['412', '17000', 'Phường Nghi Hải']
		]);
	});
});
