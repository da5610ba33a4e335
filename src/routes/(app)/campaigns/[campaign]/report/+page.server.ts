import { requireUser } from '$lib/server/auth/guards';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { dashboardOptions } from '$lib/server/dashboard/service';
import { orError } from '$lib/server/http/respond';
import { loadCampaignReport } from '$lib/server/reports/campaign-report';
import type { PageServerLoad } from './$types';

// The print-ready report of a dashboard: /campaigns/CAP-DHKM/report?unit=412&period=2026-Q4
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const unitCode = event.url.searchParams.get('unit');
	const { db, campaign, unit, scopeAreaId } = await orError(resolveDashboard(event, unitCode));
	const report = await orError(
		loadCampaignReport(db, campaign, unit, { ...dashboardOptions(event.url), scopeAreaId })
	);
	return { unitCode, generatedAt: new Date(), ...report };
};
