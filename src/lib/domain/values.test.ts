import { describe, expect, it } from 'vitest';
import { CRITERION_TYPES, type CriterionType, type CriterionValue } from './scoring';
import {
	LIMITS,
	formatInput,
	parseValue,
	sameValue,
	type ParsedValue,
	type ValueError
} from './values';

const ok = (value: CriterionValue): ParsedValue => ({ ok: true, value });
const fail = (error: ValueError): ParsedValue => ({ ok: false, error });

describe('LIMITS', () => {
	it('bounds a share to 0–100, a change to −100–10 000 and a count to a billion', () => {
		expect(LIMITS).toEqual({
			percent: { min: 0, max: 100 },
			percent_change: { min: -100, max: 10_000 },
			count: { min: 0, max: 1_000_000_000 }
		});
	});
});

describe('parseValue: empty input', () => {
	const EMPTY: [string, string | null | undefined][] = [
		['empty', ''],
		['spaces', '  '],
		['tab and newline', '\t\n'],
		['null', null],
		['undefined', undefined]
	];

	it.each(
		CRITERION_TYPES.flatMap((type) =>
			EMPTY.map(([label, input]): [CriterionType, string, string | null | undefined] => [
				type,
				label,
				input
			])
		)
	)('%s: %s is not answered yet (null, ok)', (type, _label, input) => {
		expect(parseValue(type, input)).toEqual(ok(null));
	});
});

describe('parseValue: boolean', () => {
	it.each<[string, ParsedValue]>([
		['yes', ok(true)],
		['no', ok(false)],
		['  yes  ', ok(true)],
		['\tno\n', ok(false)],
		['maybe', fail('unknown_choice')],
		['Yes', fail('unknown_choice')],
		['true', fail('unknown_choice')],
		['1', fail('unknown_choice')],
		['có', fail('unknown_choice')]
	])('%j → %j', (input, expected) => {
		expect(parseValue('boolean', input)).toEqual(expected);
	});
});

describe('parseValue: rating', () => {
	it.each<[string, ParsedValue]>([
		['weak', ok('weak')],
		['average', ok('average')],
		['fair', ok('fair')],
		['good', ok('good')],
		[' good ', ok('good')],
		['excellent', fail('unknown_choice')],
		['Good', fail('unknown_choice')],
		['3', fail('unknown_choice')],
		['yes', fail('unknown_choice')]
	])('%j → %j', (input, expected) => {
		expect(parseValue('rating', input)).toEqual(expected);
	});
});

describe('parseValue: percent', () => {
	it.each<[string, ParsedValue]>([
		['95,5', ok(95.5)],
		['95.5', ok(95.5)],
		['95,5 %', ok(95.5)],
		['95,5%', ok(95.5)],
		['95,5\u00a0%', ok(95.5)],
		['  95,5 %  ', ok(95.5)],
		['95,55', ok(95.55)],
		['95,50', ok(95.5)],
		['95,', ok(95)],
		['100', ok(100)],
		['100,00', ok(100)],
		['+50', ok(50)],
		['0', ok(0)],
		['-0', ok(0)],
		['0,00', ok(0)],
		[',5', ok(0.5)],
		['.5', ok(0.5)],
		['007', ok(7)],
		['100,01', fail('percent_range')],
		['120', fail('percent_range')],
		['-1', fail('percent_range')],
		['-0,5', fail('percent_range')],
		['−1', fail('percent_range')],
		['abc', fail('not_a_number')],
		['1,2,3', fail('not_a_number')],
		['1.2.3', fail('not_a_number')],
		['95,5 % %', fail('not_a_number')],
		['%', fail('not_a_number')],
		[',', fail('not_a_number')],
		['.', fail('not_a_number')],
		['-', fail('not_a_number')],
		['1e2', fail('not_a_number')],
		['0x10', fail('not_a_number')],
		['Infinity', fail('not_a_number')],
		['NaN', fail('not_a_number')],
		['95,5 điểm', fail('not_a_number')],
		['95,555', fail('too_precise')],
		['0,001', fail('too_precise')]
	])('%j → %j', (input, expected) => {
		expect(parseValue('percent', input)).toEqual(expected);
	});

	it('reads -0 as a plain 0', () => {
		const parsed = parseValue('percent', '-0');
		expect(parsed.ok && Object.is(parsed.value, 0)).toBe(true);
	});
});

