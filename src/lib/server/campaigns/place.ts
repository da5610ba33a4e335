// The campaign an administration address names, or 404.
import { error } from '@sveltejs/kit';
import { findCampaignByCode } from './repository';
import { getDb } from '../db';

export async function campaignOf(code: string) {
	const campaign = await findCampaignByCode(getDb(), code);
	if (!campaign) error(404, 'Not found');
	return campaign;
}
