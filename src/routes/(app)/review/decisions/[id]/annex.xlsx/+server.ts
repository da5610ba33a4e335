// The decision's annex as a workbook: /review/decisions/12/annex.xlsx
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { orError } from '$lib/server/http/respond';
import { annexXlsx, loadDecisionAnnex } from '$lib/server/recognitions/annex';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireRole(event, 'assessment.approve');
	const { decision, units } = await orError(loadDecisionAnnex(getDb(), Number(event.params.id)));
	const file = await annexXlsx(decision, units);
	return new Response(file.body, {
		headers: {
			'content-type': file.type,
			'content-disposition': `attachment; filename="${file.name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
