import { describe, expect, it } from 'vitest';
import {
	periodName,
	addDays,
	nextPeriodLabel,
	parsePeriodLabel,
	periodsAfter,
	quarterOf,
	quarterRange,
	type PeriodSpan
} from './periods';

describe('parsePeriodLabel', () => {
	it.each<[string, string, string]>([
		['2026-Q1', '2026-01-01', '2026-03-31'],
		['2026-Q2', '2026-04-01', '2026-06-30'],
		['2026-Q3', '2026-07-01', '2026-09-30'],
		['2026-Q4', '2026-10-01', '2026-12-31'],
		// A leap year changes nothing: no quarter ends in February.
		['2024-Q1', '2024-01-01', '2024-03-31'],
		['2023-Q2', '2023-04-01', '2023-06-30']
	])('quarter %s runs from %s to %s', (label, startsOn, endsOn) => {
		expect(parsePeriodLabel(label)).toEqual<PeriodSpan>({
			label,
			kind: 'quarter',
			startsOn,
			endsOn
		});
	});

	it.each<[string, string, string]>([
		['2026-H1', '2026-01-01', '2026-06-30'],
		['2026-H2', '2026-07-01', '2026-12-31'],
		['2024-H1', '2024-01-01', '2024-06-30']
	])('half %s runs from %s to %s', (label, startsOn, endsOn) => {
		expect(parsePeriodLabel(label)).toEqual<PeriodSpan>({ label, kind: 'half', startsOn, endsOn });
	});

	it.each(['2023', '2024', '2026'])('year %s runs from January 1 to December 31', (label) => {
		expect(parsePeriodLabel(label)).toEqual<PeriodSpan>({
			label,
			kind: 'year',
			startsOn: `${label}-01-01`,
			endsOn: `${label}-12-31`
		});
	});

	it.each([
		'2026-Q5',
		'2026-Q0',
		'26-Q1',
		'2026-q1',
		'2026-h1',
		'',
		'2026-H3',
		'2026-H0',
		'2026Q1',
		'2026-Q1 ',
		'2026-Q1\n',
		' 2026',
		'2026-',
		'20261',
		'Q1-2026',
		'2026-01-01'
	])('%j is not a period label', (label) => {
		expect(parsePeriodLabel(label)).toBeNull();
	});

	it('keeps the label it was given', () => {
		expect(parsePeriodLabel('2025-Q3')?.label).toBe('2025-Q3');
	});
});

describe('quarterOf', () => {
	it.each<[string, string]>([
		['2026-01-01', '2026-Q1'],
		['2026-03-31', '2026-Q1'],
		['2026-04-01', '2026-Q2'],
		['2026-06-30', '2026-Q2'],
		['2026-07-01', '2026-Q3'],
		['2026-09-30', '2026-Q3'],
		['2026-10-01', '2026-Q4'],
		['2026-12-31', '2026-Q4'],
		['2024-02-29', '2024-Q1'],
		['2023-12-31', '2023-Q4']
	])('date string %s is in %s', (date, quarter) => {
		expect(quarterOf(date)).toBe(quarter);
	});

	it.each<[string, string]>([
		['2026-01-01T00:00:00Z', '2026-Q1'],
		['2026-03-31T23:59:59.999Z', '2026-Q1'],
		['2026-04-01T00:00:00Z', '2026-Q2'],
		['2026-06-30T23:59:59Z', '2026-Q2'],
		['2026-07-01T00:00:00Z', '2026-Q3'],
		['2026-09-30T12:00:00Z', '2026-Q3'],
		['2026-10-01T00:00:00Z', '2026-Q4'],
		['2026-12-31T23:59:59.999Z', '2026-Q4'],
		['2027-01-01T00:00:00Z', '2027-Q1']
	])('Date %s is in %s', (iso, quarter) => {
		expect(quarterOf(new Date(iso))).toBe(quarter);
	});

	it('reads a Date on the UTC calendar, not the local one', () => {
		// Just after midnight on April 1 in Vietnam (UTC+7) is still March 31 in UTC.
		expect(quarterOf(new Date('2026-04-01T00:30:00+07:00'))).toBe('2026-Q1');
		// Just before midnight on December 31 at UTC-5 is already January 1 in UTC.
		expect(quarterOf(new Date('2026-12-31T23:30:00-05:00'))).toBe('2027-Q1');
	});

	it('agrees with parsePeriodLabel on every day of a year', () => {
		for (let day = 0; day < 366; day++) {
			const date = addDays('2024-01-01', day);
			const span = parsePeriodLabel(quarterOf(date));
			expect(span).not.toBeNull();
			expect(span!.startsOn <= date && date <= span!.endsOn).toBe(true);
		}
	});
});

