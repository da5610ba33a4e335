// The report page as a Word file: /campaigns/CAP-DHKM/report.docx?unit=412&period=2026-Q4
import { requireUser } from '$lib/server/auth/guards';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { dashboardOptions } from '$lib/server/dashboard/service';
import { orError } from '$lib/server/http/respond';
import { loadCampaignReport } from '$lib/server/reports/campaign-report';
import { DOCX_TYPE, writeDocx } from '$lib/server/reports/docx-writer';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireUser(event);
	const unitCode = event.url.searchParams.get('unit');
	const { db, campaign, unit, scopeAreaId } = await orError(resolveDashboard(event, unitCode));
	const { dashboard, document } = await orError(
		loadCampaignReport(db, campaign, unit, { ...dashboardOptions(event.url), scopeAreaId })
	);
	const name = [campaign.code, unitCode, dashboard.blocks.current, dashboard.period?.label]
		.filter(Boolean)
		.join('_');
	return new Response(await writeDocx(document), {
		headers: {
			'Content-Type': DOCX_TYPE,
			'Content-Disposition': `attachment; filename="BC_${name}.docx"`
		}
	});
};
