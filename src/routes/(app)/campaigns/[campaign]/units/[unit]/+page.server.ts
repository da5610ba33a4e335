import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { dashboardOptions, loadDashboard } from '$lib/server/dashboard/service';
import { loadUnitStanding } from '$lib/server/dashboard/unit-page';
import { orError } from '$lib/server/http/respond';
import { hasChildren, listAncestors } from '$lib/server/units/repository';
import type { PageServerLoad } from './$types';

// A unit the campaign applies to gets its own page; a unit above such units, a dashboard of them.
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const {
		db,
		user,
		campaign,
		unit: found
	} = await orError(resolveDashboard(event, event.params.unit));
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
			dashboard: await orError(loadDashboard(db, campaign, found, dashboardOptions(event.url)))
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
