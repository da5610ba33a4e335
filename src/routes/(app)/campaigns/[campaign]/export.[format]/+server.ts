// The dashboard's tables as a file: /campaigns/CAP-DHKM/export.xlsx?unit=412&period=2026-Q4&level=official
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { exportTables, toCsvFile, toXlsx } from '$lib/server/dashboard/export';
import { resolveDashboard } from '$lib/server/dashboard/place';
import { dashboardOptions, loadDashboard } from '$lib/server/dashboard/service';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const GET: RequestHandler = async (event) => {
	requireUser(event);
	const format = event.params.format;
	if (format !== 'xlsx' && format !== 'csv') error(404, 'Not found');
	const { db, campaign, unit } = await resolveDashboard(event, event.url.searchParams.get('unit'));
	const options = { ...dashboardOptions(event.url), allUnits: true };
	const data = await loadDashboard(db, campaign, unit, options);
	if (!data.period) error(404, 'Period not found');
	const tables = exportTables(data);
	const name = [campaign.code, unit.code, data.period.label, data.level].join('_');
	const headers = (type: string, extension: string) => ({
		'Content-Type': type,
		'Content-Disposition': `attachment; filename="${name}.${extension}"`
	});
	if (format === 'xlsx') {
		return new Response(new Uint8Array(await toXlsx(data, tables)), {
			headers: headers(XLSX, 'xlsx')
		});
	}
	// CSV holds one table: the units unless the districts are asked for.
	const wanted = event.url.searchParams.get('table') === 'groups' ? 0 : tables.length - 1;
	const suffix = tables.length > 1 && wanted === 0 ? '_groups' : '';
	return new Response(toCsvFile(tables[wanted]), {
		headers: {
			...headers('text/csv; charset=utf-8', 'csv'),
			'Content-Disposition': `attachment; filename="${name}${suffix}.csv"`
		}
	});
};
