import { describe, expect, it } from 'vitest';
import { absorbedDistricts, formerDistrictAreas } from './former-districts';
import { loadMapping, loadNgheAnUnits, type UnitRecord } from './reference';

const unit = (code: string, parentCode: string | null, level: number): UnitRecord => ({
	code,
	name: `Đơn vị ${code}`,
	typeVi: level === 2 ? 'Huyện' : 'Xã',
	kind: level === 2 ? 'district' : 'commune',
	parentCode,
	level
});

describe('the former districts of a reorganisation', () => {
	const earlier = [
		unit('40', null, 1),
		unit('412', '40', 2),
		unit('413', '40', 2),
		unit('420', '40', 2),
		unit('1', '412', 3),
		unit('2', '413', 3),
		unit('3', '413', 3),
		unit('4', '420', 3),
		unit('5', '420', 3)
	];
	// 413 is gone: its units now lie in 412; unit 3 retired.
	const later = [
		unit('40', null, 1),
		unit('412', '40', 2),
		unit('420', '40', 2),
		unit('1', '412', 3),
		unit('2', '412', 3),
		unit('4', '420', 3),
		unit('5', '420', 3)
	];

	it('finds where a district that disappeared went', () => {
		expect(absorbedDistricts(earlier, later)).toEqual(new Map([['413', '412']]));
	});

	it('puts each new unit where most of its predecessors lay, ties to the lowest code', () => {
		const areas = formerDistrictAreas(earlier, later, [
			{ newCode: '1', newName: 'A', oldCode: '1', part: 'full' },
			{ newCode: '1', newName: 'A', oldCode: '2', part: 'full' },
			{ newCode: '1', newName: 'A', oldCode: '4', part: 'full' },
			{ newCode: '5', newName: 'B', oldCode: '5', part: 'full' },
			{ newCode: '5', newName: 'B', oldCode: '4', part: 'partial' },
			{ newCode: '9', newName: 'C', oldCode: '2', part: 'partial' },
			{ newCode: '9', newName: 'C', oldCode: '5', part: 'partial' }
		]);
		expect(areas).toEqual([
			{ code: '412', name: 'Đơn vị 412', mapCodes: ['412', '413'], members: ['1', '9'] },
			{ code: '420', name: 'Đơn vị 420', mapCodes: ['420'], members: ['5'] }
		]);
	});

	it('gives Nghệ An 20 areas over the 130 units of 01/07/2025, Vinh drawn with Cửa Lò', () => {
		const areas = formerDistrictAreas(
			loadNgheAnUnits(),
			loadNgheAnUnits('units-2025-03.csv'),
			loadMapping()
		);
		expect(areas).toHaveLength(20);
		expect(areas.flatMap((area) => area.members)).toHaveLength(130);
		const vinh = areas.find((area) => area.code === '412')!;
		expect(vinh.mapCodes).toEqual(['412', '413']);
		expect(vinh.members).toContain('16681');
		expect(areas.filter((area) => area.mapCodes.length === 1)).toHaveLength(19);
	});
});
