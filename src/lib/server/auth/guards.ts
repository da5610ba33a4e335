// Guards called by every protected load and action. Out-of-scope units answer 404 so their
// existence is not revealed; a forbidden action answers 403.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { decide, roleAllows, type Action } from '../../domain/authorization';
import { localizeHref } from '$lib/paraglide/runtime';
import type { SessionUser } from './session';

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
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
