import { describe, expect, it } from 'vitest';
import {
	closingMoment,
	isPeriodStep,
	MAX_PLANNED,
	parseExtensionForm,
	parsePeriodForm,
	parsePlanForm,
	parseVnMoment,
	planPeriods,
	stepTarget,
	stepsFrom,
	vnMomentValue
} from './period-plan';

const labels = (spans: { label: string }[]) => spans.map((span) => span.label);

describe('planPeriods', () => {
	it('lists the quarters a range touches, including partly covered ones', () => {
		expect(labels(planPeriods('quarter', '2026-11-15', '2027-04-01'))).toEqual([
			'2026-Q4',
			'2027-Q1',
			'2027-Q2'
		]);
	});

	it('gives each quarter its calendar dates', () => {
		expect(planPeriods('quarter', '2024-01-01', '2024-03-31')).toEqual([
			{ label: '2024-Q1', kind: 'quarter', startsOn: '2024-01-01', endsOn: '2024-03-31' }
		]);
	});

	it('plans halves and years', () => {
		expect(labels(planPeriods('half', '2026-06-30', '2027-07-01'))).toEqual([
			'2026-H1',
			'2026-H2',
			'2027-H1',
			'2027-H2'
		]);
		expect(planPeriods('year', '2026-03-01', '2027-12-31')).toEqual([
			{ label: '2026', kind: 'year', startsOn: '2026-01-01', endsOn: '2026-12-31' },
			{ label: '2027', kind: 'year', startsOn: '2027-01-01', endsOn: '2027-12-31' }
		]);
	});

	it('plans nothing for a range that ends before it starts', () => {
		expect(planPeriods('quarter', '2027-01-01', '2026-01-01')).toEqual([]);
	});

	it('plans one period for a single day', () => {
		expect(labels(planPeriods('half', '2026-07-01', '2026-07-01'))).toEqual(['2026-H2']);
	});
});

describe('closingMoment', () => {
	it('closes at 17:00 in Vietnam, the given days after the last day', () => {
		expect(closingMoment('2026-12-31', 15).toISOString()).toBe('2027-01-15T10:00:00.000Z');
		expect(closingMoment('2026-03-31', 0).toISOString()).toBe('2026-03-31T10:00:00.000Z');
	});
});

describe('period steps', () => {
	it('opens a planned period, closes an open one, reopens a closed one', () => {
		expect(stepTarget('planned', 'open')).toBe('open');
		expect(stepTarget('open', 'close')).toBe('closed');
		expect(stepTarget('closed', 'reopen')).toBe('open');
	});

	it('refuses a step from the wrong status', () => {
		expect(stepTarget('open', 'open')).toBeNull();
		expect(stepTarget('planned', 'close')).toBeNull();
		expect(stepTarget('open', 'reopen')).toBeNull();
		expect(stepTarget('closed', 'close')).toBeNull();
	});

	it('offers the steps each status allows', () => {
		expect(stepsFrom('planned')).toEqual(['open']);
		expect(stepsFrom('open')).toEqual(['close']);
		expect(stepsFrom('closed')).toEqual(['reopen']);
	});
});

describe('Vietnam moments in forms', () => {
	it('reads a moment as the pages show it, or as ISO, in Vietnam time', () => {
		expect(parseVnMoment('17:00 15/01/2027')?.toISOString()).toBe('2027-01-15T10:00:00.000Z');
		expect(parseVnMoment(' 15/1/2027  7:05 ')?.toISOString()).toBe('2027-01-15T00:05:00.000Z');
		expect(parseVnMoment('17h00 15-01-2027')?.toISOString()).toBe('2027-01-15T10:00:00.000Z');
		expect(parseVnMoment('2027-01-15T17:00')?.toISOString()).toBe('2027-01-15T10:00:00.000Z');
		expect(parseVnMoment('03:30 01/01/2027')?.toISOString()).toBe('2026-12-31T20:30:00.000Z');
	});

	it('refuses malformed or impossible moments', () => {
		expect(parseVnMoment('')).toBeNull();
		expect(parseVnMoment('15/01/2027')).toBeNull();
		expect(parseVnMoment('17:00')).toBeNull();
		expect(parseVnMoment('17:00 30/02/2027')).toBeNull();
		expect(parseVnMoment('24:00 15/01/2027')).toBeNull();
		expect(parseVnMoment('17:60 15/01/2027')).toBeNull();
		expect(parseVnMoment('2027-02-30T10:00')).toBeNull();
		expect(parseVnMoment('17:00 15/01/2027 thứ sáu')).toBeNull();
	});

	it('writes a moment back as the field shows it, and reads it back', () => {
		expect(vnMomentValue(new Date('2027-01-15T10:00:00Z'))).toBe('17:00 15/01/2027');
		expect(vnMomentValue(new Date('2026-12-31T20:30:00Z'))).toBe('03:30 01/01/2027');
		const moment = new Date('2026-12-31T16:59:00Z');
		expect(parseVnMoment(vnMomentValue(moment))).toEqual(moment);
	});
});

