import { fail } from '@sveltejs/kit';
import { isEmailAddress } from '$lib/domain/notifications';
import { requireAdmin, type AdminActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import { findEmail, setEmail } from '$lib/server/notifications/email';
import {
	findUserForAdmin,
	listAssignableAreas,
	listAssignableUnits,
	resetUserPassword,
	setUserActive,
	updateUser,
	type UserErrors
} from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const db = getDb();
	// Outside the scope, a user does not exist, as units do not elsewhere in the app.
	const [user, units, areas] = await Promise.all([
		orError(findUserForAdmin(db, actor, event.params.user)),
		listAssignableUnits(db, actor),
		listAssignableAreas(db)
	]);
	return { user, units, areas, self: user.id === actor.id, email: await findEmail(db, user.id) };
};

type Refused = { errors: UserErrors };

/** The account's buttons: their answer, or the refusal beside them (404 when the user is gone). */
function account<T>(run: () => Promise<T>) {
	return attempt<T, { account: boolean }, Refused>(run, { account: true });
}

async function toggle(event: Parameters<Actions[string]>[0], actor: AdminActor, active: boolean) {
	return account(async () => {
		await setUserActive(getDb(), actor, event.params.user!, active);
		return active ? { reactivated: true } : { deactivated: true };
	});
}

export const actions: Actions = {
	update: async (event) => {
		const actor = requireAdmin(event);
		const { values } = await readForm(event.request);
		// A stale save (409) shows the latest row (reloaded) with the refusal; other errors (400)
		// keep what was typed.
		const echo = { edit: true, values };
		return attempt<{ saved: boolean }, typeof echo, Refused>(async () => {
			await updateUser(getDb(), actor, event.params.user, {
				displayName: values.display_name ?? '',
				role: values.role ?? '',
				unitCode: values.unit_code ?? '',
				areaRef: values.area ?? '',
				revision: values.revision ?? ''
			});
			return { saved: true };
		}, echo);
	},
	email: async (event) => {
		const actor = requireAdmin(event);
		const { values } = await readForm(event.request);
		const email = (values.email ?? '').trim();
		if (email !== '' && !isEmailAddress(email)) {
			return fail(400, { emailForm: true, email, emailError: 'email_invalid' });
		}
		// Outside the scope, the user does not exist (404).
		const user = await orError(findUserForAdmin(getDb(), actor, event.params.user));
		await orError(setEmail(getDb(), actor, user.id, email));
		return { emailSaved: true };
	},
	deactivate: (event) => toggle(event, requireAdmin(event), false),
	reactivate: (event) => toggle(event, requireAdmin(event), true),
	reset: async (event) => {
		const actor = requireAdmin(event);
		// The new temporary password lives in this response only.
		return account(() => resetUserPassword(getDb(), actor, event.params.user));
	}
};
