import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { clientAddress, safeNext } from '$lib/server/auth/client';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { signIn } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, localizeHref('/'));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const values = { username };
		const missing = {
			username: username === '',
			password: password === ''
		};
		if (missing.username || missing.password) return fail(400, { values, missing });
		const result = await signIn(getDb(), {
			username,
			password,
			address: clientAddress(event)
		});
		if (!result.ok && result.reason === 'throttled') {
			const seconds = Math.ceil((result.retryAt.getTime() - Date.now()) / 1000);
			event.setHeaders({ 'retry-after': String(Math.max(seconds, 1)) });
			return fail(429, { values, throttled: result.retryAt.toISOString() });
		}
		if (!result.ok) return fail(400, { values, invalid: true });
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		const next = result.mustChangePassword
			? localizeHref('/account/password')
			: (safeNext(event.url.searchParams.get('next')) ?? localizeHref('/'));
		redirect(303, next);
	}
};
