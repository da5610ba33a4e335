import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { changePassword, type PasswordRefusalBody } from '$lib/server/auth/account';
import { clientAddress } from '$lib/server/auth/client';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { refused } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { mustChange: user.mustChangePassword };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const { values } = await readForm(event.request);
		const field = (name: string) => values[name] ?? '';
		let result;
		try {
			result = await changePassword(getDb(), user, {
				current: field('current'),
				next: field('next'),
				confirm: field('confirm'),
				address: clientAddress(event)
			});
		} catch (failure) {
			// Passwords are never echoed back: nothing else was typed on this form.
			return refused<object, PasswordRefusalBody>(failure);
		}
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		if (user.mustChangePassword) redirect(303, localizeHref('/'));
		return { saved: true };
	}
};
