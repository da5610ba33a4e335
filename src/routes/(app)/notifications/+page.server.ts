import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { loadNotifications, markAllNotificationsRead } from '$lib/server/notifications/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { items: await loadNotifications(getDb(), user.id) };
};

export const actions: Actions = {
	// Only the user's own notifications are marked: nothing to authorise beyond being signed in.
	markAll: async (event) => {
		const user = requireUser(event);
		const count = await markAllNotificationsRead(getDb(), user.id);
		return { markedAll: true, count };
	}
};
