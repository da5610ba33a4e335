import { describe, expect, it } from 'vitest';
import {
	audienceRoles,
	daysLeft,
	isEmailAddress,
	kindOfTransition,
	reminderDue,
	retryDelayMs
} from './notifications';

describe('notification audiences', () => {
	it('tells reviewers of a submission, approvers of a verification, officers of the rest', () => {
		expect(audienceRoles(kindOfTransition('submit'))).toEqual(['district_reviewer']);
		expect(audienceRoles(kindOfTransition('verify'))).toEqual(['province_admin']);
		for (const step of ['return', 'approve', 'reopen'] as const) {
			expect(audienceRoles(kindOfTransition(step))).toEqual(['ward_officer']);
		}
		expect(audienceRoles('reminder')).toEqual(['ward_officer']);
		expect(audienceRoles('extended')).toEqual(['ward_officer']);
	});
});

describe('reminders', () => {
	it('counts days in Vietnam, whatever the hour in UTC', () => {
		const deadline = new Date('2026-12-31T16:59:59Z'); // 23:59:59 on 31/12 in Vietnam
		expect(daysLeft(deadline, new Date('2026-12-30T17:00:00Z'))).toBe(0); // 00:00 on 31/12
		expect(daysLeft(deadline, new Date('2026-12-30T16:59:00Z'))).toBe(1); // 23:59 on 30/12
		expect(daysLeft(deadline, new Date('2026-12-24T02:00:00Z'))).toBe(7);
		expect(daysLeft(deadline, new Date('2027-01-01T01:00:00Z'))).toBe(-1);
	});

	it('falls due at 7, 3 and 1 days, the nearest threshold only', () => {
		expect([9, 8, 7, 6, 4, 3, 2, 1, 0, -1].map(reminderDue)).toEqual([
			null,
			null,
			7,
			7,
			7,
			3,
			3,
			1,
			1,
			null
		]);
	});
});

describe('mail', () => {
	it('retries after a minute, doubling, at most six hours', () => {
		expect([1, 2, 3, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 21_600_000]);
	});

	it('takes a plain address and refuses what is not one', () => {
		expect(isEmailAddress('can.bo@hungbinh.vinh.gov.vn')).toBe(true);
		for (const text of ['', 'can bo@x.vn', 'a@b', '@x.vn', 'a@@x.vn', `${'a'.repeat(250)}@x.vn`]) {
			expect(isEmailAddress(text)).toBe(false);
		}
	});
});
