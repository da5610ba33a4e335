import { describe, expect, it } from 'vitest';
import {
	areaImportIsClean,
	newAreasOf,
	parseAreaImport,
	validateAreaRows,
	type AreaImportLookups
} from './area-import';

const FILE = `area_code,area_name,unit_code,map_codes
412,Thành phố Vinh,16681,412;413
412,,16678,
413,Thị xã Cửa Lò,17000,413
`;

const lookups = (change: Partial<AreaImportLookups> = {}): AreaImportLookups => ({
	units: new Map([
		['16681', { id: 1, path: '/40/16681/' }],
		['16678', { id: 2, path: '/40/16678/' }],
		['17000', { id: 3, path: '/40/17000/' }],
		['99', { id: 9, path: '/41/99/' }]
	]),
	scopePath: '/40/',
	areas: new Map(),
	members: new Set(),
	...change
});

function judged(text: string, change: Partial<AreaImportLookups> = {}) {
	const parsed = parseAreaImport(text);
	if (!parsed.ok) throw new Error(parsed.problem);
	return validateAreaRows(parsed.rows, lookups(change));
}

describe('parseAreaImport', () => {
	it('reads the rows with their line numbers and map codes', () => {
		const parsed = parseAreaImport(FILE);
		expect(parsed).toMatchObject({
			ok: true,
			rows: [
				{ line: 2, areaCode: '412', unitCode: '16681', mapCodes: ['412', '413'] },
				{ line: 3, areaCode: '412', areaName: '', mapCodes: [] },
				{ line: 4, areaCode: '413', areaName: 'Thị xã Cửa Lò' }
			]
		});
	});

	it('refuses a file without its columns, or without rows', () => {
		expect(parseAreaImport('area,unit\n1,2')).toEqual({
			ok: false,
			problem: 'header',
			missing: ['area_code', 'area_name', 'unit_code']
		});
		expect(parseAreaImport('area_code,area_name,unit_code\n')).toEqual({
			ok: false,
			problem: 'empty'
		});
		expect(parseAreaImport('')).toEqual({ ok: false, problem: 'empty' });
	});
});

describe('validateAreaRows', () => {
	it('accepts a clean file, filling blank names from the area’s first row', () => {
		const rows = judged(FILE);
		expect(rows.map((row) => row.problems)).toEqual([[], [], []]);
		expect(rows[1].areaName).toBe('Thành phố Vinh');
		expect(areaImportIsClean(rows)).toBe(true);
		expect(newAreasOf(rows, new Set())).toEqual([
			{ code: '412', name: 'Thành phố Vinh', map_codes: ['412', '413'] },
			{ code: '413', name: 'Thị xã Cửa Lò', map_codes: ['413'] }
		]);
	});

	it('refuses each bad row with its reasons', () => {
		const rows = judged(
			`area_code,area_name,unit_code,map_codes
412,Thành phố Vinh,16681,412
412,TP Vinh,16681,
bad code!,X,00000,a b
,,99,
413,Thị xã Cửa Lò,17000,413`,
			{ members: new Set([3]) }
		);
		expect(rows.map((row) => row.problems)).toEqual([
			['unit_repeated'],
			['area_name_conflict', 'unit_repeated'],
			['area_code_invalid', 'map_code_invalid', 'unit_unknown'],
			['area_code_invalid', 'area_name_empty', 'unit_out_of_scope'],
			['unit_already_member']
		]);
		expect(areaImportIsClean(rows)).toBe(false);
	});

	it('adds members to an area the set already has, under its own name', () => {
		const existing = { areas: new Map([['412', { name: 'Thành phố Vinh' }]]) };
		const rows = judged('area_code,area_name,unit_code\n412,,16681\n412,Vinh,16678', existing);
		expect(rows.map((row) => row.problems)).toEqual([[], ['area_name_conflict']]);
		expect(newAreasOf([rows[0]], new Set(['412']))).toEqual([]);
	});
});
