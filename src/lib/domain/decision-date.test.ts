import { describe, expect, it } from 'vitest';
import { decisionDateError, earliestDecisionDate } from './decision-date';

const bounds = { today: '2026-11-27', campaignStart: '2025-01-01', periodStart: '2026-10-01' };

describe('decisionDateError', () => {
	it('accepts a date from the period start up to today', () => {
		expect(decisionDateError('2026-10-01', bounds)).toBeNull();
		expect(decisionDateError('2026-11-27', bounds)).toBeNull();
		expect(decisionDateError(' 2026-11-01 ', bounds)).toBeNull();
	});

	it('refuses an empty, malformed or impossible date', () => {
		expect(decisionDateError('', bounds)).toBe('decision_date_required');
		expect(decisionDateError('  ', bounds)).toBe('decision_date_required');
		expect(decisionDateError('27/11/2026', bounds)).toBe('decision_date_invalid');
		expect(decisionDateError('2026-02-30', bounds)).toBe('decision_date_invalid');
	});

	it('refuses a date after today', () => {
		expect(decisionDateError('2026-11-28', bounds)).toBe('decision_date_future');
	});

	it('refuses a date before the assessed period began', () => {
		expect(decisionDateError('2026-09-30', bounds)).toBe('decision_date_before_period');
		// Before the campaign too: the period's start is the later bound, so it is the one named.
		expect(decisionDateError('2023-01-01', bounds)).toBe('decision_date_before_period');
	});

	it('refuses a date before the campaign began when the period began earlier', () => {
		const early = { ...bounds, campaignStart: '2026-10-15' };
		expect(decisionDateError('2026-10-14', early)).toBe('decision_date_before_campaign');
		expect(decisionDateError('2026-10-15', early)).toBeNull();
	});
});

describe('earliestDecisionDate', () => {
	it('is the later of the two starts, the period on a tie', () => {
		expect(earliestDecisionDate(bounds)).toEqual({ date: '2026-10-01', by: 'period' });
		expect(
			earliestDecisionDate({ campaignStart: '2026-11-01', periodStart: '2026-10-01' })
		).toEqual({ date: '2026-11-01', by: 'campaign' });
		expect(
			earliestDecisionDate({ campaignStart: '2026-10-01', periodStart: '2026-10-01' })
		).toEqual({ date: '2026-10-01', by: 'period' });
	});
});
