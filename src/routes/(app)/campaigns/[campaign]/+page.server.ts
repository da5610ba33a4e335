import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import {
	defaultPeriod,
	findCampaignByCode,
	listCampaigns,
	listPeriods
} from '$lib/server/campaigns/repository';
import { loadGroupFigures } from '$lib/server/dashboard/province';
import { findCampaignRoot } from '$lib/server/units/repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const db = getDb();
	const campaign = await findCampaignByCode(db, params.campaign);
	if (!campaign) error(404, 'Campaign not found');
	const [campaigns, periods, root] = await Promise.all([
		listCampaigns(db),
		listPeriods(db, campaign.id),
		findCampaignRoot(db, campaign.id)
	]);
	if (!root) error(404, 'No unit tree');
	const requested = url.searchParams.get('period');
	const today = new Date().toISOString().slice(0, 10);
	const period = requested
		? periods.find((candidate) => candidate.label === requested)
		: defaultPeriod(periods, today);
	if (requested && !period) error(404, 'Period not found');
	const rows = period
		? await loadGroupFigures(db, {
				campaignId: campaign.id,
				periodId: period.id,
				root
			})
		: [];
	return {
		campaign: {
			code: campaign.code,
			name_vi: campaign.name_vi,
			name_en: campaign.name_en,
			target_date: campaign.target_date,
			target_share: campaign.target_share
		},
		campaigns,
		periods: periods.map(({ label, status }) => ({ label, status })),
		period: period ? { label: period.label, status: period.status } : null,
		root: { code: root.code, name: root.name },
		// A district with no unit of the campaign's kinds (no wards, say) has nothing to show.
		groups: rows.filter((row) => row.code !== null && row.units > 0),
		total: rows.find((row) => row.code === null) ?? null
	};
};
