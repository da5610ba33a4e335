// Who is administering: every /admin load and action starts here, so no admin write goes
// unauthorised, and every service receives what its audit entries need.
import type { RequestEvent } from '@sveltejs/kit';
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
