import { clientAddress } from '$lib/server/auth/client';
import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt } from '$lib/server/http/respond';
import { findEmail, setEmail } from '$lib/server/notifications/email';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { email: await findEmail(getDb(), user.id) };
};

export const actions: Actions = {
	// The user's own address: being signed in is the whole authorisation.
	default: async (event) => {
		const user = requireUser(event);
		const { values } = await readForm(event.request);
		const email = values.email ?? '';
		return attempt(
			async () => {
				await setEmail(getDb(), { ...user, ip: clientAddress(event) }, user.id, email);
				return { saved: true };
			},
			{ email }
		);
	}
};
