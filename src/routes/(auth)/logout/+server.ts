import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { writeAudit } from '$lib/server/audit/repository';
import { clientAddress } from '$lib/server/auth/client';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const { locals, cookies, url } = event;
	if (locals.session && locals.user) {
		const db = getDb();
		await invalidateSession(db, locals.session.id);
		await writeAudit(db, {
			actor: { id: locals.user.id, username: locals.user.username },
			action: 'auth.sign_out',
			entityType: 'user',
			entityId: locals.user.id,
			unitId: locals.user.unitId,
			ip: clientAddress(event)
		});
	}
	clearSessionCookie(cookies, url);
	redirect(303, localizeHref('/login'));
};
