import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './authorization';
import {
	STATUSES,
	TRANSITIONS,
	acceptsSubmission,
	availableTransitions,
	canEdit,
	checkTransition,
	hasProblems,
	isStatus,
	isTransition,
	submissionProblems,
	type Status,
	type SubmissionCriterion,
	type SubmissionWindow,
	type Transition,
	type TransitionCheck
} from './workflow';

/** Refused: this role never takes the step. */
const ROLE: TransitionCheck = { ok: false, reason: 'role' };
/** Refused: the role takes the step, but not from this status. */
const STATUS: TransitionCheck = { ok: false, reason: 'status' };
const to = (status: Status, needsReason: boolean): TransitionCheck => ({
	ok: true,
	to: status,
	needsReason
});

// The whole workflow written out cell by cell (status → transition → role): changing who may take
// which step from where must change this table.
const EXPECTED: Record<Status, Record<Transition, Record<Role, TransitionCheck>>> = {
	draft: {
		submit: {
			ward_officer: to('submitted', false),
			district_reviewer: ROLE,
			province_admin: ROLE,
			leader: ROLE
		},
		verify: {
			ward_officer: ROLE,
			district_reviewer: STATUS,
			province_admin: ROLE,
			leader: ROLE
		},
		return: {
			ward_officer: ROLE,
			district_reviewer: STATUS,
			province_admin: STATUS,
			leader: ROLE
		},
		approve: {
			ward_officer: ROLE,
			district_reviewer: ROLE,
			province_admin: STATUS,
			leader: ROLE
		},
		reopen: {
			ward_officer: ROLE,
			district_reviewer: ROLE,
			province_admin: STATUS,
			leader: ROLE
		}
	},
	submitted: {
		submit: {
			ward_officer: STATUS,
			district_reviewer: ROLE,
			province_admin: ROLE,
			leader: ROLE
		},
		verify: {
			ward_officer: ROLE,
			district_reviewer: to('verified', false),
			province_admin: ROLE,
			leader: ROLE
		},
		return: {
			ward_officer: ROLE,
			district_reviewer: to('draft', true),
			province_admin: STATUS,
			leader: ROLE
		},
		approve: {
			ward_officer: ROLE,
			district_reviewer: ROLE,
			province_admin: STATUS,
			leader: ROLE
		},
		reopen: {
			ward_officer: ROLE,
			district_reviewer: ROLE,
			province_admin: STATUS,
			leader: ROLE
		}
	},
	verified: {
		submit: {
			ward_officer: STATUS,
			district_reviewer: ROLE,
			province_admin: ROLE,
			leader: ROLE
		},
		verify: {
			ward_officer: ROLE,
			district_reviewer: STATUS,
			province_admin: ROLE,
			leader: ROLE
		},
		return: {
			ward_officer: ROLE,
			district_reviewer: STATUS,
			province_admin: to('draft', true),
			leader: ROLE
		},
		approve: {
			ward_officer: ROLE,
			district_reviewer: ROLE,
			province_admin: to('approved', false),
			leader: ROLE
		},
		reopen: {
			ward_officer: ROLE,
			district_reviewer: ROLE,
			province_admin: STATUS,
			leader: ROLE
		}
	},
	approved: {
		submit: {
			ward_officer: STATUS,
			district_reviewer: ROLE,
			province_admin: ROLE,
			leader: ROLE
		},
		verify: {
			ward_officer: ROLE,
			district_reviewer: STATUS,
			province_admin: ROLE,
			leader: ROLE
		},
		return: {
			ward_officer: ROLE,
			district_reviewer: STATUS,
			province_admin: STATUS,
			leader: ROLE
		},
		approve: {
			ward_officer: ROLE,
			district_reviewer: ROLE,
			province_admin: STATUS,
			leader: ROLE
		},
		reopen: {
			ward_officer: ROLE,
			district_reviewer: ROLE,
			province_admin: to('draft', true),
			leader: ROLE
		}
	},
	// A superseded assessment (its unit retired) takes no step at all.
	superseded: {
		submit: { ward_officer: STATUS, district_reviewer: ROLE, province_admin: ROLE, leader: ROLE },
		verify: { ward_officer: ROLE, district_reviewer: STATUS, province_admin: ROLE, leader: ROLE },
		return: { ward_officer: ROLE, district_reviewer: STATUS, province_admin: STATUS, leader: ROLE },
		approve: { ward_officer: ROLE, district_reviewer: ROLE, province_admin: STATUS, leader: ROLE },
		reopen: { ward_officer: ROLE, district_reviewer: ROLE, province_admin: STATUS, leader: ROLE }
	}
};

