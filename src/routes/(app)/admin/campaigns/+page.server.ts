import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { listAdminCampaigns } from '$lib/server/campaigns/service';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	return { campaigns: await listAdminCampaigns(getDb()) };
};
