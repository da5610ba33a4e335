import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { mayAdministerCampaigns } from '$lib/domain/authorization';
import { requireAdmin } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const actor = requireAdmin(event);
	redirect(303, localizeHref(mayAdministerCampaigns(actor) ? '/admin/campaigns' : '/admin/units'));
};
