// The unit × campaign × period an address names. Looked up in two steps so that the scope guard
// decides about the unit before anything else about it is told: a unit outside the user's scope
// answers 404 whatever the rest of the address says.
import type { Kysely } from 'kysely';
import { findCampaignByCode } from '../campaigns/repository';
import type { Database } from '../db/schema';
import { NotFound } from '../failure';
import { findUnitByCode } from '../units/repository';
import { findExtension, findPeriodByLabel, type AssessmentPlace } from './repository';

type Db = Kysely<Database>;

/** The codes in an assessment's address (the route's parameters). */
export interface PlaceAddress {
	campaign?: string;
	unit?: string;
	period?: string;
}

/** The campaign and the unit an address names, either missing; the guard checks the unit. */
export async function findAddressed(db: Db, address: PlaceAddress) {
	const [campaign, unit] = await Promise.all([
		findCampaignByCode(db, address.campaign ?? ''),
		findUnitByCode(db, address.unit ?? '')
	]);
	return { campaign, unit };
}

/** The whole place, once the unit passed the guard: NotFound when the address leads nowhere. */
export async function findPlace(
	db: Db,
	{ campaign, unit }: Awaited<ReturnType<typeof findAddressed>>,
	address: PlaceAddress
): Promise<AssessmentPlace> {
	if (!campaign || !unit || !campaign.applies_to.includes(unit.kind)) throw new NotFound();
	const period = await findPeriodByLabel(db, campaign.id, address.period ?? '');
	if (!period) throw new NotFound('Period not found');
	const extensionUntil = await findExtension(db, period.id, unit.id);
	return { campaign, unit, period, extensionUntil };
}
