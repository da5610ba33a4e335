// A version of an audience's criteria set as an Excel workbook titled with its audience, to edit
// and import into a draft.
import { m } from '$lib/paraglide/messages';
import { audienceLabel } from '$lib/labels';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import { criteriaSetOf, exportName, toContent } from '$lib/server/criteria/service';
import { criteriaWorkbook, xlsxResponse } from '$lib/server/criteria/sheet';
import { getDb } from '$lib/server/db';
import { orError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const { audience, version } = event.params;
	const set = await orError(criteriaSetOf(db, campaign.id, audience, version));
	const title = m.admin_criteria_sheet_title({
		audience: audienceLabel(set.audience),
		campaign: campaign.code,
		version: set.version
	});
	return xlsxResponse(
		`${exportName(campaign.code, set)}.xlsx`,
		await criteriaWorkbook(toContent(set.groups), { audience: set.audience, title })
	);
};
