// An empty criteria sheet with its guide: the form a province fills to write a set in Excel.
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import { criteriaWorkbook, xlsxResponse } from '$lib/server/criteria/sheet';
import { getDb } from '$lib/server/db';
import { orError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireCampaignAdmin(event);
	const campaign = await orError(campaignOf(getDb(), event.params.campaign));
	return xlsxResponse(
		`${campaign.code}-criteria-template.xlsx`,
		await criteriaWorkbook({ groups: [] })
	);
};
