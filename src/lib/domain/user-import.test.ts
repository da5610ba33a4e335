import { describe, expect, it } from 'vitest';
import {
	fieldProblems,
	importIsClean,
	MAX_IMPORT_ROWS,
	normalizeUsername,
	parseUserImport,
	validateImportRows,
	type ImportRow
} from './user-import';

const HEADER = 'username,display_name,role,unit_code';
const units = new Map([
	['40', { path: '/40/' }],
	['412', { path: '/40/412/' }],
	['16672', { path: '/40/412/16672/' }],
	['431', { path: '/40/431/' }]
]);
const lookups = { taken: new Set(['admin']), units, scopePath: '/40/412/' };

function rowsOf(text: string): ImportRow[] {
	const parsed = parseUserImport(text);
	if (!parsed.ok) throw new Error(parsed.problem);
	return parsed.rows;
}

describe('parseUserImport', () => {
	it('reads rows under the header, with a BOM, CRLF, quotes and Vietnamese names', () => {
		const text = `\uFEFF${HEADER}\r\n cb.hung ,"Nguyễn Văn Hùng, trưởng",ward_officer,16672\r\n`;
		expect(rowsOf(text)).toEqual([
			{
				line: 2,
				username: 'cb.hung',
				displayName: 'Nguyễn Văn Hùng, trưởng',
				role: 'ward_officer',
				unitCode: '16672',
				problems: []
			}
		]);
	});

	it('takes the columns in any order and any case, and lower-cases usernames and roles', () => {
		const rows = rowsOf(
			'Unit_Code,ROLE,Display_Name,UserName\n412,District_Reviewer,Lê Thị B,Le.B\n'
		);
		expect(rows[0]).toMatchObject({
			username: 'le.b',
			role: 'district_reviewer',
			unitCode: '412',
			displayName: 'Lê Thị B'
		});
	});

	it('numbers rows by their line and skips blank lines', () => {
		const rows = rowsOf(`${HEADER}\na.one,A,leader,412\n\nb.two,B,leader,412\n`);
		expect(rows.map((row) => [row.line, row.username])).toEqual([
			[2, 'a.one'],
			[3, 'b.two']
		]);
	});

	it('refuses an empty file, a file without rows and a missing column', () => {
		expect(parseUserImport('')).toEqual({ ok: false, problem: 'empty' });
		expect(parseUserImport(`${HEADER}\n`)).toEqual({ ok: false, problem: 'empty' });
		expect(parseUserImport('username,role\na,b')).toEqual({
			ok: false,
			problem: 'header',
			missing: ['display_name', 'unit_code']
		});
	});

	it('refuses more rows than one import takes', () => {
		const body = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u${i}00,N,leader,412`);
		expect(parseUserImport([HEADER, ...body].join('\n'))).toEqual({
			ok: false,
			problem: 'too_many_rows'
		});
		expect(parseUserImport([HEADER, ...body.slice(1)].join('\n')).ok).toBe(true);
	});

	it('treats missing cells as empty', () => {
		expect(rowsOf(`${HEADER}\nshort.row`)[0]).toMatchObject({
			displayName: '',
			role: '',
			unitCode: ''
		});
	});
});

describe('fieldProblems', () => {
	it('accepts a well-formed user', () => {
		expect(fieldProblems({ username: 'cb.hung_1-2', displayName: 'Hùng', role: 'leader' })).toEqual(
			[]
		);
	});

	it('names each bad field', () => {
		expect(fieldProblems({ username: 'ab', displayName: '  ', role: 'boss' })).toEqual([
			'username_invalid',
			'name_empty',
			'role_unknown'
		]);
		expect(
			fieldProblems({ username: 'nguyễn', displayName: 'x'.repeat(121), role: 'leader' })
		).toEqual(['username_invalid', 'name_too_long']);
		expect(fieldProblems({ username: 'a'.repeat(65), displayName: 'A', role: 'leader' })).toEqual([
			'username_invalid'
		]);
	});
});

describe('validateImportRows', () => {
	it('passes clean rows', () => {
		const rows = validateImportRows(
			rowsOf(`${HEADER}\ncb.one,Một,ward_officer,16672\ncb.two,Hai,district_reviewer,412\n`),
			lookups
		);
		expect(rows.map((row) => row.problems)).toEqual([[], []]);
		expect(importIsClean(rows)).toBe(true);
	});

	it('flags every row of a username repeated in the file, and a taken one', () => {
		const rows = validateImportRows(
			rowsOf(`${HEADER}\ncb.one,A,leader,412\nCB.ONE,B,leader,412\nadmin,C,leader,412\n`),
			lookups
		);
		expect(rows.map((row) => row.problems)).toEqual([
			['username_duplicate'],
			['username_duplicate'],
			['username_taken']
		]);
		expect(importIsClean(rows)).toBe(false);
	});

	it('flags unknown and out-of-scope units, unknown roles, empty names and bad usernames', () => {
		const rows = validateImportRows(
			rowsOf(
				`${HEADER}\na.one,A,leader,999\nb.two,B,leader,431\nc.three,C,chief,40\nd.four,,leader,412\nx,E,leader,412\n`
			),
			lookups
		);
		expect(rows.map((row) => row.problems)).toEqual([
			['unit_unknown'],
			['unit_out_of_scope'],
			['role_unknown', 'unit_out_of_scope'],
			['name_empty'],
			['username_invalid']
		]);
	});

	it('does not call an invalid username a duplicate too', () => {
		const rows = validateImportRows(rowsOf(`${HEADER}\nx,A,leader,412\nx,B,leader,412\n`), lookups);
		expect(rows.map((row) => row.problems)).toEqual([['username_invalid'], ['username_invalid']]);
	});

	it('is never clean without rows', () => {
		expect(importIsClean([])).toBe(false);
	});
});

describe('helpers', () => {
	it('normalise usernames', () => {
		expect(normalizeUsername('  Cb.Hung ')).toBe('cb.hung');
	});
});