describe('planning limits', () => {
	it('stops one past the most a request may plan, even for a range to the end of time', () => {
		expect(planPeriods('quarter', '2026-01-01', '9999-12-31')).toHaveLength(MAX_PLANNED + 1);
	});

	it('stops at the last year a label can name', () => {
		expect(labels(planPeriods('year', '9999-06-01', '9999-12-31'))).toEqual(['9999']);
	});

	it('knows only its own steps', () => {
		expect(isPeriodStep('open')).toBe(true);
		expect(isPeriodStep('constructor')).toBe(false);
	});
});

describe('the periods’ forms', () => {
	const plan = {
		kind: 'quarter',
		from: ' 2026-10-01 ',
		to: '2027-06-30',
		close_days: '15',
		version_area: '2'
	};
	const area = ['area'] as const;
	const versions = { area: 2 };

	it('reads a plan, dates trimmed', () => {
		expect(parsePlanForm(plan, area)).toEqual({
			ok: true,
			value: { kind: 'quarter', from: '2026-10-01', to: '2027-06-30', closeDays: 15, versions }
		});
	});

	it('reads dates typed day first, as the date fields show them', () => {
		expect(parsePlanForm({ ...plan, from: '1/10/2026', to: '30.06.2027' }, area)).toEqual({
			ok: true,
			value: { kind: 'quarter', from: '2026-10-01', to: '2027-06-30', closeDays: 15, versions }
		});
		expect(parsePlanForm({ ...plan, from: '31/09/2026' }, area)).toEqual({
			ok: false,
			errors: { from: 'date_format' }
		});
	});

	it('names each wrong field of a plan', () => {
		expect(
			parsePlanForm(
				{ kind: 'month', from: '2026-02-30', to: '', close_days: '121', version_area: '0' },
				area
			)
		).toEqual({
			ok: false,
			errors: {
				kind: 'required',
				from: 'date_format',
				to: 'date_format',
				close_days: 'close_days',
				version_area: 'version_unpublished'
			}
		});
		expect(parsePlanForm({ ...plan, from: '2027-07-01', close_days: '1.5' }, area)).toEqual({
			ok: false,
			errors: { to: 'range_order', close_days: 'close_days' }
		});
	});

	it('reads a version per audience: the first one required, the others may wait', () => {
		const movement = ['area', 'agency', 'school'] as const;
		expect(
			parsePlanForm(
				{ ...plan, version_agency: '', version_school: '1', version_enterprise: '4' },
				movement
			)
		).toMatchObject({ ok: true, value: { versions: { area: 2, agency: null, school: 1 } } });
		expect(parsePlanForm({ ...plan, version_area: '', version_agency: 'v1' }, movement)).toEqual({
			ok: false,
			errors: { version_area: 'version_unpublished', version_agency: 'version_unpublished' }
		});
		expect(parsePlanForm({ ...plan, version_school: '3' }, ['school'])).toEqual({
			ok: true,
			value: {
				kind: 'quarter',
				from: '2026-10-01',
				to: '2027-06-30',
				closeDays: 15,
				versions: { school: 3 }
			}
		});
	});

	it('reads a period’s closing time and versions', () => {
		expect(
			parsePeriodForm({ closes_at: '2027-01-15T17:00', version_area: '1', version_school: '' }, [
				'area',
				'school'
			])
		).toEqual({
			ok: true,
			value: { closesAt: new Date('2027-01-15T10:00:00Z'), versions: { area: 1, school: null } }
		});
		expect(parsePeriodForm({ closes_at: '15/01/2027', version_area: 'v1' }, area)).toEqual({
			ok: false,
			errors: { closes_at: 'moment_format', version_area: 'version_unpublished' }
		});
	});

	it('reads an extension, and asks for every field', () => {
		expect(
			parseExtensionForm({ unit: ' 16672 ', until: '2027-02-01T17:00', reason: ' Mất điện ' })
		).toEqual({
			ok: true,
			value: { unitCode: '16672', until: new Date('2027-02-01T10:00:00Z'), reason: 'Mất điện' }
		});
		expect(parseExtensionForm({ unit: ' ', until: '2027-02-30T17:00' })).toEqual({
			ok: false,
			errors: { unit: 'required', until: 'moment_format', reason: 'required' }
		});
	});
});
