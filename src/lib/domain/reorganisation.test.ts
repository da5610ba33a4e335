import { describe, expect, it } from 'vitest';
import {
	dayBefore,
	displayDate,
	parseReorganisationFile,
	planIsReady,
	planReorganisation,
	typeOfName,
	type PlanContext,
	type SnapshotUnit
} from './reorganisation';

const MAPPING_HEADER = 'new_code,new_name,new_type_vi,new_kind,old_code,old_name,part';
const CHANGES_HEADER = 'code,name_before,parent_before,change,name_after,parent_after,kind_after';

/** A province 40 with two districts; 412 holds wards 1–3 and an agency, 413 holds commune 4. */
function snapshot(): SnapshotUnit[] {
	const unit = (
		id: number,
		code: string,
		name: string,
		kind: string,
		parent: { id: number; path: string } | null
	): SnapshotUnit => ({
		id,
		code,
		name,
		typeVi: name.split(' ')[0],
		kind,
		parentId: parent?.id ?? null,
		path: `${parent?.path ?? '/'}${code}/`,
		level: parent ? parent.path.split('/').length - 1 : 1,
		active: true,
		changedLater: false
	});
	const province = unit(1, '40', 'Tỉnh Nghệ An', 'province', null);
	const vinh = unit(2, '412', 'Thành phố Vinh', 'city', province);
	const other = unit(3, '413', 'Huyện Khác', 'district', province);
	return [
		province,
		vinh,
		other,
		unit(11, '1', 'Phường Một', 'ward', vinh),
		unit(12, '2', 'Phường Hai', 'ward', vinh),
		unit(13, '3', 'Xã Ba', 'commune', vinh),
		unit(14, 'CA', 'Công an Vinh', 'agency', vinh),
		unit(15, '4', 'Xã Bốn', 'commune', other),
		unit(16, 'TH', 'Trường Hai', 'school', { id: 12, path: '/40/412/2/' })
	];
}

function context(overrides: Partial<PlanContext> = {}): PlanContext {
	const units = snapshot();
	return {
		effectiveOn: '2025-07-01',
		units,
		activeCodes: new Map(units.map((unit) => [unit.code, unit.id])),
		scopePath: '/40/',
		users: [
			{ username: 'officer.hai', role: 'ward_officer', unitId: 12 },
			{ username: 'reviewer.vinh', role: 'district_reviewer', unitId: 2 },
			{ username: 'officer.bon', role: 'ward_officer', unitId: 15 }
		],
		campaigns: [
			{ code: 'CAP', appliesTo: ['ward'] },
			{ code: 'PT', appliesTo: ['ward', 'commune'] }
		],
		scopes: {},
		areaRefs: new Set(['AREA/412']),
		...overrides
	};
}

function plan(lines: string[], overrides: Partial<PlanContext> = {}) {
	const parsed = parseReorganisationFile(lines.join('\n'));
	if (!parsed.ok) throw new Error(parsed.problem);
	return planReorganisation(parsed, context(overrides), { fileName: 'f.csv', sha256: 'x' });
}

describe('reading the file', () => {
	it('recognises a mapping by its header, with line numbers', () => {
		const parsed = parseReorganisationFile(
			`\uFEFF${MAPPING_HEADER}\r\n2, Phường  Hai ,Phường,ward,1,Phường Một,FULL\r\n`
		);
		expect(parsed).toEqual({
			ok: true,
			format: 'mapping',
			rows: [
				{
					line: 2,
					newCode: '2',
					newName: 'Phường Hai',
					newTypeVi: 'Phường',
					newKind: 'ward',
					oldCode: '1',
					oldName: 'Phường Một',
					part: 'full',
					newParentCode: ''
				}
			]
		});
	});

	it('recognises a changes file', () => {
		const parsed = parseReorganisationFile(`${CHANGES_HEADER}\n4,Xã Bốn,413,retired,,,\n`);
		expect(parsed.ok && parsed.format).toBe('changes');
	});

	it('says what is wrong with an unreadable file', () => {
		expect(parseReorganisationFile('')).toEqual({ ok: false, problem: 'empty', missing: [] });
		expect(parseReorganisationFile('a,b\n1,2')).toEqual({
			ok: false,
			problem: 'unknown_format',
			missing: []
		});
		expect(parseReorganisationFile('new_code,old_code\n1,2')).toEqual({
			ok: false,
			problem: 'missing_columns',
			missing: ['new_name', 'new_type_vi', 'new_kind', 'old_name', 'part']
		});
	});

	it('reads the type a name starts with, and dates', () => {
		expect(typeOfName('Thị trấn Quỳ Hợp')).toBe('Thị trấn');
		expect(typeOfName('Phường Nghi Phú')).toBe('Phường');
		expect(typeOfName('Bản Mới')).toBeNull();
		expect(dayBefore('2025-01-01')).toBe('2024-12-31');
		expect(displayDate('2025-07-01')).toBe('01/07/2025');
	});
});

