// Who is administering: every /admin load and action starts here, so no admin write goes
// unauthorised, and every service receives what its audit entries need.
import { error, type RequestEvent } from '@sveltejs/kit';
import { isRootScope } from '../../domain/authorization';
import { clientAddress } from '../auth/client';
import { requireRole } from '../auth/guards';

export interface AdminActor {
	id: number;
	username: string;
	/** Materialised path of the admin's scope unit. */
	scopePath: string;
	ip: string | null;
}

export function requireAdmin(
	event: Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'>
): AdminActor {
	const user = requireRole(event, 'admin.manage');
	return {
		id: user.id,
		username: user.username,
		scopePath: user.scopePath,
		ip: clientAddress(event)
	};
}

/**
 * Campaigns, their criteria, roadmap and periods hold for the whole tree: only an administrator
 * whose scope is its top may change them. One with a district's scope manages its units and users.
 */
export function requireCampaignAdmin(
	event: Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'>
): AdminActor {
	const actor = requireAdmin(event);
	if (!isRootScope(actor.scopePath)) error(403, 'Forbidden');
	return actor;
}
