// A version of an audience's criteria set as a campaign file, laid out as the shipped ones and
// naming its audience, to download.
import { writeCampaignFile } from '$lib/domain/campaign-file';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import {
	criteriaSetOf,
	exportName,
	loadCampaignFileHead,
	toContent
} from '$lib/server/criteria/service';
import { getDb } from '$lib/server/db';
import { orError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const { audience, version } = event.params;
	const set = await orError(criteriaSetOf(db, campaign.id, audience, version));
	const text = writeCampaignFile(
		await loadCampaignFileHead(db, campaign.id),
		toContent(set.groups),
		[],
		set.audience
	);
	return new Response(text, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportName(campaign.code, set)}.json"`,
			'cache-control': 'no-store'
		}
	});
};
