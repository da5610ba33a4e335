import { requireUser } from '$lib/server/auth/guards';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { dashboardOptions, loadDashboard } from '$lib/server/dashboard/service';
import { reuseFigures } from '$lib/server/freshness/pages';
import { orError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const { db, campaign, unit, scopeAreaId } = await orError(resolveDashboard(event, null));
	const options = { ...dashboardOptions(event.url), scopeAreaId };
	return orError(
		reuseFigures(event, ['dashboard', unit.id, options], () =>
			loadDashboard(db, campaign, unit, options)
		)
	);
};
