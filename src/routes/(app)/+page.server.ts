import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/auth/guards';
import { findHomeCampaign } from '$lib/server/campaigns/repository';
import { getDb } from '$lib/server/db';
import { findCampaignRoot } from '$lib/server/units/repository';
import type { PageServerLoad } from './$types';

// Each role's home (PRODUCT.md): officer → its unit, reviewer → the review queue,
// admin and leader → the dashboard of their scope (the province's, or a district's).
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (user.role === 'district_reviewer') redirect(303, localizeHref('/review'));
	const db = getDb();
	const campaign = await findHomeCampaign(db, user.scopePath);
	if (!campaign) return {};
	const root = await findCampaignRoot(db, campaign.id);
	if (user.role !== 'ward_officer' && root?.path === user.scopePath) {
		redirect(303, localizeHref(`/campaigns/${campaign.code}`));
	}
	redirect(303, localizeHref(`/campaigns/${campaign.code}/units/${user.unitCode}`));
};
