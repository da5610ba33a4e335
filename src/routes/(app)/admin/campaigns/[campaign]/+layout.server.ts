import { error } from '@sveltejs/kit';
import { requireCampaignAdmin } from '$lib/server/admin/actor';
import { findCampaignByCode } from '$lib/server/campaigns/repository';
import { getDb } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	requireCampaignAdmin(event);
	const campaign = await findCampaignByCode(getDb(), event.params.campaign);
	if (!campaign) error(404, 'Not found');
	return {
		adminCampaign: { code: campaign.code, name_vi: campaign.name_vi, name_en: campaign.name_en }
	};
};
