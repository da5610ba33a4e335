// Who may do what, where. Pure: the one answer to "may this user do this action on this unit",
// used by every load and action through the guards in src/lib/server/auth/guards.ts. Every role
// and scope decision lives here (or in workflow.ts's table of steps): routes, components and
// services ask these functions and never compare a role or a path themselves.
import type { AssessmentStatus, PeriodStatus } from './vocabulary';

export const ROLES = ['ward_officer', 'district_reviewer', 'province_admin', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
	/** Read dashboards, reports and unit pages. */
	'dashboard.view',
	/** Read an assessment, its evidence and its history. */
	'assessment.view',
	/** Enter values, notes and evidence of a draft; submit it. */
	'assessment.edit',
	/** Verify a submitted assessment or return it. */
	'assessment.verify',
	/** Approve a verified assessment or return it; revoke a recognition. */
	'assessment.approve',
	/** See the queue of assessments waiting for review. */
	'review.queue',
	/** Campaigns, criteria sets, periods, units, users, audit log. */
	'admin.manage'
] as const;
export type Action = (typeof ACTIONS)[number];

const PERMISSIONS: Record<Role, readonly Action[]> = {
	ward_officer: ['dashboard.view', 'assessment.view', 'assessment.edit'],
	district_reviewer: ['dashboard.view', 'assessment.view', 'assessment.verify', 'review.queue'],
	province_admin: [
		'dashboard.view',
		'assessment.view',
		'assessment.approve',
		'review.queue',
		'admin.manage'
	],
	leader: ['dashboard.view', 'assessment.view']
};

export interface Actor {
	role: Role;
	/** Materialised path of the user's scope unit, e.g. '/40/412/'. */
	scopePath: string;
	/**
	 * A reporting area the user is also scoped to: within the unit scope, only the area's member
	 * units (and units under them). Null or absent: the whole unit scope.
	 */
	areaId?: number | null;
}

export function roleAllows(role: Role, action: Action): boolean {
	return PERMISSIONS[role].includes(action);
}

/**
 * A scope is a subtree of the unit tree, named by its top unit's materialised path. A unit is in
 * scope when it sits in that subtree (the top included).
 */
export function pathInScope(unitPath: string, scopePath: string): boolean {
	// A path always ends with '/': without it '/40/41' would also hold '/40/412/'.
	return scopePath.endsWith('/') && unitPath.startsWith(scopePath);
}

export function inScope(actor: Actor, unitPath: string): boolean {
	return pathInScope(unitPath, actor.scopePath);
}

/** The unit at the top of the actor's scope: it cannot move, retire or merge itself away. */
export function isScopeTop(actor: Pick<Actor, 'scopePath'>, unitPath: string): boolean {
	return unitPath === actor.scopePath;
}

/** A scope at the top of the tree: '/40/', not '/40/412/'. */
export function isRootScope(scopePath: string): boolean {
	return scopePath.split('/').filter(Boolean).length === 1;
}

/**
 * Campaigns, their criteria, roadmap and periods hold for the whole tree: only an administrator
 * whose scope is its top may change them. One with a district's scope manages its units and users.
 */
export function mayAdministerCampaigns(actor: Actor): boolean {
	return roleAllows(actor.role, 'admin.manage') && isRootScope(actor.scopePath);
}

/** Whether the role takes workflow steps: enters, verifies or approves assessments. */
export function takesSteps(role: Role): boolean {
	const steps: Action[] = ['assessment.edit', 'assessment.verify', 'assessment.approve'];
	return steps.some((action) => roleAllows(role, action));
}

/** What `/` shows a user: a to-do list, or sends them to a campaign's dashboard or a unit page. */
export type Home = 'todo' | 'dashboard' | 'unit';

/**
 * Whoever takes workflow steps (officers, reviewers, the approving administrators) starts at a
 * to-do list of them; leaders at the dashboard when their scope is the campaign's root (a
 * district's ones at their district's page).
 */
export function homeOf(actor: Actor, campaignRootPath: string | null): Home {
	if (takesSteps(actor.role)) return 'todo';
	return campaignRootPath === actor.scopePath ? 'dashboard' : 'unit';
}

/** The statuses a review queue can list, and the one waiting for this role's decision. */
export const QUEUE_STATUSES = ['submitted', 'verified'] as const satisfies AssessmentStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export function queueStatusOf(role: Role): QueueStatus {
	return roleAllows(role, 'assessment.approve') ? 'verified' : 'submitted';
}

/** Who may revoke a standing recognition: whoever approves. */
export function mayRevokeRecognition(role: Role): boolean {
	return roleAllows(role, 'assessment.approve');
}

/** Who may open a new assessment of a unit: its officers, while the period is open. */
export function mayOpenAssessment(role: Role, periodStatus: PeriodStatus): boolean {
	return roleAllows(role, 'assessment.edit') && periodStatus === 'open';
}

/** Who enters values, notes and evidence (while the assessment is a draft, see workflow.ts). */
export function entersValues(role: Role): boolean {
	return roleAllows(role, 'assessment.edit');
}

export type Decision = 'allow' | 'forbidden' | 'not_found';

/**
 * Out-of-scope units are reported as not found (their existence is not revealed);
 * an in-scope unit with an action the role lacks is forbidden.
 */
export function decide(actor: Actor, action: Action, unitPath: string): Decision {
	if (!inScope(actor, unitPath)) return 'not_found';
	return roleAllows(actor.role, action) ? 'allow' : 'forbidden';
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
