// Assembles a dashboard of one unit's children (the province's districts, a district's communes).
import { error } from '@sveltejs/kit';
import { vnDate } from '../../domain/periods';
import type { Kysely } from 'kysely';
import { defaultPeriod, listCampaigns, listPeriods } from '../campaigns/repository';
import type { Campaign, Database } from '../db/schema';
import { loadGroupFigures } from './province';

export async function loadDashboard(
	db: Kysely<Database>,
	campaign: Campaign,
	root: { id: number; code: string; name: string; path: string },
	requestedPeriod: string | null,
	today = vnDate(new Date())
) {
	const [campaigns, periods] = await Promise.all([listCampaigns(db), listPeriods(db, campaign.id)]);
	const period = requestedPeriod
		? periods.find((candidate) => candidate.label === requestedPeriod)
		: defaultPeriod(periods, today);
	if (requestedPeriod && !period) error(404, 'Period not found');
	const rows = period
		? await loadGroupFigures(db, { campaignId: campaign.id, periodId: period.id, root })
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
		// A child with no unit of the campaign's kinds (a district without wards) has nothing to show.
		groups: rows.filter((row) => row.code !== null && row.units > 0),
		total: rows.find((row) => row.code === null) ?? null
	};
}

export type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;
