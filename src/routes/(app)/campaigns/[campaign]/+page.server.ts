import { error } from '@sveltejs/kit';
import { requireScope, requireUser } from '$lib/server/auth/guards';
import { findCampaignByCode } from '$lib/server/campaigns/repository';
import { dashboardOptions, loadDashboard } from '$lib/server/dashboard/service';
import { getDb } from '$lib/server/db';
import { findCampaignRoot } from '$lib/server/units/repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = getDb();
	const campaign = await findCampaignByCode(db, event.params.campaign);
	if (!campaign) error(404, 'Campaign not found');
	const root = await findCampaignRoot(db, campaign.id);
	requireScope(event, 'dashboard.view', root);
	return loadDashboard(db, campaign, root!, dashboardOptions(event.url));
};
