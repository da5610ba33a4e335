// Which dashboard a request asks for: the campaign and the unit at its top, checked against the
// signed-in user's scope. Shared by the dashboard pages, the exports and the report. An unknown
// campaign is a NotFound for the route's orError(); the scope is the guard's to check.
import type { RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { requireScope } from '../auth/guards';
import { findCampaignByCode } from '../campaigns/repository';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { NotFound } from '../failure';
import { findCampaignRoot } from '../units/repository';
import { parseUnitRef, resolveUnitCode } from '../units/structure';

/** The unit an address segment names: `16681`, or `16681@2024-12-31` for that day's holder. */
async function unitOfRef(db: Kysely<Database>, segment: string) {
	const ref = parseUnitRef(segment);
	const id = ref ? await resolveUnitCode(db, ref.code, ref.on) : undefined;
	if (id === undefined) return undefined;
	return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** `unitCode` null means the campaign's own dashboard (its root unit). */
export async function resolveDashboard(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	unitCode: string | null
) {
	const db = getDb();
	const campaign = await findCampaignByCode(db, event.params.campaign ?? '');
	if (!campaign) throw new NotFound('Campaign not found');
	const unit = unitCode ? await unitOfRef(db, unitCode) : await findCampaignRoot(db, campaign.id);
	const user = requireScope(event, 'dashboard.view', unit);
	// A user scoped to a reporting area sees only its figures.
	return { db, user, campaign, unit: unit!, scopeAreaId: user.areaId };
}
