// A version of the criteria set as a campaign file, laid out as the shipped ones, to download.
import { writeCampaignFile } from '$lib/domain/campaign-file';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import { criteriaSetOf, loadCampaignFileHead, toContent } from '$lib/server/criteria/service';
import { getDb } from '$lib/server/db';
import { orError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const set = await orError(criteriaSetOf(db, campaign.id, event.params.version));
	const text = writeCampaignFile(
		await loadCampaignFileHead(db, campaign.id),
		toContent(set.groups)
	);
	const name = `${campaign.code}-criteria-v${set.version}${set.status === 'draft' ? '-draft' : ''}.json`;
	return new Response(text, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
