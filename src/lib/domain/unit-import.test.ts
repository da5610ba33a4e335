import { describe, expect, it } from 'vitest';
import {
	diffUnit,
	parseUnitCsv,
	planFingerprint,
	planUnitImport,
	writeOrder,
	type ImportRow,
	type StoredUnit
} from './unit-import';

const HEADER = 'code,name,type_vi,kind,parent_code,level';

function rows(text: string): ImportRow[] {
	const parsed = parseUnitCsv(`${HEADER}\n${text}`);
	if (!parsed.ok) throw new Error(parsed.problem);
	return parsed.rows;
}

const stored = (unit: Partial<StoredUnit> & { code: string; path: string }): StoredUnit => ({
	name: `Unit ${unit.code}`,
	typeVi: '',
	kind: 'ward',
	parentCode: null,
	level: unit.path.split('/').length - 2,
	status: 'active',
	...unit
});

const DB = new Map(
	[
		stored({ code: '40', name: 'Tỉnh Nghệ An', typeVi: 'Tỉnh', kind: 'province', path: '/40/' }),
		stored({
			code: '412',
			name: 'Thành phố Vinh',
			typeVi: 'Thành phố',
			kind: 'city',
			parentCode: '40',
			path: '/40/412/'
		}),
		stored({
			code: '16672',
			name: 'Phường Hưng Bình',
			typeVi: 'Phường',
			parentCode: '412',
			path: '/40/412/16672/'
		}),
		stored({ code: '99', kind: 'province', path: '/99/' }),
		stored({ code: '990', parentCode: '99', kind: 'city', path: '/99/990/' }),
		stored({ code: '413', parentCode: '40', kind: 'town', path: '/40/413/', status: 'retired' })
	].map((unit) => [unit.code, unit])
);

const plan = (text: string, scope = '/40/') => planUnitImport(rows(text), DB, scope);
const problemsOf = (text: string, scope = '/40/') =>
	plan(text, scope).rows.map((row) => (row.status === 'error' ? row.problems : row.status));

describe('parseUnitCsv', () => {
	it('reads the rows with a byte-order mark, CRLF and quoted names, trimmed and NFC', () => {
		const parsed = parseUnitCsv(
			`\uFEFF${HEADER}\r\n 1 ,"Xã A, B",Xã,commune,412,3\r\n2,Phu\u031Bo\u031B\u0300ng C,Phường,ward,412,3\r\n`
		);
		expect(parsed).toEqual({
			ok: true,
			rows: [
				{
					line: 2,
					code: '1',
					name: 'Xã A, B',
					typeVi: 'Xã',
					kind: 'commune',
					parentCode: '412',
					level: '3'
				},
				{
					line: 3,
					code: '2',
					name: 'Phường C',
					typeVi: 'Phường',
					kind: 'ward',
					parentCode: '412',
					level: '3'
				}
			]
		});
	});

	it('accepts the columns in any order and ignores extra ones', () => {
		const parsed = parseUnitCsv(
			'level,parent_code,kind,type_vi,name,code,note\n3,412,ward,,X,7,hi'
		);
		expect(parsed.ok && parsed.rows[0]).toMatchObject({ code: '7', name: 'X', level: '3' });
	});

	it('refuses an empty file and a file without the header', () => {
		expect(parseUnitCsv('')).toEqual({ ok: false, problem: 'empty' });
		expect(parseUnitCsv('\n\n')).toEqual({ ok: false, problem: 'empty' });
		expect(parseUnitCsv('code,name,kind\n1,A,ward')).toEqual({
			ok: false,
			problem: 'header',
			missing: ['type_vi', 'parent_code', 'level']
		});
	});
});

