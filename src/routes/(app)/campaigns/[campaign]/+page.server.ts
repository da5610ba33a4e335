import { requireUser } from '$lib/server/auth/guards';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { dashboardOptions, loadDashboard } from '$lib/server/dashboard/service';
import { orError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const { db, campaign, unit, scopeAreaId } = await orError(resolveDashboard(event, null));
	return orError(
		loadDashboard(db, campaign, unit, { ...dashboardOptions(event.url), scopeAreaId })
	);
};
