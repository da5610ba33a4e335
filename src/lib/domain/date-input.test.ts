import { describe, expect, it } from 'vitest';
import { dateFromInput, dateInputText, parseDateInput } from './date-input';

describe('parseDateInput', () => {
	it.each([
		['01/03/2023', '2023-03-01'],
		['1/3/2023', '2023-03-01'],
		['01-03-2023', '2023-03-01'],
		['1-3-2023', '2023-03-01'],
		['1.3.2023', '2023-03-01'],
		['01.03.2023', '2023-03-01'],
		['30/11/2026', '2026-11-30'],
		['9/12/2026', '2026-12-09']
	])('reads %s day first as %s', (typed, iso) => {
		expect(parseDateInput(typed)).toBe(iso);
	});

	it('reads ISO dates, padded or not', () => {
		expect(parseDateInput('2023-03-01')).toBe('2023-03-01');
		expect(parseDateInput('2023-3-1')).toBe('2023-03-01');
	});

	it('forgives spaces around the date and its separators', () => {
		expect(parseDateInput('  01/03/2023 ')).toBe('2023-03-01');
		expect(parseDateInput('1 / 3 / 2023')).toBe('2023-03-01');
		expect(parseDateInput('\t2023-03-01\n')).toBe('2023-03-01');
	});

	it('knows leap years', () => {
		expect(parseDateInput('29/02/2024')).toBe('2024-02-29');
		expect(parseDateInput('29/02/2000')).toBe('2000-02-29');
		expect(parseDateInput('29/02/2023')).toBeNull();
		expect(parseDateInput('29/02/1900')).toBeNull();
		expect(parseDateInput('2023-02-29')).toBeNull();
	});

	it.each(['31/02/2025', '31/04/2025', '00/01/2025', '1/0/2025', '32/01/2025', '1/13/2025'])(
		'refuses the impossible day %s',
		(typed) => expect(parseDateInput(typed)).toBeNull()
	);

	it.each([
		'',
		'   ',
		'1/3/23',
		'1/3',
		'01/03-2023',
		'1//3/2023',
		'001/03/2023',
		'01/03/20234',
		'2023/03/01',
		'2023-003-01',
		'mồng 1/3/2023',
		'01/03/2023 10:00',
		'tomorrow'
	])('refuses %j, which is not a date written in full', (typed) => {
		expect(parseDateInput(typed)).toBeNull();
	});
});

describe('dateFromInput', () => {
	it('keeps a readable date as ISO', () => {
		expect(dateFromInput(' 1/3/2023 ')).toBe('2023-03-01');
	});

	it('keeps anything else as typed, trimmed, for the form to refuse and echo', () => {
		expect(dateFromInput(' 31/02/2025 ')).toBe('31/02/2025');
		expect(dateFromInput('')).toBe('');
	});
});

describe('dateInputText', () => {
	it('shows a day as dd/mm/yyyy', () => {
		expect(dateInputText('2023-03-01')).toBe('01/03/2023');
	});

	it('shows what was typed when it is not a day, and nothing for no value', () => {
		expect(dateInputText('31/02/2025')).toBe('31/02/2025');
		expect(dateInputText('1/3/2023')).toBe('1/3/2023');
		expect(dateInputText(null)).toBe('');
		expect(dateInputText(undefined)).toBe('');
	});
});
