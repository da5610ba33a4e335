import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { clientAddress, safeNext } from '$lib/server/auth/client';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { signIn, SignInThrottled, type SignedIn } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db';
import { ping } from '$lib/server/db/health';
import { readForm } from '$lib/server/http/form';
import { refused } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, localizeHref('/'));
	// Signing in needs the database: while it cannot be reached the page says so (503) rather
	// than offering a form that cannot work.
	await ping(getDb());
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { values: typed } = await readForm(event.request);
		const username = (typed.username ?? '').trim();
		const password = typed.password ?? '';
		const values = { username };
		const missing = {
			username: username === '',
			password: password === ''
		};
		if (missing.username || missing.password) return fail(400, { values, missing });
		let result: SignedIn;
		try {
			result = await signIn(getDb(), { username, password, address: clientAddress(event) });
		} catch (failure) {
			if (failure instanceof SignInThrottled) {
				const seconds = Math.ceil((failure.retryAt.getTime() - Date.now()) / 1000);
				event.setHeaders({ 'retry-after': String(Math.max(seconds, 1)) });
			}
			return refused<{ values: typeof values }, { invalid?: true; throttled?: string }>(failure, {
				values
			});
		}
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		const next = result.mustChangePassword
			? localizeHref('/account/password')
			: (safeNext(event.url.searchParams.get('next')) ?? localizeHref('/'));
		redirect(303, next);
	}
};
