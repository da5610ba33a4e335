// The assessment workflow: draft → submitted → verified → approved, with returns and reopening.
// Pure: the one answer to "may this role take this step from this status", used by the server's
// services and by the page to offer only the steps that would succeed.
import type { Role } from './authorization';
import { ASSESSMENT_STATUSES, isAssessmentStatus, type AssessmentStatus } from './vocabulary';

export const STATUSES = ASSESSMENT_STATUSES;
export type Status = AssessmentStatus;

export const TRANSITIONS = ['submit', 'verify', 'return', 'approve', 'reopen'] as const;
export type Transition = (typeof TRANSITIONS)[number];

interface Rule {
	from: Status;
	to: Status;
	role: Role;
	/** A reason is required and kept in the audit trail. */
	needsReason: boolean;
}

/**
 * Each step, with who takes it. The district verifies or returns what a unit submitted; the
 * province approves or returns what the district verified, and may reopen an approved assessment
 * to correct it (its recognition is then revoked by the service).
 */
const RULES: Record<Transition, readonly Rule[]> = {
	submit: [{ from: 'draft', to: 'submitted', role: 'ward_officer', needsReason: false }],
	verify: [{ from: 'submitted', to: 'verified', role: 'district_reviewer', needsReason: false }],
	return: [
		{ from: 'submitted', to: 'draft', role: 'district_reviewer', needsReason: true },
		{ from: 'verified', to: 'draft', role: 'province_admin', needsReason: true }
	],
	approve: [{ from: 'verified', to: 'approved', role: 'province_admin', needsReason: false }],
	reopen: [{ from: 'approved', to: 'draft', role: 'province_admin', needsReason: true }]
};

export type TransitionCheck =
	| { ok: true; to: Status; needsReason: boolean }
	/** `role`: this role never takes the step; `status`: not from the assessment's status. */
	| { ok: false; reason: 'role' | 'status' };

export function checkTransition(
	status: Status,
	transition: Transition,
	role: Role
): TransitionCheck {
	const rules = RULES[transition];
	if (!rules.some((rule) => rule.role === role)) return { ok: false, reason: 'role' };
	const rule = rules.find((candidate) => candidate.role === role && candidate.from === status);
	if (!rule) return { ok: false, reason: 'status' };
	return { ok: true, to: rule.to, needsReason: rule.needsReason };
}

/** The steps this role can take now, in workflow order. */
export function availableTransitions(status: Status, role: Role): Transition[] {
	return TRANSITIONS.filter((transition) => checkTransition(status, transition, role).ok);
}

/** Values, notes and evidence change only while the assessment is a draft, and only by its officers. */
export function canEdit(status: Status, role: Role): boolean {
	return status === 'draft' && role === 'ward_officer';
}

export const isStatus = isAssessmentStatus;

export function isTransition(value: unknown): value is Transition {
	return typeof value === 'string' && (TRANSITIONS as readonly string[]).includes(value);
}

export interface SubmissionCriterion {
	code: string;
	evidenceRequired: boolean;
}

export interface SubmissionProblems {
	/** Criteria with no answer. */
	unanswered: string[];
	/** Criteria that require evidence and have no file. */
	missingEvidence: string[];
}

/** What stands between a draft and its submission; empty lists mean it may be submitted. */
export function submissionProblems(
	criteria: readonly SubmissionCriterion[],
	answered: ReadonlySet<string>,
	withEvidence: ReadonlySet<string>
): SubmissionProblems {
	return {
		unanswered: criteria.filter((c) => !answered.has(c.code)).map((c) => c.code),
		missingEvidence: criteria
			.filter((c) => c.evidenceRequired && !withEvidence.has(c.code))
			.map((c) => c.code)
	};
}

export function hasProblems(problems: SubmissionProblems): boolean {
	return problems.unanswered.length > 0 || problems.missingEvidence.length > 0;
}

export interface SubmissionWindow {
	periodStatus: 'planned' | 'open' | 'closed';
	closesAt: Date;
	/** An extension the province granted this unit, if any. */
	extensionUntil: Date | null;
}

/**
 * Whether a period takes a unit's submission now: a planned period not yet, an open one until it
 * closes, a closed one only within an extension granted to the unit.
 */
export function acceptsSubmission(window: SubmissionWindow, now: Date): boolean {
	if (window.periodStatus === 'planned') return false;
	const withinExtension = window.extensionUntil !== null && now <= window.extensionUntil;
	if (window.periodStatus === 'closed') return withinExtension;
	return now <= window.closesAt || withinExtension;
}
