import { describe, expect, it } from 'vitest';
import { criterion, set } from './criteria-set.fixture';
import type { CriteriaSetContent } from './criteria-set';
import {
	SHEET_COLUMNS,
	headerKey,
	parseSetRows,
	setToRows,
	type Cell,
	type SheetColumn
} from './criteria-sheet';

const header: Cell[] = [...SHEET_COLUMNS];

/** A row from the cells it names; the rest blank. */
function row(cells: Partial<Record<SheetColumn, Cell>>): Cell[] {
	return SHEET_COLUMNS.map((column) => cells[column] ?? null);
}

const base = {
	group_code: 'I',
	group_name_vi: 'Nhóm I',
	group_name_en: 'Group I',
	code: '1.1',
	title_vi: 'Tiêu chí',
	title_en: 'Criterion',
	type: 'boolean',
	points: 100
} satisfies Partial<Record<SheetColumn, Cell>>;

const varied: CriteriaSetContent = {
	groups: [
		{
			code: 'I',
			name_vi: 'An ninh, trật tự',
			name_en: 'Security and order',
			criteria: [
				criterion({ code: '1.1', points: 30, mandatory: true, evidence_required: true }),
				criterion({
					code: '1.2',
					type: 'percent',
					comparator: '>=',
					target_number: 95.5,
					points: 20,
					guidance_vi: 'Theo báo cáo quý',
					guidance_en: 'From the quarterly report'
				})
			]
		},
		{ code: 'II', name_vi: 'Nhóm trống', name_en: 'Empty group', criteria: [] },
		{
			code: 'III',
			name_vi: 'Văn minh đô thị',
			name_en: 'Urban civility',
			criteria: [
				criterion({ code: '3.1', type: 'rating', target_rating: 'fair', points: 25 }),
				criterion({ code: '3.2', type: 'count', comparator: '<=', target_number: 0, points: 25 })
			]
		}
	]
};

describe('setToRows and parseSetRows', () => {
	it('reads back what it wrote, empty groups included', () => {
		const result = parseSetRows([header, ...setToRows(varied)]);
		expect(result).toEqual({ ok: true, content: varied });
	});

	it('reads the header below a title row, numbering rows as the sheet does', () => {
		const title = ['Bộ tiêu chí Nhà trường — PT-TDBVANTQ, phiên bản 1'];
		expect(parseSetRows([title, header, ...setToRows(varied)])).toEqual({
			ok: true,
			content: varied
		});
		const broken = parseSetRows([title, header, row({ ...base, points: 'many' })]);
		expect(broken).toMatchObject({ ok: false, issues: [{ row: 3, column: 'points' }] });
		const headless = parseSetRows([title, ['Ghi chú']]);
		expect(headless.ok ? [] : headless.issues.map((issue) => [issue.row, issue.problem])).toEqual(
			SHEET_COLUMNS.map(() => [1, 'no_header'])
		);
	});

	it('writes one row per criterion with yes and no in words', () => {
		const rows = setToRows(set(criterion({ mandatory: true })));
		expect(rows).toEqual([
			['I', 'Nhóm I', 'Group I', '1.1', 'Tiêu chí', 'Criterion', 'boolean', null, null, 100].concat(
				['Có', 'Không', null, null] as never[]
			)
		]);
	});

	it('finds columns by the key in brackets, in any order, beside other columns', () => {
		const labelled = SHEET_COLUMNS.map((column) => `Nhãn (${column})`).reverse();
		const rows = setToRows(varied).map((cells) => [...cells].reverse());
		expect(parseSetRows([labelled, ...rows])).toEqual({ ok: true, content: varied });
		const extra = [['Ghi chú', ...header], ...setToRows(varied).map((cells) => ['x', ...cells])];
		expect(parseSetRows(extra)).toEqual({ ok: true, content: varied });
	});

	it('skips blank rows and reads text numbers, decimal commas and yes/no words', () => {
		const result = parseSetRows([
			header,
			row({}),
			row({
				...base,
				type: 'percent',
				comparator: '≥',
				target: '95,5',
				points: ' 100 ',
				mandatory: 'x',
				evidence_required: 'KHÔNG'
			}),
			row({ group_code: '  ' })
		]);
		expect(result).toEqual({
			ok: true,
			content: set(
				criterion({ type: 'percent', comparator: '>=', target_number: 95.5, mandatory: true })
			)
		});
	});

	it('accepts booleans and numbers as a spreadsheet stores them', () => {
		const result = parseSetRows([header, row({ ...base, mandatory: true, evidence_required: 0 })]);
		expect(result).toEqual({ ok: true, content: set(criterion({ mandatory: true })) });
	});

	it('names each problem by row and column', () => {
		const result = parseSetRows([
			header,
			row({ ...base }),
			row({ ...base, code: '1.2', points: 'mười', mandatory: 'có lẽ' }),
			row({ ...base, code: '1.3', type: 'colour', comparator: '≈', target: 'tốt lắm' }),
			row({ ...base, code: undefined, title_en: undefined })
		]);
		expect(result).toEqual({
			ok: false,
			issues: [
				{ row: 3, column: 'points', problem: 'not_number' },
				{ row: 3, column: 'mandatory', problem: 'not_boolean' },
				{ row: 4, column: 'type', problem: 'bad_type' },
				{ row: 4, column: 'comparator', problem: 'bad_comparator' },
				{ row: 4, column: 'target', problem: 'bad_target' },
				{ row: 5, column: 'code', problem: 'missing' },
				{ row: 5, column: 'title_en', problem: 'missing' }
			]
		});
	});

	it('names a group without a code or names on its first row', () => {
		const result = parseSetRows([header, row({ ...base, group_code: null, group_name_en: null })]);
		expect(result).toEqual({
			ok: false,
			issues: [
				{ row: 2, column: 'group_code', problem: 'missing' },
				{ row: 2, column: 'group_name_en', problem: 'missing' }
			]
		});
	});

	it('refuses two names for one group code', () => {
		const result = parseSetRows([
			header,
			row({ ...base }),
			row({ ...base, code: '1.2', group_name_vi: 'Nhóm khác' })
		]);
		expect(result).toEqual({
			ok: false,
			issues: [{ row: 3, column: 'group_name_vi', problem: 'group_names_differ' }]
		});
	});

	it('gathers rows of one group code even when apart', () => {
		const result = parseSetRows([
			header,
			row({ ...base }),
			row({ ...base, group_code: 'II', group_name_vi: 'Nhóm II', group_name_en: 'Group II' }),
			row({ ...base, code: '1.2', group_name_vi: null, group_name_en: null })
		]);
		expect(result.ok && result.content.groups.map((g) => g.criteria.map((c) => c.code))).toEqual([
			['1.1', '1.2'],
			['1.1']
		]);
	});

	it('says which columns the header lacks', () => {
		const result = parseSetRows([header.filter((cell) => cell !== 'points'), row(base)]);
		expect(result).toEqual({
			ok: false,
			issues: [{ row: 1, column: 'points', problem: 'no_header' }]
		});
		expect(parseSetRows([])).toMatchObject({ ok: false });
	});
});

describe('headerKey', () => {
	it.each([
		['Điểm (points)', 'points'],
		['points', 'points'],
		['  Mã nhóm (group_code) ', 'group_code'],
		['Điểm', null],
		['(colour)', null],
		[12, null],
		[null, null]
	])('reads %j as %j', (cell, key) => {
		expect(headerKey(cell as Cell)).toBe(key);
	});
});
