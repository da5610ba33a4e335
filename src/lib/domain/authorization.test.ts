import { describe, expect, it } from 'vitest';
import {
	ACTIONS,
	decide,
	entersValues,
	homeOf,
	takesSteps,
	inScope,
	isRootScope,
	isRole,
	isScopeTop,
	mayAdministerCampaigns,
	mayOpenAssessment,
	mayRevokeRecognition,
	pathInScope,
	queueStatusOf,
	roleAllows,
	ROLES,
	type Action,
	type Actor,
	type Role
} from './authorization';

// The permission matrix written out cell by cell: changing what a role may do must change this table.
const EXPECTED: Record<Role, Record<Action, boolean>> = {
	ward_officer: {
		'dashboard.view': true,
		'assessment.view': true,
		'assessment.edit': true,
		'assessment.verify': false,
		'assessment.approve': false,
		'review.queue': false,
		'admin.manage': false
	},
	district_reviewer: {
		'dashboard.view': true,
		'assessment.view': true,
		'assessment.edit': false,
		'assessment.verify': true,
		'assessment.approve': false,
		'review.queue': true,
		'admin.manage': false
	},
	province_admin: {
		'dashboard.view': true,
		'assessment.view': true,
		'assessment.edit': false,
		'assessment.verify': false,
		'assessment.approve': true,
		'review.queue': true,
		'admin.manage': true
	},
	leader: {
		'dashboard.view': true,
		'assessment.view': true,
		'assessment.edit': false,
		'assessment.verify': false,
		'assessment.approve': false,
		'review.queue': false,
		'admin.manage': false
	}
};

const MATRIX: [Role, Action, boolean][] = ROLES.flatMap((role) =>
	ACTIONS.map((action): [Role, Action, boolean] => [role, action, EXPECTED[role][action]])
);

describe('ROLES and ACTIONS', () => {
	it('lists exactly the four roles the matrix covers', () => {
		expect(ROLES).toEqual(['ward_officer', 'district_reviewer', 'province_admin', 'leader']);
	});

	it('lists exactly the seven actions the matrix covers', () => {
		expect(ACTIONS).toEqual([
			'dashboard.view',
			'assessment.view',
			'assessment.edit',
			'assessment.verify',
			'assessment.approve',
			'review.queue',
			'admin.manage'
		]);
	});

	it('the matrix has one cell per role and action', () => {
		expect(MATRIX).toHaveLength(4 * 7);
	});
});

describe('roleAllows', () => {
	it.each(MATRIX)('%s may %s: %s', (role, action, allowed) => {
		expect(roleAllows(role, action)).toBe(allowed);
	});

	it.each<[Role, Action[]]>([
		['ward_officer', ['dashboard.view', 'assessment.view', 'assessment.edit']],
		[
			'district_reviewer',
			['dashboard.view', 'assessment.view', 'assessment.verify', 'review.queue']
		],
		[
			'province_admin',
			['dashboard.view', 'assessment.view', 'assessment.approve', 'review.queue', 'admin.manage']
		],
		['leader', ['dashboard.view', 'assessment.view']]
	])('%s is allowed exactly %j', (role, actions) => {
		expect(ACTIONS.filter((action) => roleAllows(role, action))).toEqual(actions);
	});

	it('every action is allowed to at least one role', () => {
		for (const action of ACTIONS) {
			expect(ROLES.some((role) => roleAllows(role, action))).toBe(true);
		}
	});
});

describe('inScope', () => {
	it.each<[string, string, boolean]>([
		// Own unit.
		['/40/', '/40/', true],
		['/40/412/', '/40/412/', true],
		['/40/412/16672/', '/40/412/16672/', true],
		// Descendants, one and two levels down.
		['/40/', '/40/412/', true],
		['/40/', '/40/412/16672/', true],
		['/40/412/', '/40/412/16672/', true],
		// Siblings and their subtrees.
		['/40/412/', '/40/413/', false],
		['/40/413/', '/40/412/', false],
		['/40/412/', '/40/413/16700/', false],
		['/40/412/16672/', '/40/412/16673/', false],
		// Ancestors.
		['/40/412/', '/40/', false],
		['/40/412/16672/', '/40/412/', false],
		['/40/412/16672/', '/40/', false],
		// Another province.
		['/40/', '/41/', false],
		['/40/412/', '/41/412/', false],
		// The prefix trap: '/40/41/' is a textual prefix of '/40/412' but not its ancestor.
		['/40/41/', '/40/412/', false],
		['/40/41/', '/40/412/16672/', false],
		['/4/', '/40/', false],
		['/40/412/1667/', '/40/412/16672/', false],
		// …and the short unit's own subtree is still in scope.
		['/40/41/', '/40/41/7/', true]
	])('an actor scoped to %s sees %s: %s', (scopePath, unitPath, expected) => {
		expect(inScope({ role: 'leader', scopePath }, unitPath)).toBe(expected);
	});

	it.each(ROLES)('does not depend on the role (%s)', (role) => {
		expect(inScope({ role, scopePath: '/40/412/' }, '/40/412/16672/')).toBe(true);
		expect(inScope({ role, scopePath: '/40/412/' }, '/40/413/')).toBe(false);
	});
});

