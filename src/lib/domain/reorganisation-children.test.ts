// Units below communes (agencies, enterprises, schools) in a reorganisation: they follow their
// commune's full successor, the first unit a split commune goes into unless the file places them,
// and the preview counts them by where they go.
import { describe, expect, it } from 'vitest';
import {
	groupHanging,
	parentsFirst,
	parseReorganisationFile,
	planReorganisation,
	type PlanContext,
	type SnapshotUnit
} from './reorganisation';

const HEADER = 'new_code,new_name,new_type_vi,new_kind,old_code,old_name,part,new_parent_code';

/** Province 40 with wards 1 and 2 and commune 3; a school and an agency under 2, a school and an
 * enterprise under 3. */
function snapshot(): SnapshotUnit[] {
	const units: SnapshotUnit[] = [];
	const add = (id: number, code: string, name: string, kind: string, parentCode?: string) => {
		const parent = units.find((unit) => unit.code === parentCode);
		units.push({
			id,
			code,
			name,
			typeVi: name.split(' ')[0],
			kind,
			parentId: parent?.id ?? null,
			path: `${parent?.path ?? '/'}${code}/`,
			level: (parent?.level ?? 0) + 1,
			active: true,
			changedLater: false
		});
	};
	add(1, '40', 'Tỉnh Nghệ An', 'province');
	add(11, '1', 'Phường Một', 'ward', '40');
	add(12, '2', 'Phường Hai', 'ward', '40');
	add(13, '3', 'Xã Ba', 'commune', '40');
	add(21, 'TH2', 'Trường Hai', 'school', '2');
	add(22, 'CA2', 'Cơ quan Hai', 'agency', '2');
	add(31, 'TH3', 'Trường Ba', 'school', '3');
	add(32, 'DN3', 'Công ty Ba', 'enterprise', '3');
	return units;
}

/** The plan of a mapping's rows; `changedLater`: units with a change on or after the date. */
function plan(lines: string[], changedLater: string[] = []) {
	const units = snapshot().map((unit) => ({
		...unit,
		changedLater: changedLater.includes(unit.code)
	}));
	const context: PlanContext = {
		effectiveOn: '2026-07-01',
		units,
		activeCodes: new Map(units.map((unit) => [unit.code, unit.id])),
		scopePath: '/40/',
		users: [{ username: 'officer.th2', role: 'ward_officer', unitId: 21 }],
		campaigns: [{ code: 'PT', appliesTo: ['ward', 'commune', 'school', 'agency', 'enterprise'] }],
		scopes: {},
		areaRefs: new Set()
	};
	const parsed = parseReorganisationFile([HEADER, ...lines].join('\n'));
	if (!parsed.ok) throw new Error(parsed.problem);
	return planReorganisation(parsed, context, { fileName: 'f.csv', sha256: 'x' });
}

const MERGER = [
	'2,Phường Hai Mới,Phường,ward,1,Phường Một,full,',
	'2,Phường Hai Mới,Phường,ward,2,Phường Hai,full,'
];
const SPLIT = ['5,Xã Năm,Xã,commune,3,Xã Ba,partial,', '6,Phường Sáu,Phường,ward,3,Xã Ba,partial,'];

