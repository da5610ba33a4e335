// Guards called by every protected load and action. Out-of-scope units answer 404 so their
// existence is not revealed; a forbidden action answers 403.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import {
	decide,
	mayAdministerCampaigns,
	roleAllows,
	type Action,
	type Role
} from '../../domain/authorization';
import { localizeHref } from '$lib/paraglide/runtime';
import { clientAddress } from './client';
import type { SessionUser } from './session';

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	// The session could not be looked up (the database is unavailable): answer 503, not sign-in.
	if (event.locals.unavailable) throw event.locals.unavailable;
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname + event.url.search;
		redirect(303, localizeHref(`/login?next=${encodeURIComponent(next)}`));
	}
	return user;
}

/** For actions that are not about one unit (the review queue, administration). */
export function requireRole(event: Pick<RequestEvent, 'locals' | 'url'>, action: Action) {
	const user = requireUser(event);
	if (!roleAllows(user.role, action)) error(403, 'Forbidden');
	return user;
}

/** For anything about a unit: the unit must be in the user's subtree, the action in the role. */
export function requireScope(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	action: Action,
	unit: { path: string } | undefined | null
): SessionUser {
	const user = requireUser(event);
	if (!unit) error(404, 'Not found');
	const decision = decide(user, action, unit.path);
	if (decision === 'not_found') error(404, 'Not found');
	if (decision === 'forbidden') error(403, 'Forbidden');
	return user;
}

/** Who is administering: what every administration service needs for its checks and audit. */
export interface AdminActor {
	id: number;
	username: string;
	role: Role;
	/** Materialised path of the admin's scope unit. */
	scopePath: string;
	/** A reporting area the admin is also scoped to, if any (see ./area-scope.ts). */
	areaId?: number | null;
	ip: string | null;
}

type AdminEvent = Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'>;

/** Every /admin load and action starts here, so no administration write goes unauthorised. */
export function requireAdmin(event: AdminEvent): AdminActor {
	const user = requireRole(event, 'admin.manage');
	return {
		id: user.id,
		username: user.username,
		role: user.role,
		scopePath: user.scopePath,
		areaId: user.areaId,
		ip: clientAddress(event)
	};
}

/** Campaigns, their criteria, roadmap and periods: an administrator of the whole tree only. */
export function requireCampaignAdmin(event: AdminEvent): AdminActor {
	const actor = requireAdmin(event);
	if (!mayAdministerCampaigns(actor)) error(403, 'Forbidden');
	return actor;
}