const CASES: [Status, Transition, Role, TransitionCheck][] = STATUSES.flatMap((status) =>
	TRANSITIONS.flatMap((transition) =>
		ROLES.map((role): [Status, Transition, Role, TransitionCheck] => [
			status,
			transition,
			role,
			EXPECTED[status][transition][role]
		])
	)
);

describe('constants', () => {
	it('lists the statuses and transitions in workflow order', () => {
		expect(STATUSES).toEqual(['draft', 'submitted', 'verified', 'approved', 'superseded']);
		expect(TRANSITIONS).toEqual(['submit', 'verify', 'return', 'approve', 'reopen']);
	});
});

describe('checkTransition', () => {
	it('covers every status × transition × role', () => {
		expect(CASES).toHaveLength(STATUSES.length * TRANSITIONS.length * ROLES.length);
		expect(CASES).toHaveLength(100);
	});

	it.each(CASES)('%s —%s→ as %s gives %j', (status, transition, role, expected) => {
		expect(checkTransition(status, transition, role)).toEqual(expected);
	});

	it('allows exactly six combinations', () => {
		const allowed = CASES.filter(
			([status, transition, role]) => checkTransition(status, transition, role).ok
		).map(([status, transition, role]) => `${status} ${transition} ${role}`);
		expect(allowed).toEqual([
			'draft submit ward_officer',
			'submitted verify district_reviewer',
			'submitted return district_reviewer',
			'verified return province_admin',
			'verified approve province_admin',
			'approved reopen province_admin'
		]);
	});

	it('never lets a leader take any step', () => {
		for (const status of STATUSES) {
			for (const transition of TRANSITIONS) {
				expect(checkTransition(status, transition, 'leader')).toEqual(ROLE);
			}
		}
	});

	it('always moves a return or a reopening back to draft, with a reason', () => {
		for (const [status, transition, role] of CASES) {
			const check = checkTransition(status, transition, role);
			if (!check.ok) continue;
			const backwards = transition === 'return' || transition === 'reopen';
			expect(check.needsReason).toBe(backwards);
			if (backwards) expect(check.to).toBe('draft');
		}
	});
});

describe('availableTransitions', () => {
	const AVAILABLE: Record<Status, Record<Role, Transition[]>> = {
		draft: {
			ward_officer: ['submit'],
			district_reviewer: [],
			province_admin: [],
			leader: []
		},
		submitted: {
			ward_officer: [],
			district_reviewer: ['verify', 'return'],
			province_admin: [],
			leader: []
		},
		verified: {
			ward_officer: [],
			district_reviewer: [],
			province_admin: ['return', 'approve'],
			leader: []
		},
		approved: {
			ward_officer: [],
			district_reviewer: [],
			province_admin: ['reopen'],
			leader: []
		},
		superseded: {
			ward_officer: [],
			district_reviewer: [],
			province_admin: [],
			leader: []
		}
	};

	it.each(
		STATUSES.flatMap((status) =>
			ROLES.map((role): [Status, Role, Transition[]] => [status, role, AVAILABLE[status][role]])
		)
	)('%s as %s offers %j', (status, role, expected) => {
		expect(availableTransitions(status, role)).toEqual(expected);
	});

	it('offers only steps checkTransition accepts', () => {
		for (const status of STATUSES) {
			for (const role of ROLES) {
				for (const transition of availableTransitions(status, role)) {
					expect(checkTransition(status, transition, role).ok).toBe(true);
				}
			}
		}
	});
});