describe('units below a commune that leaves', () => {
	it('follow a commune merged in full into its successor; their officers keep their unit', () => {
		const result = plan(MERGER);
		expect(result.errors).toEqual([]);
		expect(result.hanging).toEqual([
			{
				code: 'TH2',
				name: 'Trường Hai',
				kind: 'school',
				from: { code: '2', name: 'Phường Hai' },
				to: { code: '2', name: 'Phường Hai Mới' },
				follows: 'successor'
			},
			{
				code: 'CA2',
				name: 'Cơ quan Hai',
				kind: 'agency',
				from: { code: '2', name: 'Phường Hai' },
				to: { code: '2', name: 'Phường Hai Mới' },
				follows: 'successor'
			}
		]);
		expect(result.counts.hanging).toBe(2);
		expect(result.users).toEqual([]);
		expect(result.counts.usersWithoutScope).toBe(0);
	});

	it('go to the first unit a split commune goes into, as the file lists them', () => {
		const result = plan(SPLIT);
		expect(result.hanging.map((unit) => [unit.code, unit.to.code, unit.follows])).toEqual([
			['TH3', '5', 'first_of_split'],
			['DN3', '5', 'first_of_split']
		]);
		const reversed = plan([SPLIT[1], SPLIT[0]]);
		expect(reversed.hanging.map((unit) => unit.to)).toEqual([
			{ code: '6', name: 'Phường Sáu' },
			{ code: '6', name: 'Phường Sáu' }
		]);
	});

	it('go where the file places them, even under a new unit of the file', () => {
		const result = plan([...SPLIT, 'TH3,Trường Ba,Trường,school,TH3,Trường Ba,full,6']);
		expect(result.errors).toEqual([]);
		expect(result.hanging.map((unit) => unit.code)).toEqual(['DN3']);
		expect(result.moved).toEqual([
			{
				code: 'TH3',
				name: 'Trường Ba',
				parentBefore: { code: '3', name: 'Xã Ba' },
				parentAfter: { code: '6', name: 'Phường Sáu' }
			}
		]);
	});

	it('move when placed under the new unit that takes their old commune’s code', () => {
		const result = plan([...MERGER, 'TH2,Trường Hai,Trường,school,TH2,Trường Hai,full,2']);
		expect(result.errors).toEqual([]);
		expect(result.moved.map((unit) => [unit.code, unit.parentAfter])).toEqual([
			['TH2', { code: '2', name: 'Phường Hai Mới' }]
		]);
		expect(result.hanging.map((unit) => unit.code)).toEqual(['CA2']);
	});

	it('cannot be placed under a unit that leaves, nor under a loop of new units', () => {
		const underLeaving = plan([...SPLIT, 'TH3,Trường Ba,Trường,school,TH3,Trường Ba,full,3']);
		expect(underLeaving.errors).toEqual([
			{ line: 4, code: 'TH3', problem: 'parent_not_found', detail: { code: '3' } }
		]);
		const loop = plan([
			'7,Xã Bảy,Xã,commune,1,Phường Một,full,8',
			'8,Xã Tám,Xã,commune,2,Phường Hai,full,7'
		]);
		expect(loop.errors.map((error) => [error.line, error.problem])).toEqual([
			[2, 'parent_not_found'],
			[3, 'parent_not_found']
		]);
	});
});

describe('a unit below with a later change', () => {
	it('refuses the file, naming the unit, when it would move with its commune', () => {
		const result = plan(MERGER, ['TH2', 'TH3']);
		expect(result.errors).toEqual([
			{ line: 0, code: 'TH2', problem: 'below_changed_later', detail: { date: '01/07/2026' } }
		]);
		// The file placing it: the usual refusal of a listed unit, on its line.
		const placed = plan([...SPLIT, 'TH3,Trường Ba,Trường,school,TH3,Trường Ba,full,6'], ['TH3']);
		expect(placed.errors.map((error) => [error.line, error.code, error.problem])).toEqual([
			[4, 'TH3', 'changed_later']
		]);
	});
});

describe('what the preview says of them', () => {
	it('counts them by where they go, a split apart from a merger', () => {
		const result = plan([...MERGER, ...SPLIT]);
		expect(groupHanging(result.hanging)).toEqual([
			{ to: { code: '2', name: 'Phường Hai Mới' }, follows: 'successor', split: null, count: 2 },
			{
				to: { code: '5', name: 'Xã Năm' },
				follows: 'first_of_split',
				split: { code: '3', name: 'Xã Ba' },
				count: 2
			}
		]);
		expect(groupHanging([])).toEqual([]);
	});
});

describe('writing the new units', () => {
	it('creates a new unit placed under another new unit after it', () => {
		const order = parentsFirst([
			{ code: 'C', parentCode: 'B' },
			{ code: 'B', parentCode: 'A' },
			{ code: 'A', parentCode: '40' },
			{ code: 'D', parentCode: '40' }
		]);
		expect(order.map((unit) => unit.code)).toEqual(['A', 'D', 'B', 'C']);
	});
});