describe('a mapping', () => {
	const merger = [
		MAPPING_HEADER,
		'2,Phường Hai Mới,Phường,ward,1,Phường Một,full',
		'2,Phường Hai Mới,Phường,ward,2,Phường Hai,full',
		'5,Xã Năm,Xã,commune,3,Xã Ba,partial',
		'6,Phường Sáu,Phường,ward,3,Xã Ba,partial',
		'4,Phường Bốn,Phường,ward,4,Xã Bốn,full'
	];

	it('creates, merges, splits and continues units under the top of the tree', () => {
		const result = plan(merger);
		expect(result.errors).toEqual([]);
		expect(result.created.map((unit) => [unit.code, unit.parentCode])).toEqual([
			['2', '40'],
			['5', '40'],
			['6', '40']
		]);
		expect(result.merged).toEqual([
			{ code: '1', name: 'Phường Một', into: { code: '2', name: 'Phường Hai Mới' } },
			{ code: '2', name: 'Phường Hai', into: { code: '2', name: 'Phường Hai Mới' } }
		]);
		expect(result.split).toEqual([
			{
				code: '3',
				name: 'Xã Ba',
				into: [
					{ code: '5', name: 'Xã Năm' },
					{ code: '6', name: 'Phường Sáu' }
				]
			}
		]);
		// The same code, one old unit in full: the unit continues, renamed and moved.
		expect(result.renamed).toEqual([
			{
				code: '4',
				before: { name: 'Xã Bốn', typeVi: 'Xã', kind: 'commune' },
				after: { name: 'Phường Bốn', typeVi: 'Phường', kind: 'ward' }
			}
		]);
		expect(result.moved).toEqual([
			{
				code: '4',
				name: 'Xã Bốn',
				parentBefore: { code: '413', name: 'Huyện Khác' },
				parentAfter: { code: '40', name: 'Tỉnh Nghệ An' }
			}
		]);
	});

	it('retires the parents left empty and moves what hangs under disappearing units', () => {
		const result = plan(merger);
		expect(result.emptied).toEqual([
			{ code: '412', name: 'Thành phố Vinh' },
			{ code: '413', name: 'Huyện Khác' }
		]);
		expect(result.hanging).toEqual([
			{
				code: 'CA',
				name: 'Công an Vinh',
				kind: 'agency',
				from: { code: '412', name: 'Thành phố Vinh' },
				to: { code: '40', name: 'Tỉnh Nghệ An' },
				follows: 'parent'
			},
			{
				code: 'TH',
				name: 'Trường Hai',
				kind: 'school',
				from: { code: '2', name: 'Phường Hai' },
				to: { code: '2', name: 'Phường Hai Mới' },
				follows: 'successor'
			}
		]);
	});

	it('keeps a parent that still has a unit of a listed kind', () => {
		const result = plan([
			MAPPING_HEADER,
			'3,Xã Ba Mới,Xã,commune,1,Phường Một,full',
			'3,Xã Ba Mới,Xã,commune,3,Xã Ba,full'
		]);
		expect(result.emptied).toEqual([]);
		expect(result.moved).toEqual([]);
	});

	it('moves users with a single full successor and asks for the others', () => {
		// officer.bon's unit continues (renamed and moved): the user stays with it.
		const result = plan(merger);
		expect(result.users).toEqual([
			{
				username: 'officer.hai',
				role: 'ward_officer',
				from: { code: '2', name: 'Phường Hai' },
				to: { code: '2', name: 'Phường Hai Mới' },
				area: null,
				given: false
			},
			{
				username: 'reviewer.vinh',
				role: 'district_reviewer',
				from: { code: '412', name: 'Thành phố Vinh' },
				to: null,
				area: null,
				given: false
			}
		]);
		expect(result.counts.usersWithoutScope).toBe(1);
		expect(planIsReady(result)).toBe(false);
		const given = plan(merger, {
			scopes: { 'reviewer.vinh': { unitCode: '40', areaCode: 'AREA/412' } }
		});
		expect(given.users.find((user) => user.username === 'reviewer.vinh')).toMatchObject({
			to: { code: '40' },
			area: 'AREA/412',
			given: true
		});
		expect(planIsReady(given)).toBe(true);
	});

	it('refuses a scope naming a unit that disappears or an unknown area', () => {
		const result = plan(merger, {
			scopes: { 'reviewer.vinh': { unitCode: '412', areaCode: 'AREA/999' } }
		});
		expect(result.errors.map((error) => [error.code, error.problem])).toEqual([
			['reviewer.vinh', 'scope_unit_unknown'],
			['reviewer.vinh', 'scope_area_unknown']
		]);
	});

	it('lists units whose kind makes them join or leave a campaign', () => {
		const result = plan(merger);
		expect(result.campaigns).toEqual([
			{
				code: '4',
				name: 'Phường Bốn',
				kindBefore: 'commune',
				kindAfter: 'ward',
				joins: ['CAP'],
				leaves: []
			},
			{
				code: '6',
				name: 'Phường Sáu',
				kindBefore: 'commune',
				kindAfter: 'ward',
				joins: ['CAP'],
				leaves: []
			}
		]);
	});

	it('puts new units under new_parent_code when the file has it', () => {
		const result = plan([
			`${MAPPING_HEADER},new_parent_code`,
			'7,Phường Bảy,Phường,ward,1,Phường Một,full,412'
		]);
		expect(result.created[0].parentCode).toBe('412');
		expect(result.emptied).toEqual([]);
	});

	it('refuses row by row, with the line', () => {
		const result = plan(
			[
				MAPPING_HEADER,
				'2,Phường Hai Mới,Phường,ward,1,Phường Một,full',
				'2,Phường Hai Mới,Phường,ward,1,Phường Một,full',
				'2,Phường Hai Khác,Phường,ward,2,Phường Hai,full',
				'8,Xã Tám,Xã,village,9,Xã Chín,full',
				',Xã Không,Xã,commune,3,Xã Ba,full',
				'4,Xã Bốn,Xã,commune,4,Xã Bốn,whole'
			],
			{
				units: snapshot().map((unit) =>
					unit.code === '4' ? { ...unit, changedLater: true } : unit
				)
			}
		);
		expect(result.errors.map((error) => [error.line, error.problem, error.detail])).toEqual([
			[3, 'row_duplicate', undefined],
			[4, 'new_inconsistent', { line: '2' }],
			[5, 'kind_unknown', { kind: 'village' }],
			[5, 'old_not_active', { date: '30/06/2025' }],
			[6, 'field_missing', { column: 'new_code' }],
			[7, 'part_invalid', { part: 'whole' }],
			[7, 'changed_later', { date: '01/07/2025' }]
		]);
		expect(planIsReady(result)).toBe(false);
	});

	it('refuses units outside the actor scope', () => {
		const result = plan([MAPPING_HEADER, '7,Xã Bảy,Xã,commune,4,Xã Bốn,full'], {
			scopePath: '/40/412/'
		});
		expect(result.errors.map((error) => error.problem)).toEqual(['out_of_scope']);
	});
});

