import { isRole } from '$lib/domain/user-import';
import { requireAdmin } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt } from '$lib/server/http/respond';
import {
	createUserByAdmin,
	listAssignableAreas,
	listAssignableUnits,
	listUsersInScope,
	USERS_PAGE_SIZE,
	type UserErrors,
	type UserFilters
} from '$lib/server/users/service';
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
	const [list, units, areas] = await Promise.all([
		listUsersInScope(db, actor, filters),
		listAssignableUnits(db, actor),
		listAssignableAreas(db)
	]);
	return {
		filters,
		users: list?.rows ?? [],
		total: list?.total ?? 0,
		pages: Math.max(1, Math.ceil((list?.total ?? 0) / USERS_PAGE_SIZE)),
		unitUnknown: list === null,
		units,
		areas
	};
};

type Created = { created: { username: string; password: string } };

export const actions: Actions = {
	create: async (event) => {
		const actor = requireAdmin(event);
		const { values } = await readForm(event.request);
		const echo = { create: true, values };
		return attempt<Created, typeof echo, { errors: UserErrors }>(async () => {
			const user = await createUserByAdmin(getDb(), actor, {
				username: values.username ?? '',
				displayName: values.display_name ?? '',
				role: values.role ?? '',
				unitCode: values.unit_code ?? '',
				areaRef: values.area ?? ''
			});
			// The temporary password lives in this response only: it is stored nowhere in clear.
			return { created: { username: user.username, password: user.password } };
		}, echo);
	}
};