describe('planUnitImport', () => {
	it('marks new, changed (with what changes) and unchanged rows', () => {
		const result = plan(
			[
				'40,Tỉnh Nghệ An,Tỉnh,province,,1',
				'412,TP Vinh,Thành phố,city,40,2',
				'16672,Phường Hưng Bình,Phường,ward,412,3',
				'500,Phường Mới,Phường,ward,412,3'
			].join('\n')
		);
		expect(result.rows.map((row) => row.status)).toEqual([
			'unchanged',
			'changed',
			'unchanged',
			'new'
		]);
		expect(result.rows[1]).toMatchObject({
			changes: [{ field: 'name', from: 'Thành phố Vinh', to: 'TP Vinh' }]
		});
		expect(result.counts).toEqual({ new: 1, changed: 1, unchanged: 2, error: 0 });
	});

	it('takes a parent from the file before the database, in any row order', () => {
		expect(problemsOf('501,Xã X,Xã,commune,500,4\n500,Huyện Y,Huyện,district,40,2')).toEqual([
			['level_mismatch'],
			'new'
		]);
		expect(problemsOf('501,Xã X,Xã,commune,500,3\n500,Huyện Y,Huyện,district,40,2')).toEqual([
			'new',
			'new'
		]);
	});

	it('reports each kind of row error', () => {
		expect(problemsOf('1,A,,village,412,3')).toEqual([['kind_invalid']]);
		expect(problemsOf('1,A,,ward,777,3')).toEqual([['parent_missing']]);
		expect(problemsOf('1 2,A,,ward,412,3')).toEqual([['code_invalid']]);
		expect(problemsOf('1,,,ward,412,3')).toEqual([['name_required']]);
		expect(problemsOf('1,A,,ward,412,2')).toEqual([['level_mismatch']]);
		expect(problemsOf('1,A,,ward,412,x')).toEqual([['level_invalid']]);
		expect(problemsOf('1,A,,ward,1,3')).toEqual([['parent_self']]);
		expect(problemsOf('1,A,,ward,990,3')).toEqual([['out_of_scope']]);
		expect(problemsOf('1,A,,ward,413,3')).toEqual([['parent_retired']]);
		expect(problemsOf('413,Thị xã,,town,40,2')).toEqual([['unit_retired']]);
		expect(problemsOf('1,A,,ward,412,3\n1,B,,ward,412,3')).toEqual([
			['code_duplicate'],
			['code_duplicate']
		]);
	});

	it('refuses a new root and anything outside a narrower scope', () => {
		expect(problemsOf('77,Tỉnh Mới,Tỉnh,province,,1')).toEqual([['out_of_scope']]);
		expect(problemsOf('40,Tỉnh Nghệ An,Tỉnh,province,,1', '/40/412/')).toEqual([['out_of_scope']]);
		expect(problemsOf('16672,Phường Hưng Bình,Phường,ward,412,3', '/40/412/')).toEqual([
			'unchanged'
		]);
		// Moving a unit of the scope out of it.
		expect(problemsOf('16672,Phường Hưng Bình,Phường,ward,40,2', '/40/412/')).toEqual([
			['out_of_scope']
		]);
	});

	it('refuses to move a unit under its own descendant', () => {
		expect(problemsOf('412,Thành phố Vinh,Thành phố,city,16672,4', '/40/').flat()).toContain(
			'parent_cycle'
		);
	});

	it('marks the rows under a row in error, down the tree', () => {
		expect(
			problemsOf(
				[
					'500,Huyện,,district,40,2',
					'500,Huyện 2,,district,40,2',
					'501,X,,commune,500,3',
					'502,Y,,agency,501,4'
				].join('\n')
			)
		).toEqual([['code_duplicate'], ['code_duplicate'], ['parent_invalid'], ['parent_invalid']]);
	});

	it('plans a move as a change of parent and level', () => {
		const result = plan('16672,Phường Hưng Bình,Phường,ward,40,2');
		expect(result.rows[0]).toMatchObject({
			status: 'changed',
			changes: [
				{ field: 'parentCode', from: '412', to: '40' },
				{ field: 'level', from: '3', to: '2' }
			]
		});
	});
});

describe('diffUnit and writeOrder', () => {
	it('compares every field', () => {
		const [row] = rows('16672,Phường Hưng Bình,Xã,commune,412,3');
		expect(diffUnit(DB.get('16672')!, row).map((change) => change.field)).toEqual([
			'typeVi',
			'kind'
		]);
	});

	it('writes parents before children', () => {
		const ordered = writeOrder(rows('3,C,,ward,2,4\n1,A,,district,40,2\n2,B,,commune,1,3'));
		expect(ordered.map((row) => row.code)).toEqual(['1', '2', '3']);
	});
});

describe('planFingerprint', () => {
	const file = `${HEADER}\n16672,Phường Hưng Bình Mới,Phường,ward,412,3`;

	it('is the same for the same file against the same units', () => {
		expect(planFingerprint(plan(file))).toBe(planFingerprint(plan(file)));
	});

	it('changes when a stored unit changed since, even if the file did not', () => {
		const renamed = new Map(DB);
		renamed.set('16672', { ...DB.get('16672')!, name: 'Phường Hưng Bình (sửa tay)' });
		const now = planUnitImport(rows(file), renamed, '/40/');
		expect(planFingerprint(now)).not.toBe(planFingerprint(plan(file)));
	});
});