describe('quarterRange', () => {
	it('spans year boundaries: 2023-Q2 to 2026-Q4 is 15 quarters', () => {
		const labels = quarterRange('2023-Q2', '2026-Q4');
		expect(labels).toHaveLength(15);
		expect(labels[0]).toBe('2023-Q2');
		expect(labels[labels.length - 1]).toBe('2026-Q4');
		expect(labels.slice(0, 4)).toEqual(['2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1']);
	});

	it('lists consecutive quarters with no gap or repeat', () => {
		const labels = quarterRange('2023-Q2', '2026-Q4');
		expect(new Set(labels).size).toBe(labels.length);
		for (let i = 1; i < labels.length; i++) {
			const previous = parsePeriodLabel(labels[i - 1])!;
			const current = parsePeriodLabel(labels[i])!;
			expect(current.kind).toBe('quarter');
			expect(addDays(previous.endsOn, 1)).toBe(current.startsOn);
		}
	});

	it.each<[string, string, string[]]>([
		['2026-Q1', '2026-Q1', ['2026-Q1']],
		['2025-Q4', '2025-Q4', ['2025-Q4']],
		['2025-Q4', '2026-Q1', ['2025-Q4', '2026-Q1']],
		['2025-Q3', '2026-Q2', ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']],
		['2026-Q1', '2026-Q4', ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']]
	])('from %s to %s is %j', (first, last, expected) => {
		expect(quarterRange(first, last)).toEqual(expected);
	});

	it.each<[string, string]>([
		['2026-Q2', '2026-Q1'],
		['2027-Q1', '2026-Q4'],
		['2026-Q4', '2023-Q2']
	])('is empty from %s to the earlier %s', (first, last) => {
		expect(quarterRange(first, last)).toEqual([]);
	});

	it.each<[string, string]>([
		['2026-H1', '2026-Q4'],
		['2026-Q1', '2026-H2'],
		['2026', '2026-Q4'],
		['2026-Q1', '2027'],
		['2026-Q5', '2026-Q4'],
		['', '2026-Q4'],
		['2026-q1', '2026-Q4'],
		// The last label is checked even when the range would be empty.
		['2027-Q1', '2026']
	])('throws for %j .. %j, which are not both quarters', (first, last) => {
		expect(() => quarterRange(first, last)).toThrow(/^Not a quarter: /);
	});

	it('names the offending label in the error', () => {
		expect(() => quarterRange('2026-Q1', '2026-H2')).toThrow('Not a quarter: 2026-H2');
	});
});

describe('addDays', () => {
	it.each<[string, number, string]>([
		['2026-01-15', 0, '2026-01-15'],
		['2026-01-15', 1, '2026-01-16'],
		['2026-01-31', 1, '2026-02-01'],
		['2026-04-30', 1, '2026-05-01'],
		['2026-02-28', 1, '2026-03-01'],
		['2026-12-31', 1, '2027-01-01'],
		['2026-12-25', 10, '2027-01-04'],
		['2024-02-28', 1, '2024-02-29'],
		['2024-02-29', 1, '2024-03-01'],
		['2024-02-28', 2, '2024-03-01'],
		['2024-01-01', 365, '2024-12-31'],
		['2025-01-01', 365, '2026-01-01'],
		['2026-10-01', 30, '2026-10-31'],
		['2026-09-30', 6, '2026-10-06']
	])('%s + %i days is %s', (date, days, expected) => {
		expect(addDays(date, days)).toBe(expected);
	});

	it.each<[string, number, string]>([
		['2026-01-15', -1, '2026-01-14'],
		['2026-03-01', -1, '2026-02-28'],
		['2024-03-01', -1, '2024-02-29'],
		['2024-03-01', -2, '2024-02-28'],
		['2027-01-01', -1, '2026-12-31'],
		['2026-06-30', -12, '2026-06-18'],
		['2025-01-10', -20, '2024-12-21'],
		['2024-12-31', -365, '2024-01-01']
	])('%s %i days is %s', (date, days, expected) => {
		expect(addDays(date, days)).toBe(expected);
	});

	it('undoes itself', () => {
		for (const days of [1, 29, 59, 60, 366, 1000]) {
			expect(addDays(addDays('2024-02-29', days), -days)).toBe('2024-02-29');
		}
	});
});

describe('nextPeriodLabel', () => {
	it('steps quarters, halves and years, across the year end', () => {
		expect(nextPeriodLabel('2026-Q3')).toBe('2026-Q4');
		expect(nextPeriodLabel('2026-Q4')).toBe('2027-Q1');
		expect(nextPeriodLabel('2026-H1')).toBe('2026-H2');
		expect(nextPeriodLabel('2026-H2')).toBe('2027-H1');
		expect(nextPeriodLabel('2026')).toBe('2027');
		expect(nextPeriodLabel('Q4')).toBeNull();
	});
});

describe('periodsAfter', () => {
	it('runs to the period that holds the date', () => {
		expect(periodsAfter('2026-Q4', '2027-12-31').map((span) => span.label)).toEqual([
			'2027-Q1',
			'2027-Q2',
			'2027-Q3',
			'2027-Q4'
		]);
		expect(periodsAfter('2027-H1', '2028-12-31').map((span) => span.endsOn)).toEqual([
			'2027-12-31',
			'2028-06-30',
			'2028-12-31'
		]);
	});

	it('is empty when the date is already covered', () => {
		expect(periodsAfter('2027-Q4', '2027-12-31')).toEqual([]);
	});
});

describe('periodName', () => {
	it.each([
		['2026-Q4', 'Quý IV/2026', 'Q4 2026'],
		['2024-Q1', 'Quý I/2024', 'Q1 2024'],
		['2027-Q2', 'Quý II/2027', 'Q2 2027'],
		['2027-Q3', 'Quý III/2027', 'Q3 2027'],
		['2026-H1', '6 tháng đầu năm 2026', 'First half of 2026'],
		['2026-H2', '6 tháng cuối năm 2026', 'Second half of 2026'],
		['2026', 'Năm 2026', 'Year 2026']
	])('names %s', (label, vi, en) => {
		expect(periodName(label, 'vi')).toBe(vi);
		expect(periodName(label, 'en')).toBe(en);
	});

	it('leaves what is not a period label alone', () => {
		expect(periodName('2026-Q5', 'vi')).toBe('2026-Q5');
		expect(periodName('', 'en')).toBe('');
	});
});
