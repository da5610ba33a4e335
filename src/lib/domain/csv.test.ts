import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords, toCsv } from './csv';

describe('parseCsv', () => {
	it.each<[string, string, string[][]]>([
		['a plain row', 'a,b,c', [['a', 'b', 'c']]],
		[
			'LF line ends',
			'a,b\nc,d',
			[
				['a', 'b'],
				['c', 'd']
			]
		],
		[
			'CRLF line ends',
			'a,b\r\nc,d',
			[
				['a', 'b'],
				['c', 'd']
			]
		],
		[
			'bare CR line ends',
			'a,b\rc,d',
			[
				['a', 'b'],
				['c', 'd']
			]
		],
		['mixed line ends', 'a\r\nb\nc\rd', [['a'], ['b'], ['c'], ['d']]],
		[
			'a trailing LF',
			'a,b\nc,d\n',
			[
				['a', 'b'],
				['c', 'd']
			]
		],
		[
			'a trailing CRLF',
			'a,b\r\nc,d\r\n',
			[
				['a', 'b'],
				['c', 'd']
			]
		],
		[
			'empty fields',
			'a,,c\n,b,',
			[
				['a', '', 'c'],
				['', 'b', '']
			]
		],
		['a trailing empty field without a final newline', 'a,b,', [['a', 'b', '']]],
		['a quoted field with a comma', '"Vinh, Nghệ An",b', [['Vinh, Nghệ An', 'b']]],
		['a doubled quote inside quotes', '"say ""hi""",b', [['say "hi"', 'b']]],
		['a field that is only a doubled quote', '"""",b', [['"', 'b']]],
		['an empty quoted field', 'a,"",c', [['a', '', 'c']]],
		[
			'a quoted LF',
			'"line 1\nline 2",b\nc,d',
			[
				['line 1\nline 2', 'b'],
				['c', 'd']
			]
		],
		[
			'a quoted CRLF',
			'"line 1\r\nline 2",b\r\nc,d',
			[
				['line 1\r\nline 2', 'b'],
				['c', 'd']
			]
		],
		['a quoted field at the end of the text', 'a,"b, c"', [['a', 'b, c']]],
		['spaces outside quotes kept', ' a , b ', [[' a ', ' b ']]]
	])('parses %s', (_, text, rows) => {
		expect(parseCsv(text)).toEqual(rows);
	});

	it.each<[string, string, string[][]]>([
		['a leading blank line', '\na,b', [['a', 'b']]],
		[
			'blank lines between rows',
			'a,b\n\n\nc,d',
			[
				['a', 'b'],
				['c', 'd']
			]
		],
		[
			'blank CRLF lines',
			'a,b\r\n\r\nc,d\r\n\r\n',
			[
				['a', 'b'],
				['c', 'd']
			]
		],
		[
			'whitespace-only lines',
			'a,b\n   \n\t\nc,d',
			[
				['a', 'b'],
				['c', 'd']
			]
		],
		[
			'rows of empty cells only',
			'a,b\n,,\n"",""\nc,d',
			[
				['a', 'b'],
				['c', 'd']
			]
		]
	])('skips %s', (_, text, rows) => {
		expect(parseCsv(text)).toEqual(rows);
	});

	it.each(['', '\n', '\r\n', '\n\n\n', '\uFEFF', '\uFEFF\r\n'])('has no rows in %j', (text) => {
		expect(parseCsv(text)).toEqual([]);
	});

	it('strips a byte order mark at the start', () => {
		const rows = parseCsv('\uFEFFcode,name\n40,Tỉnh Nghệ An');
		expect(rows).toEqual([
			['code', 'name'],
			['40', 'Tỉnh Nghệ An']
		]);
		expect(rows[0][0]).toHaveLength(4);
	});

	it('keeps a byte order mark that is not at the start', () => {
		expect(parseCsv('a,\uFEFFb')).toEqual([['a', '\uFEFFb']]);
	});

	it('keeps Vietnamese diacritics intact, precomposed or not', () => {
		const precomposed = 'Phường Đông Vĩnh,Huyện Kỳ Sơn,Thị xã Hoàng Mai,"Xã Châu Bính, Quỳ Châu"';
		const decomposed = precomposed.normalize('NFD');
		expect(decomposed).not.toBe(precomposed);
		expect(parseCsv(precomposed)).toEqual([
			['Phường Đông Vĩnh', 'Huyện Kỳ Sơn', 'Thị xã Hoàng Mai', 'Xã Châu Bính, Quỳ Châu']
		]);
		const [row] = parseCsv(decomposed);
		expect(row.join(',')).toBe(decomposed.replaceAll('"', ''));
		expect(row[0].normalize('NFC')).toBe('Phường Đông Vĩnh');
	});

	it('keeps rows of different lengths as they are', () => {
		expect(parseCsv('a,b,c\nd\ne,f')).toEqual([['a', 'b', 'c'], ['d'], ['e', 'f']]);
	});
});

