// The dashboard's tables as a file: /campaigns/CAP-DHKM/export.xlsx?unit=412&period=2026-Q4&level=official
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { exportDashboard, isExportFormat } from '$lib/server/dashboard/export';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { dashboardOptions } from '$lib/server/dashboard/service';
import { orError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireUser(event);
	const format = event.params.format;
	if (!isExportFormat(format)) error(404, 'Not found');
	const { db, campaign, unit, scopeAreaId } = await orError(
		resolveDashboard(event, event.url.searchParams.get('unit'))
	);
	const file = await orError(
		exportDashboard(
			db,
			campaign,
			unit,
			format,
			{ ...dashboardOptions(event.url), scopeAreaId },
			event.url.searchParams.get('table')
		)
	);
	return new Response(file.body, {
		headers: {
			'Content-Type': file.type,
			'Content-Disposition': `attachment; filename="${file.name}"`
		}
	});
};
