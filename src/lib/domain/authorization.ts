// Who may do what, where. Pure: the one answer to "may this user do this action on this unit",
// used by every load and action through the guards in src/lib/server/auth/guards.ts.

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
}

export function roleAllows(role: Role, action: Action): boolean {
	return PERMISSIONS[role].includes(action);
}

/** A unit is in scope when it sits in the subtree of the user's scope unit. */
export function inScope(actor: Actor, unitPath: string): boolean {
	// A path always ends with '/': without it '/40/41' would also hold '/40/412/'.
	return actor.scopePath.endsWith('/') && unitPath.startsWith(actor.scopePath);
}

/** A scope at the top of the tree: '/40/', not '/40/412/'. */
export function isRootScope(scopePath: string): boolean {
	return scopePath.split('/').filter(Boolean).length === 1;
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
