import { roleAllows, takesSteps } from '$lib/domain/authorization';
import { getDb } from '$lib/server/db';
import { unreadCount } from '$lib/server/notifications/service';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	// Read on every navigation (the path is a dependency), so the bell's count follows reads.
	void url.pathname;
	return {
		user: locals.user && {
			username: locals.user.username,
			displayName: locals.user.displayName,
			role: locals.user.role,
			unitName: locals.user.unitName,
			canReview: roleAllows(locals.user.role, 'review.queue'),
			canAdmin: roleAllows(locals.user.role, 'admin.manage'),
			/** Home is a to-do list rather than a dashboard. */
			hasTodo: takesSteps(locals.user.role),
			unread: await unreadCount(getDb(), locals.user.id)
		}
	};
};
