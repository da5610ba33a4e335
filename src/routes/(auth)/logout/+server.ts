import { localizeHref } from '$lib/paraglide/runtime';
import { clientAddress } from '$lib/server/auth/client';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { signOut } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const { locals, cookies, url } = event;
	if (locals.session && locals.user) {
		await signOut(getDb(), locals.user, locals.session.id, clientAddress(event));
	}
	clearSessionCookie(cookies, url);
	// Dashboards are kept in the browser's cache to be revalidated (ETag): not after signing out.
	return new Response(null, {
		status: 303,
		headers: { location: localizeHref('/login'), 'Clear-Site-Data': '"cache"' }
	});
};
