// A version of the criteria set as a campaign file, laid out as the shipped ones, to download.
import { error } from '@sveltejs/kit';
import { writeCampaignFile } from '$lib/domain/campaign-file';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import {
	findCriteriaSet,
	loadCampaignFileHead,
	toContent
} from '$lib/server/criteria/service';
import { findCampaignByCode } from '$lib/server/campaigns/repository';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await findCampaignByCode(db, event.params.campaign);
	if (!campaign) error(404, 'Not found');
	const set = /^\d+$/.test(event.params.version)
		? await findCriteriaSet(db, campaign.id, Number(event.params.version))
		: undefined;
	if (!set) error(404, 'Not found');
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
