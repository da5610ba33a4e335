// Opening a notification: it is marked read, then the page it tells of opens.
import { error, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { openNotification } from '$lib/server/notifications/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const id = Number(event.params.id);
	const target =
		Number.isSafeInteger(id) && id > 0 && (await openNotification(getDb(), user.id, id));
	// Another user's notification is not found, as a unit out of scope is.
	if (!target) error(404, 'Not found');
	redirect(303, localizeHref(target));
};
