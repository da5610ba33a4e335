// A version of the criteria set as an Excel workbook, to edit and import into a draft.
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import { criteriaSetOf, toContent } from '$lib/server/criteria/service';
import { criteriaWorkbook, xlsxResponse } from '$lib/server/criteria/sheet';
import { getDb } from '$lib/server/db';
import { orError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const set = await orError(criteriaSetOf(db, campaign.id, event.params.version));
	const name = `${campaign.code}-criteria-v${set.version}${set.status === 'draft' ? '-draft' : ''}.xlsx`;
	return xlsxResponse(name, await criteriaWorkbook(toContent(set.groups)));
};
