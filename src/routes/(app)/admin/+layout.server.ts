import { mayAdministerCampaigns } from '$lib/domain/authorization';
import { requireAdmin } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const actor = requireAdmin(event);
	return { campaignAdmin: mayAdministerCampaigns(actor) };
};
