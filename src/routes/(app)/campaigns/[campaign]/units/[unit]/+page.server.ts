import { error } from '@sveltejs/kit';
import { requireScope, requireUser } from '$lib/server/auth/guards';
import { findCampaignByCode } from '$lib/server/campaigns/repository';
import { dashboardOptions, loadDashboard } from '$lib/server/dashboard/service';
import { getDb } from '$lib/server/db';
import { loadUnitStanding } from '$lib/server/units/unit-page';
import { findUnitByCode, hasChildren, listAncestors } from '$lib/server/units/repository';
import type { PageServerLoad } from './$types';

// A unit the campaign applies to gets its own page; a unit above such units, a dashboard of them.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const campaign = await findCampaignByCode(db, event.params.campaign);
	if (!campaign) error(404, 'Campaign not found');
	const unit = await findUnitByCode(db, event.params.unit);
	requireScope(event, 'dashboard.view', unit);
	const found = unit!;
	const breadcrumbs = (await listAncestors(db, found.path)).map((ancestor) => ({
		code: ancestor.code,
		name: ancestor.name,
		// Only units the user may open are links.
		linked: ancestor.path.startsWith(user.scopePath) && ancestor.code !== found.code
	}));
	if (!campaign.applies_to.includes(found.kind)) {
		if (!(await hasChildren(db, found.id))) error(404, 'Campaign does not apply to this unit');
		return {
			view: 'dashboard' as const,
			breadcrumbs,
			dashboard: await loadDashboard(db, campaign, found, dashboardOptions(event.url))
		};
	}
	return {
		view: 'unit' as const,
		breadcrumbs,
		role: user.role,
		unit: { code: found.code, name: found.name },
		campaign: {
			code: campaign.code,
			name_vi: campaign.name_vi,
			name_en: campaign.name_en,
			min_score: campaign.min_score
		},
		standing: await loadUnitStanding(db, campaign, found.id)
	};
};
