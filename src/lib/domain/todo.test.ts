import { describe, expect, it } from 'vitest';
import { deadlineOf, officerTodo, queueTodo, type OfficerPeriod } from './todo';

// 2026-12-01 20:00 in Vietnam: 13:00 UTC.
const NOW = new Date('2026-12-01T13:00:00Z');

function period(overrides: Partial<OfficerPeriod>): OfficerPeriod {
	return {
		campaignCode: 'CAP',
		period: '2026-Q4',
		periodStatus: 'open',
		// 2026-12-31 23:59 in Vietnam.
		closesAt: new Date('2026-12-31T16:59:00Z'),
		extensionUntil: null,
		status: null,
		submittedAt: null,
		returnedAt: null,
		returnReason: null,
		...overrides
	};
}

describe('officerTodo', () => {
	it('starts a period with no assessment and continues a draft, with days to the deadline', () => {
		const { tasks, sent } = officerTodo(
			[period({ campaignCode: 'A' }), period({ campaignCode: 'B', status: 'draft' })],
			NOW
		);
		expect(tasks.map((t) => [t.campaignCode, t.action, t.deadline, t.daysLeft])).toEqual([
			['B', 'continue', '2026-12-31', 30],
			['A', 'start', '2026-12-31', 30]
		]);
		expect(sent).toEqual([]);
	});

	it('puts a returned assessment first, with the reviewer’s reason', () => {
		const returned = period({
			campaignCode: 'Z',
			status: 'draft',
			submittedAt: new Date('2026-11-20T02:00:00Z'),
			returnedAt: new Date('2026-11-25T02:00:00Z'),
			returnReason: 'Thiếu biên bản',
			closesAt: new Date('2027-03-31T16:59:00Z')
		});
		const { tasks } = officerTodo([period({ status: 'draft' }), returned], NOW);
		expect(tasks[0]).toMatchObject({
			campaignCode: 'Z',
			action: 'fix',
			returnReason: 'Thiếu biên bản'
		});
		expect(tasks[1].action).toBe('continue');
	});

	it('does not call a draft returned once it was submitted again after the return', () => {
		const resubmittedThenReopened = period({
			status: 'draft',
			returnedAt: new Date('2026-11-01T02:00:00Z'),
			submittedAt: new Date('2026-11-05T02:00:00Z')
		});
		expect(officerTodo([resubmittedThenReopened], NOW).tasks[0].action).toBe('continue');
	});

	it('orders by the nearest deadline and counts days in Vietnam', () => {
		// 2026-12-03 23:59 in Vietnam is 16:59 UTC: two days from 2026-12-01.
		const soon = period({ campaignCode: 'B', closesAt: new Date('2026-12-03T16:59:00Z') });
		const { tasks } = officerTodo([period({ campaignCode: 'A' }), soon], NOW);
		expect(tasks.map((t) => [t.campaignCode, t.daysLeft])).toEqual([
			['B', 2],
			['A', 30]
		]);
		// Late in the evening UTC it is already the next day in Vietnam.
		const late = officerTodo([soon], new Date('2026-12-01T18:00:00Z'));
		expect(late.tasks[0].daysLeft).toBe(1);
	});

	it('leaves out periods that no longer take the unit’s work, unless an extension holds', () => {
		const closed = period({ periodStatus: 'closed', closesAt: new Date('2026-11-30T16:59:00Z') });
		const past = period({ closesAt: new Date('2026-11-30T16:59:00Z') });
		const extended = period({
			campaignCode: 'X',
			periodStatus: 'closed',
			closesAt: new Date('2026-11-30T16:59:00Z'),
			extensionUntil: new Date('2026-12-10T16:59:00Z')
		});
		const planned = period({ periodStatus: 'planned' });
		const { tasks } = officerTodo([closed, past, extended, planned], NOW);
		expect(tasks.map((t) => [t.campaignCode, t.deadline, t.daysLeft])).toEqual([
			['X', '2026-12-10', 9]
		]);
	});

	it('lists sent assessments apart and forgets superseded ones', () => {
		const { tasks, sent } = officerTodo(
			[
				period({ campaignCode: 'A', status: 'submitted' }),
				period({ campaignCode: 'B', status: 'approved' }),
				period({ campaignCode: 'C', status: 'superseded' })
			],
			NOW
		);
		expect(tasks).toEqual([]);
		expect(sent.map((t) => [t.campaignCode, t.status])).toEqual([
			['A', 'submitted'],
			['B', 'approved']
		]);
	});
});

describe('deadlineOf', () => {
	it('is the closing unless a later extension was granted', () => {
		const closesAt = new Date('2026-12-31T16:59:00Z');
		expect(deadlineOf({ closesAt, extensionUntil: null })).toBe(closesAt);
		const earlier = new Date('2026-12-01T00:00:00Z');
		expect(deadlineOf({ closesAt, extensionUntil: earlier })).toBe(closesAt);
		const later = new Date('2027-01-15T00:00:00Z');
		expect(deadlineOf({ closesAt, extensionUntil: later })).toBe(later);
	});
});

describe('queueTodo', () => {
	it('puts the longest-waiting group first and counts its days in Vietnam', () => {
		const tasks = queueTodo(
			[
				{
					campaignCode: 'A',
					period: '2026-Q4',
					count: 3,
					oldest: new Date('2026-11-30T02:00:00Z')
				},
				// 2026-11-21 00:30 in Vietnam (20 November UTC): ten days before 2026-12-01.
				{ campaignCode: 'B', period: '2026-Q3', count: 1, oldest: new Date('2026-11-20T17:30:00Z') }
			],
			NOW
		);
		expect(tasks.map((t) => [t.campaignCode, t.count, t.daysWaiting])).toEqual([
			['B', 1, 10],
			['A', 3, 1]
		]);
	});
});