describe('canEdit', () => {
	const EDITABLE: Record<Status, Record<Role, boolean>> = {
		draft: {
			ward_officer: true,
			district_reviewer: false,
			province_admin: false,
			leader: false
		},
		submitted: {
			ward_officer: false,
			district_reviewer: false,
			province_admin: false,
			leader: false
		},
		verified: {
			ward_officer: false,
			district_reviewer: false,
			province_admin: false,
			leader: false
		},
		approved: {
			ward_officer: false,
			district_reviewer: false,
			province_admin: false,
			leader: false
		},
		superseded: {
			ward_officer: false,
			district_reviewer: false,
			province_admin: false,
			leader: false
		}
	};

	it.each(
		STATUSES.flatMap((status) =>
			ROLES.map((role): [Status, Role, boolean] => [status, role, EDITABLE[status][role]])
		)
	)('%s as %s: %s', (status, role, expected) => {
		expect(canEdit(status, role)).toBe(expected);
	});
});

describe('isStatus', () => {
	it.each<[unknown, boolean]>([
		['draft', true],
		['submitted', true],
		['verified', true],
		['approved', true],
		['Draft', false],
		['draft ', false],
		['returned', false],
		['submit', false],
		['', false],
		[0, false],
		[null, false],
		[undefined, false],
		[['draft'], false],
		[{ status: 'draft' }, false]
	])('isStatus(%j) is %s', (value, expected) => {
		expect(isStatus(value)).toBe(expected);
	});
});

describe('isTransition', () => {
	it.each<[unknown, boolean]>([
		['submit', true],
		['verify', true],
		['return', true],
		['approve', true],
		['reopen', true],
		['Submit', false],
		['revoke', false],
		['draft', false],
		['', false],
		[1, false],
		[null, false],
		[undefined, false],
		[['submit'], false]
	])('isTransition(%j) is %s', (value, expected) => {
		expect(isTransition(value)).toBe(expected);
	});
});

describe('submissionProblems', () => {
	const criteria: SubmissionCriterion[] = [
		{ code: 'C1', evidenceRequired: true },
		{ code: 'C2', evidenceRequired: false },
		{ code: 'C3', evidenceRequired: true },
		{ code: 'C4', evidenceRequired: false },
		{ code: 'C5', evidenceRequired: true }
	];
	const all = new Set(criteria.map((criterion) => criterion.code));

	it('is empty when every criterion is answered and every required file is there', () => {
		const problems = submissionProblems(criteria, all, new Set(['C1', 'C3', 'C5']));
		expect(problems).toEqual({ unanswered: [], missingEvidence: [] });
		expect(hasProblems(problems)).toBe(false);
	});

	it('does not ask for evidence where none is required', () => {
		const problems = submissionProblems(
			[{ code: 'C2', evidenceRequired: false }],
			new Set(['C2']),
			new Set()
		);
		expect(problems).toEqual({ unanswered: [], missingEvidence: [] });
	});

	it('lists unanswered criteria in the criteria order, not the set order', () => {
		const problems = submissionProblems(criteria, new Set(['C4', 'C2']), all);
		expect(problems.unanswered).toEqual(['C1', 'C3', 'C5']);
		expect(problems.missingEvidence).toEqual([]);
	});

	it('lists missing evidence only for criteria that require it, in criteria order', () => {
		const problems = submissionProblems(criteria, all, new Set(['C3']));
		expect(problems.unanswered).toEqual([]);
		expect(problems.missingEvidence).toEqual(['C1', 'C5']);
	});

	it('reports a criterion both unanswered and missing its evidence in both lists', () => {
		const problems = submissionProblems(criteria, new Set(), new Set());
		expect(problems).toEqual({
			unanswered: ['C1', 'C2', 'C3', 'C4', 'C5'],
			missingEvidence: ['C1', 'C3', 'C5']
		});
	});

	it('ignores answers and files for codes outside the criteria', () => {
		const problems = submissionProblems(
			criteria.slice(0, 2),
			new Set(['C1', 'X9']),
			new Set(['C3', 'X9'])
		);
		expect(problems).toEqual({ unanswered: ['C2'], missingEvidence: ['C1'] });
	});

	it('ignores evidence on a criterion that does not require it', () => {
		const problems = submissionProblems(criteria, all, new Set(['C1', 'C2', 'C3', 'C4', 'C5']));
		expect(problems).toEqual({ unanswered: [], missingEvidence: [] });
	});

	it('has nothing to report for an empty criteria set', () => {
		expect(submissionProblems([], new Set(['C1']), new Set())).toEqual({
			unanswered: [],
			missingEvidence: []
		});
	});
});