describe('parseCsvRecords', () => {
	it('maps each row by the header names', () => {
		expect(parseCsvRecords('code,name,level\n40,Tỉnh Nghệ An,1\n412,Thành phố Vinh,2\n')).toEqual([
			{ code: '40', name: 'Tỉnh Nghệ An', level: '1' },
			{ code: '412', name: 'Thành phố Vinh', level: '2' }
		]);
	});

	it('trims header names and cell values', () => {
		expect(parseCsvRecords(' code , name \r\n 40 ,  Tỉnh Nghệ An\t\r\n')).toEqual([
			{ code: '40', name: 'Tỉnh Nghệ An' }
		]);
	});

	it('trims inside quoted cells too', () => {
		expect(parseCsvRecords('a,b\n"  x, y  ",z')).toEqual([{ a: 'x, y', b: 'z' }]);
	});

	it('fills missing trailing cells with empty strings', () => {
		expect(parseCsvRecords('code,name,parent_code,level\n40,Tỉnh Nghệ An\n412')).toEqual([
			{ code: '40', name: 'Tỉnh Nghệ An', parent_code: '', level: '' },
			{ code: '412', name: '', parent_code: '', level: '' }
		]);
	});

	it('ignores cells beyond the header', () => {
		expect(parseCsvRecords('a,b\n1,2,3,4')).toEqual([{ a: '1', b: '2' }]);
	});

	it('keeps quoted commas, quotes and newlines in values', () => {
		expect(parseCsvRecords('name,note\n"Vinh, Nghệ An","say ""hi""\nagain"')).toEqual([
			{ name: 'Vinh, Nghệ An', note: 'say "hi"\nagain' }
		]);
	});

	it('reads a header behind a byte order mark', () => {
		const [record] = parseCsvRecords('\uFEFFcode,name\n40,Tỉnh Nghệ An');
		expect(Object.keys(record)).toEqual(['code', 'name']);
		expect(record.code).toBe('40');
	});

	it('skips blank lines between records', () => {
		expect(parseCsvRecords('a,b\n\n1,2\n\n\n3,4\n')).toEqual([
			{ a: '1', b: '2' },
			{ a: '3', b: '4' }
		]);
	});

	it.each<[string, string]>([
		['empty text', ''],
		['blank lines only', '\n\r\n\n'],
		['a header only', 'code,name\n']
	])('has no records for %s', (_, text) => {
		expect(parseCsvRecords(text)).toEqual([]);
	});
});

describe('the 2023 administrative units file', () => {
	const text = readFileSync(
		new URL('../../../scripts/seed/data/units-2023.csv', import.meta.url),
		'utf8'
	);
	const records = parseCsvRecords(text);
	const count = (key: string, value: string) =>
		records.filter((record) => record[key] === value).length;

	it('has 482 units, every one with the same columns', () => {
		expect(records).toHaveLength(482);
		for (const record of records)
			expect(Object.keys(record)).toEqual([
				'code',
				'name',
				'type_vi',
				'kind',
				'parent_code',
				'level'
			]);
	});

	it.each<[string, number]>([
		['1', 1],
		['2', 21],
		['3', 460]
	])('has level %s on %i units', (level, expected) => {
		expect(count('level', level)).toBe(expected);
	});

	it('has 32 wards', () => {
		expect(count('kind', 'ward')).toBe(32);
	});

	it('has unique codes and parents that exist one level up', () => {
		const byCode = new Map(records.map((record) => [record.code, record]));
		expect(byCode.size).toBe(records.length);
		for (const record of records) {
			if (record.level === '1') {
				expect(record.parent_code).toBe('');
				continue;
			}
			const parent = byCode.get(record.parent_code);
			expect(parent, `parent of ${record.code}`).toBeDefined();
			expect(Number(parent!.level)).toBe(Number(record.level) - 1);
		}
	});

	it('keeps the Vietnamese names intact', () => {
		const byCode = new Map(records.map((record) => [record.code, record]));
		expect(byCode.get('40')).toMatchObject({ name: 'Tỉnh Nghệ An', kind: 'province' });
		expect(byCode.get('412')).toMatchObject({ name: 'Thành phố Vinh', type_vi: 'Thành phố' });
		expect(byCode.get('16663')).toMatchObject({
			name: 'Phường Đông Vĩnh',
			type_vi: 'Phường',
			kind: 'ward',
			parent_code: '412',
			level: '3'
		});
		expect(byCode.get('16666')?.name).toBe('Phường Hà Huy Tập');
		for (const record of records) expect(record.name.normalize('NFC')).toBe(record.name);
	});
});

describe('toCsv', () => {
	it('quotes what needs quoting and reads back the same', () => {
		const rows = [
			['Mã', 'Tên', 'Điểm'],
			['16672', 'Phường Hưng Bình, TP Vinh', 81.5],
			['1', 'Ghi chú "quan trọng"\nhai dòng', null]
		];
		const text = toCsv(rows);
		expect(text).toBe(
			'Mã,Tên,Điểm\r\n16672,"Phường Hưng Bình, TP Vinh",81.5\r\n1,"Ghi chú ""quan trọng""\nhai dòng",\r\n'
		);
		expect(parseCsv(text)).toEqual([
			['Mã', 'Tên', 'Điểm'],
			['16672', 'Phường Hưng Bình, TP Vinh', '81.5'],
			['1', 'Ghi chú "quan trọng"\nhai dòng', '']
		]);
	});

	it('defuses text a spreadsheet would run as a formula, not negative numbers', () => {
		expect(toCsv([['=SUM(A1)', '-2', -2, true]])).toBe("'=SUM(A1),'-2,-2,true\r\n");
	});
});
