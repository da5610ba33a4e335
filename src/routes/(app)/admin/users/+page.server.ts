import { fail } from '@sveltejs/kit';
import { isRole } from '$lib/domain/user-import';
import { requireAdmin } from '$lib/server/auth/guards';
import { readForm } from '$lib/server/http/form';
import {
	listAssignableUnits,
	listUsers,
	USERS_PAGE_SIZE,
	type UserFilters
} from '$lib/server/admin/users/repository';
import { createUserByAdmin } from '$lib/server/admin/users/service';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

function filtersOf(params: URLSearchParams): UserFilters {
	const role = params.get('role') ?? '';
	const status = params.get('status');
	const page = Number(params.get('page'));
	return {
		q: (params.get('q') ?? '').trim().slice(0, 100),
		role: isRole(role) ? role : null,
		unit: (params.get('unit') ?? '').trim().slice(0, 32),
		status: status === 'active' || status === 'inactive' ? status : null,
		page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const filters = filtersOf(event.url.searchParams);
	const db = getDb();
	const [list, units] = await Promise.all([
		listUsers(db, actor.scopePath, filters),
		listAssignableUnits(db, actor.scopePath)
	]);
	return {
		filters,
		users: list?.rows ?? [],
		total: list?.total ?? 0,
		pages: Math.max(1, Math.ceil((list?.total ?? 0) / USERS_PAGE_SIZE)),
		unitUnknown: list === null,
		units
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireAdmin(event);
		const { values } = await readForm(event.request);
		const result = await createUserByAdmin(getDb(), actor, {
			username: values.username ?? '',
			displayName: values.display_name ?? '',
			role: values.role ?? '',
			unitCode: values.unit_code ?? ''
		});
		if (!result.ok) return fail(400, { create: true, errors: result.errors, values });
		// The temporary password lives in this response only: it is stored nowhere in clear.
		return { created: { username: result.username, password: result.password } };
	}
};
