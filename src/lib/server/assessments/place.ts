// Finds the unit × campaign × period an address names, after the user's scope is checked: a unit
// outside it answers 404 before anything else about it is revealed.
import { error, type RequestEvent } from '@sveltejs/kit';
import type { Action } from '../../domain/authorization';
import { requireScope } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import { findCampaignByCode } from '../campaigns/repository';
import { getDb } from '../db';
import { findUnitByCode } from '../units/repository';
import { findExtension, findPeriodByLabel, type AssessmentPlace } from './repository';

type PlaceEvent = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

export async function resolvePlace(
	event: PlaceEvent,
	action: Action
): Promise<{ user: SessionUser; place: AssessmentPlace }> {
	const db = getDb();
	const [campaign, unit] = await Promise.all([
		findCampaignByCode(db, event.params.campaign ?? ''),
		findUnitByCode(db, event.params.unit ?? '')
	]);
	const user = requireScope(event, action, unit);
	if (!campaign || !unit || !campaign.applies_to.includes(unit.kind)) error(404, 'Not found');
	const period = await findPeriodByLabel(db, campaign.id, event.params.period ?? '');
	if (!period) error(404, 'Period not found');
	const extensionUntil = await findExtension(db, period.id, unit.id);
	return { user, place: { campaign, unit, period, extensionUntil } };
}
