import { vnDate } from '$lib/domain/periods';
import { requireUser } from '$lib/server/auth/guards';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { dashboardOptions, loadDashboard } from '$lib/server/dashboard/service';
import { reuseFigures } from '$lib/server/freshness/pages';
import { orError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const { db, campaign, unit, scopeAreaId } = await orError(resolveDashboard(event, null));
	// The day is part of the reuse's key: the figures are computed for that day too.
	const options = { ...dashboardOptions(event.url), scopeAreaId, today: vnDate(new Date()) };
	return orError(
		reuseFigures(event, ['dashboard', unit.id, options], () =>
			loadDashboard(db, campaign, unit, options)
		)
	);
};