describe('parseValue: percent_change', () => {
	it.each<[string, ParsedValue]>([
		['-12,5', ok(-12.5)],
		['−12,5', ok(-12.5)],
		['-12.5', ok(-12.5)],
		['-12,5 %', ok(-12.5)],
		['- 12,5', ok(-12.5)],
		['+3', ok(3)],
		['3', ok(3)],
		['0', ok(0)],
		['-0', ok(0)],
		['-0,00', ok(0)],
		['-100', ok(-100)],
		['-100,00', ok(-100)],
		['10000', ok(10_000)],
		['250,25', ok(250.25)],
		['-101', fail('change_range')],
		['-100,01', fail('change_range')],
		['10001', fail('change_range')],
		['10000,01', fail('change_range')],
		['abc', fail('not_a_number')],
		['--5', fail('not_a_number')],
		['+-5', fail('not_a_number')],
		['1,2,3', fail('not_a_number')],
		['-12,555', fail('too_precise')]
	])('%j → %j', (input, expected) => {
		expect(parseValue('percent_change', input)).toEqual(expected);
	});

	it.each(['-0', '−0', '-0,0', '+0'])('reads %j as +0, not -0', (input) => {
		const parsed = parseValue('percent_change', input);
		expect(parsed).toEqual(ok(0));
		expect(parsed.ok && Object.is(parsed.value, 0)).toBe(true);
	});

	it('reports the range error of its own type, not the share one', () => {
		expect(parseValue('percent', '150')).toEqual(fail('percent_range'));
		expect(parseValue('percent_change', '150')).toEqual(ok(150));
	});
});

describe('parseValue: count', () => {
	it.each<[string, ParsedValue]>([
		['12', ok(12)],
		['+12', ok(12)],
		['  12  ', ok(12)],
		['0', ok(0)],
		['007', ok(7)],
		['1.250', ok(1250)],
		['1 250', ok(1250)],
		['1\u00a0250', ok(1250)],
		['1,250', ok(1250)],
		['1.250.000', ok(1_250_000)],
		['1 250 000', ok(1_250_000)],
		['1000000000', ok(1_000_000_000)],
		['1.000.000.000', ok(1_000_000_000)],
		['-3', fail('negative')],
		['−3', fail('negative')],
		['- 3', fail('negative')],
		['-2,5', fail('negative')],
		['-1.250', fail('negative')],
		['2,5', fail('not_whole')],
		// '2.5' is not a thousands group: a group needs exactly three digits.
		['2.5', fail('not_whole')],
		['1.25', fail('not_whole')],
		['1.2500', fail('not_whole')],
		['12,0', fail('not_whole')],
		[',5', fail('not_whole')],
		['abc', fail('not_a_number')],
		['-abc', fail('not_a_number')],
		['-', fail('not_a_number')],
		['12 người', fail('not_a_number')],
		['1e3', fail('not_a_number')],
		['1.2.3', fail('not_a_number')],
		['12.34.567', fail('not_a_number')],
		['1,250.5', fail('not_a_number')],
		['2000000000', fail('too_large')],
		['1000000001', fail('too_large')],
		['1.000.000.001', fail('too_large')],
		['99999999999999999999999', fail('too_large')]
	])('%j → %j', (input, expected) => {
		expect(parseValue('count', input)).toEqual(expected);
	});
});

describe('formatInput', () => {
	it.each<[CriterionValue, 'vi' | 'en' | undefined, string]>([
		[null, undefined, ''],
		[null, 'en', ''],
		[true, undefined, 'yes'],
		[false, undefined, 'no'],
		[true, 'en', 'yes'],
		['good', undefined, 'good'],
		['weak', 'en', 'weak'],
		[95.5, undefined, '95,5'],
		[95.5, 'vi', '95,5'],
		[95.5, 'en', '95.5'],
		[12, undefined, '12'],
		[12, 'en', '12'],
		[0, undefined, '0'],
		[-3.25, 'vi', '-3,25'],
		[-3.25, 'en', '-3.25'],
		[1_000_000_000, 'vi', '1000000000']
	])('formatInput(%j, %s) is %j', (value, locale, expected) => {
		expect(formatInput(value, locale)).toBe(expected);
	});
});

describe('parseValue(formatInput(value)) round-trips', () => {
	const VALUES: Record<CriterionType, CriterionValue[]> = {
		boolean: [null, true, false],
		rating: [null, 'weak', 'average', 'fair', 'good'],
		percent: [null, 0, 0.5, 12.25, 95.5, 99.99, 100],
		percent_change: [null, -100, -12.5, -0.01, 0, 3, 250.75, 10_000],
		count: [null, 0, 1, 12, 1250, 999_999_999, 1_000_000_000]
	};

	it.each(
		CRITERION_TYPES.flatMap((type) =>
			VALUES[type].flatMap((value) =>
				(['vi', 'en'] as const).map((locale): [CriterionType, CriterionValue, 'vi' | 'en'] => [
					type,
					value,
					locale
				])
			)
		)
	)('%s %j in %s', (type, value, locale) => {
		expect(parseValue(type, formatInput(value, locale))).toEqual(ok(value));
	});
});

describe('sameValue', () => {
	it.each<[CriterionValue | undefined, CriterionValue | undefined, boolean]>([
		[null, null, true],
		[undefined, undefined, true],
		[null, undefined, true],
		[undefined, null, true],
		[0, false, false],
		[false, 0, false],
		[0, null, false],
		[false, null, false],
		[undefined, false, false],
		[1, 1, true],
		[1, 2, false],
		[1, true, false],
		[95.5, 95.5, true],
		[0, -0, true],
		[true, true, true],
		[true, false, false],
		['good', 'good', true],
		['good', 'fair', false]
	])('sameValue(%j, %j) is %s', (a, b, expected) => {
		expect(sameValue(a, b)).toBe(expected);
	});
});
