import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listCampaigns } from '$lib/server/campaigns/repository';
import { localizeHref } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

// Until sign-in lands, everyone's home is the first campaign's province dashboard.
export const load: PageServerLoad = async () => {
	const [first] = await listCampaigns(getDb());
	if (first) redirect(303, localizeHref(`/campaigns/${first.code}`));
	return {};
};
