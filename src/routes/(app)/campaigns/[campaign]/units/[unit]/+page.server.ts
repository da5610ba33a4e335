import { vietnamDay } from '$lib/domain/lineage';
import { requireScope, requireUser } from '$lib/server/auth/guards';
import { findCampaignByCode } from '$lib/server/campaigns/repository';
import { getDb } from '$lib/server/db';
import { dashboardOptions } from '$lib/server/dashboard/service';
import { findUnitByRef, loadUnitPage } from '$lib/server/dashboard/unit-page';
import { orError } from '$lib/server/http/respond';
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// A unit the campaign applies to gets its own page; a unit above such units, a dashboard of them.
// `{unit}` is an address segment: a code (its holder today) or `code@yyyy-mm-dd`.
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const db = getDb();
	const campaign = await findCampaignByCode(db, event.params.campaign);
	if (!campaign) error(404, 'Not found');
	const unit = await findUnitByRef(db, event.params.unit, vietnamDay(new Date()));
	const user = requireScope(event, 'dashboard.view', unit);
	return orError(loadUnitPage(db, user, campaign, unit!, dashboardOptions(event.url)));
};