describe('hasProblems', () => {
	it.each<[string[], string[], boolean]>([
		[[], [], false],
		[['C1'], [], true],
		[[], ['C1'], true],
		[['C1', 'C2'], ['C3'], true]
	])('unanswered %j, missing evidence %j: %s', (unanswered, missingEvidence, expected) => {
		expect(hasProblems({ unanswered, missingEvidence })).toBe(expected);
	});
});

describe('acceptsSubmission', () => {
	const closesAt = new Date('2026-06-30T16:59:59.000Z');
	const before = new Date('2026-06-15T00:00:00.000Z');
	const after = new Date('2026-07-10T00:00:00.000Z');
	const extension = new Date('2026-07-15T16:59:59.000Z');
	const expired = new Date('2026-07-05T00:00:00.000Z');
	const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

	const window = (
		periodStatus: SubmissionWindow['periodStatus'],
		extensionUntil: Date | null = null
	): SubmissionWindow => ({ periodStatus, closesAt, extensionUntil });

	it.each<[string, boolean, SubmissionWindow, Date]>([
		['planned, before it closes', false, window('planned'), before],
		['planned, at its close', false, window('planned'), closesAt],
		['planned, after it closes', false, window('planned'), after],
		['planned, within an extension', false, window('planned', extension), after],
		['planned, before close, with an extension', false, window('planned', extension), before],
		['open, before it closes', true, window('open'), before],
		['open, exactly at its close', true, window('open'), closesAt],
		['open, a millisecond before its close', true, window('open'), ms(closesAt, -1)],
		['open, a millisecond after its close', false, window('open'), ms(closesAt, 1)],
		['open, after it closes', false, window('open'), after],
		['open, after close, within an extension', true, window('open', extension), after],
		['open, after close, at the end of an extension', true, window('open', extension), extension],
		[
			'open, after close, a millisecond past an extension',
			false,
			window('open', extension),
			ms(extension, 1)
		],
		['open, after close, past an expired extension', false, window('open', expired), after],
		['open, before close, with an expired extension', true, window('open', expired), before],
		[
			'open, before close, with an extension ending earlier',
			true,
			window('open', ms(closesAt, -86_400_000)),
			ms(closesAt, -1000)
		],
		['closed, before its close date, without extension', false, window('closed'), before],
		['closed, at its close date, without extension', false, window('closed'), closesAt],
		['closed, after its close date, without extension', false, window('closed'), after],
		['closed, within an extension', true, window('closed', extension), after],
		['closed, exactly at the end of an extension', true, window('closed', extension), extension],
		[
			'closed, a millisecond past an extension',
			false,
			window('closed', extension),
			ms(extension, 1)
		],
		['closed, past an expired extension', false, window('closed', expired), after],
		[
			'closed, before its close date, within an extension',
			true,
			window('closed', extension),
			before
		]
	])('%s: %s', (_label, expected, submissionWindow, now) => {
		expect(acceptsSubmission(submissionWindow, now)).toBe(expected);
	});

	it('compares instants, not Date identities', () => {
		expect(acceptsSubmission(window('open'), new Date(closesAt.getTime()))).toBe(true);
		expect(acceptsSubmission(window('closed', extension), new Date(extension.getTime()))).toBe(
			true
		);
	});
});
