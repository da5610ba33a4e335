import { dashboardOptions, loadDashboard } from '$lib/server/dashboard/service';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { requireUser } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const { db, campaign, unit } = await resolveDashboard(event, null);
	return loadDashboard(db, campaign, unit, dashboardOptions(event.url));
};
