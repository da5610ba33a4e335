import { error, fail } from '@sveltejs/kit';
import { requireAdmin, type AdminActor } from '$lib/server/auth/guards';
import { readForm } from '$lib/server/http/form';
import { findUserInScope, listAssignableUnits } from '$lib/server/admin/users/repository';
import {
	resetUserPassword,
	setUserActive,
	updateUser,
	type AccountResult
} from '$lib/server/admin/users/service';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const db = getDb();
	const [user, units] = await Promise.all([
		findUserInScope(db, actor.scopePath, event.params.user),
		listAssignableUnits(db, actor.scopePath)
	]);
	// Outside the scope, a user does not exist, as units do not elsewhere in the app.
	if (!user) error(404, 'Not found');
	return { user, units, self: user.id === actor.id };
};

function accountOutcome<T extends object>(result: AccountResult, done: T) {
	if (!result.ok && 'notFound' in result) error(404, 'Not found');
	if (!result.ok) return fail(400, { account: true, errors: result.errors });
	return done;
}

async function toggle(event: Parameters<Actions[string]>[0], actor: AdminActor, active: boolean) {
	const result = await setUserActive(getDb(), actor, event.params.user!, active);
	return accountOutcome(result, active ? { reactivated: true } : { deactivated: true });
}

export const actions: Actions = {
	update: async (event) => {
		const actor = requireAdmin(event);
		const { values } = await readForm(event.request);
		const result = await updateUser(getDb(), actor, event.params.user, {
			displayName: values.display_name ?? '',
			role: values.role ?? '',
			unitCode: values.unit_code ?? '',
			revision: values.revision ?? ''
		});
		if (!result.ok && 'notFound' in result) error(404, 'Not found');
		// A stale save shows the latest row (reloaded) with the refusal; other errors keep what was typed.
		if (!result.ok) {
			const status = result.errors.form === 'stale' ? 409 : 400;
			return fail(status, { edit: true, errors: result.errors, values });
		}
		return { saved: true };
	},
	deactivate: (event) => toggle(event, requireAdmin(event), false),
	reactivate: (event) => toggle(event, requireAdmin(event), true),
	reset: async (event) => {
		const actor = requireAdmin(event);
		const result = await resetUserPassword(getDb(), actor, event.params.user);
		// The new temporary password lives in this response only.
		return accountOutcome(result, { password: result.ok ? result.password : undefined });
	}
};
