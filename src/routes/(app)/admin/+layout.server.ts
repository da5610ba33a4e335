import { requireAdmin } from '$lib/server/admin/actor';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	requireAdmin(event);
	return {};
};
