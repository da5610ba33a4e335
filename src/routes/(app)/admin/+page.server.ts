import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/admin/actor';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	redirect(303, localizeHref('/admin/campaigns'));
};
