import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/auth/guards';
import { findHomeCampaign } from '$lib/server/campaigns/repository';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

// Each role's home (PRODUCT.md): officer → its unit, reviewer → the review queue,
// admin and leader → the dashboard.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (user.role === 'district_reviewer') redirect(303, localizeHref('/review'));
	const campaign = await findHomeCampaign(getDb(), user.unitId);
	if (!campaign) return {};
	if (user.role === 'ward_officer') {
		redirect(303, localizeHref(`/campaigns/${campaign.code}/units/${user.unitCode}`));
	}
	redirect(303, localizeHref(`/campaigns/${campaign.code}`));
};
