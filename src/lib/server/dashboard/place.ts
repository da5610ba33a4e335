// Which dashboard a request asks for: the campaign and the unit at its top, checked against the
// signed-in user's scope. Shared by the dashboard pages, the exports and the report. An unknown
// campaign is a NotFound for the route's orError(); the scope is the guard's to check.
import type { RequestEvent } from '@sveltejs/kit';
import { requireScope } from '../auth/guards';
import { findCampaignByCode } from '../campaigns/repository';
import { getDb } from '../db';
import { NotFound } from '../failure';
import { findCampaignRoot, findUnitByCode } from '../units/repository';

/** `unitCode` null means the campaign's own dashboard (its root unit). */
export async function resolveDashboard(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	unitCode: string | null
) {
	const db = getDb();
	const campaign = await findCampaignByCode(db, event.params.campaign ?? '');
	if (!campaign) throw new NotFound('Campaign not found');
	const unit = unitCode
		? await findUnitByCode(db, unitCode)
		: await findCampaignRoot(db, campaign.id);
	const user = requireScope(event, 'dashboard.view', unit);
	return { db, user, campaign, unit: unit! };
}