describe('a changes file', () => {
	it('renames, moves and retires, taking the type from the new name', () => {
		const result = plan([
			CHANGES_HEADER,
			'3,Xã Ba,412,renamed,Phường Ba,412,ward',
			'4,Xã Bốn,413,moved,Xã Bốn,412,',
			'413,Huyện Khác,40,retired,,,',
			'1,Phường Một,412,retired,,,'
		]);
		expect(result.errors).toEqual([]);
		expect(result.renamed).toEqual([
			{
				code: '3',
				before: { name: 'Xã Ba', typeVi: 'Xã', kind: 'commune' },
				after: { name: 'Phường Ba', typeVi: 'Phường', kind: 'ward' }
			}
		]);
		expect(result.moved.map((unit) => [unit.code, unit.parentAfter.code])).toEqual([['4', '412']]);
		expect(result.retired.map((unit) => unit.code)).toEqual(['413', '1']);
		expect(result.merged).toEqual([]);
		expect(result.emptied).toEqual([]);
		expect(result.campaigns).toEqual([
			{
				code: '3',
				name: 'Phường Ba',
				kindBefore: 'commune',
				kindAfter: 'ward',
				joins: ['CAP'],
				leaves: []
			}
		]);
	});

	it('refuses what contradicts the structure', () => {
		const result = plan([
			CHANGES_HEADER,
			'3,Xã Ba,413,renamed,Phường Ba,412,ward',
			'2,Phường Hai Cũ,412,moved,,,',
			'4,Xã Bốn,413,moved,,413,',
			'1,Phường Một,412,merged,,,',
			'CA,Công an Vinh,412,moved,,999,'
		]);
		expect(result.errors.map((error) => [error.line, error.code, error.problem])).toEqual([
			[2, '3', 'parent_mismatch'],
			[3, '2', 'old_name_mismatch'],
			[3, '2', 'field_missing'],
			[5, '1', 'change_invalid'],
			[6, 'CA', 'parent_not_found']
		]);
	});
});
