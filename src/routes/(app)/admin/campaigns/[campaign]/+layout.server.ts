import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import { getDb } from '$lib/server/db';
import { orError } from '$lib/server/http/respond';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	requireCampaignAdmin(event);
	const campaign = await orError(campaignOf(getDb(), event.params.campaign));
	return {
		adminCampaign: { code: campaign.code, name_vi: campaign.name_vi, name_en: campaign.name_en }
	};
};