describe('decide', () => {
	const actor = (role: Role): Actor => ({ role, scopePath: '/40/412/' });

	describe.each<[string, string]>([
		['a sibling', '/40/413/'],
		['the parent', '/40/'],
		['a prefix-trap unit', '/40/4121/'],
		['another province', '/41/412/']
	])('out of scope (%s, %s)', (_label, unitPath) => {
		it.each(MATRIX)('%s doing %s is not_found', (role, action) => {
			expect(decide(actor(role), action, unitPath)).toBe('not_found');
		});
	});

	describe.each<[string, string]>([
		['the own unit', '/40/412/'],
		['a descendant', '/40/412/16672/']
	])('in scope (%s, %s)', (_label, unitPath) => {
		it.each(MATRIX)('%s doing %s (allowed: %s)', (role, action, allowed) => {
			expect(decide(actor(role), action, unitPath)).toBe(allowed ? 'allow' : 'forbidden');
		});
	});

	it('an out-of-scope unit is not_found even for the most privileged role and action', () => {
		expect(decide({ role: 'province_admin', scopePath: '/40/' }, 'admin.manage', '/41/')).toBe(
			'not_found'
		);
	});

	it('an in-scope unit without the permission is forbidden, not not_found', () => {
		expect(decide({ role: 'leader', scopePath: '/40/' }, 'admin.manage', '/40/412/')).toBe(
			'forbidden'
		);
	});
});

describe('a malformed scope path', () => {
	it('without its trailing slash holds nothing, not every code sharing its prefix', () => {
		expect(inScope({ role: 'leader', scopePath: '/40/41' }, '/40/412/')).toBe(false);
		expect(inScope({ role: 'leader', scopePath: '' }, '/40/')).toBe(false);
	});
});

describe('isRole', () => {
	it.each(ROLES)('%j is a role', (value) => {
		expect(isRole(value)).toBe(true);
	});

	it.each<[string, unknown]>([
		['an unknown name', 'admin'],
		['a differently cased role', 'Leader'],
		['an upper-cased role', 'WARD_OFFICER'],
		['a role with a leading space', ' leader'],
		['a role with a trailing space', 'province_admin '],
		['a role with a hyphen', 'ward-officer'],
		['an action', 'dashboard.view'],
		['the empty string', ''],
		['null', null],
		['undefined', undefined],
		['a number', 0],
		['a boolean', true],
		['an array holding a role', ['leader']],
		['an object', { role: 'leader' }],
		['a String object', new String('leader')]
	])('%s is not a role', (_label, value) => {
		expect(isRole(value)).toBe(false);
	});
});

describe('isRootScope', () => {
	it('holds for the top of the tree only', () => {
		expect(isRootScope('/40/')).toBe(true);
		expect(isRootScope('/40/412/')).toBe(false);
		expect(isRootScope('/40/412/16672/')).toBe(false);
	});
});

describe('pathInScope', () => {
	it('tests a subtree by its path, never by a shared prefix of codes', () => {
		expect(pathInScope('/40/412/16672/', '/40/412/')).toBe(true);
		expect(pathInScope('/40/412/', '/40/412/')).toBe(true);
		expect(pathInScope('/40/4120/', '/40/412/')).toBe(false);
		expect(pathInScope('/40/412/', '/40/412')).toBe(false);
	});
});

describe('isScopeTop', () => {
	it('is the scope unit itself, not one below it', () => {
		expect(isScopeTop({ scopePath: '/40/412/' }, '/40/412/')).toBe(true);
		expect(isScopeTop({ scopePath: '/40/412/' }, '/40/412/16672/')).toBe(false);
	});
});

describe('mayAdministerCampaigns', () => {
	it('takes an administrator of the whole tree', () => {
		expect(mayAdministerCampaigns({ role: 'province_admin', scopePath: '/40/' })).toBe(true);
		expect(mayAdministerCampaigns({ role: 'province_admin', scopePath: '/40/412/' })).toBe(false);
		expect(mayAdministerCampaigns({ role: 'leader', scopePath: '/40/' })).toBe(false);
	});
});

describe('homeOf', () => {
	const home = (role: Role, scopePath: string, root: string | null = '/40/') =>
		homeOf({ role, scopePath }, root);

	it('gives whoever takes workflow steps a to-do list, and leaders the dashboard', () => {
		expect(home('district_reviewer', '/40/412/')).toBe('todo');
		expect(home('ward_officer', '/40/412/16672/')).toBe('todo');
		expect(home('province_admin', '/40/')).toBe('todo');
		expect(home('province_admin', '/40/412/')).toBe('todo');
		expect(home('leader', '/40/')).toBe('dashboard');
	});

	it('counts officers, reviewers and approvers as taking steps, not leaders', () => {
		expect(ROLES.filter(takesSteps)).toEqual([
			'ward_officer',
			'district_reviewer',
			'province_admin'
		]);
	});

	it('sends a district-scoped leader to its own unit page', () => {
		expect(home('leader', '/40/412/')).toBe('unit');
		expect(home('leader', '/40/', null)).toBe('unit');
	});
});

describe('the review queue and the steps around it', () => {
	it('shows each reviewer what waits for its decision', () => {
		expect(queueStatusOf('district_reviewer')).toBe('submitted');
		expect(queueStatusOf('province_admin')).toBe('verified');
	});

	it('lets only the approving role revoke a recognition', () => {
		expect(ROLES.filter(mayRevokeRecognition)).toEqual(['province_admin']);
	});

	it('lets only officers enter values, and open an assessment while the period is open', () => {
		expect(ROLES.filter(entersValues)).toEqual(['ward_officer']);
		expect(mayOpenAssessment('ward_officer', 'open')).toBe(true);
		expect(mayOpenAssessment('ward_officer', 'planned')).toBe(false);
		expect(mayOpenAssessment('ward_officer', 'closed')).toBe(false);
		expect(mayOpenAssessment('leader', 'open')).toBe(false);
	});
});
