// The unit × campaign × period an address names. Looked up in two steps so that the scope guard
// decides about the unit before anything else about it is told: a unit outside the user's scope
// answers 404 whatever the rest of the address says.
//
// The unit segment is a code, or `code@yyyy-mm-dd` (units/structure.ts's parseUnitRef). The
// registry reuses codes, so a code alone names the unit that held it on the period's last day: an
// old link to /units/16681/periods/2024-Q4 keeps leading to Phường Quang Trung's assessment though
// 16681 is Phường Thành Vinh's code today; `16681@2025-06-30` names Quang Trung on any period.
import { sql, type Kysely } from 'kysely';
import { audienceOf, type Audience } from '../../domain/audiences';
import { findCampaignByCode } from '../campaigns/repository';
import type { Database } from '../db/schema';
import { NotFound } from '../failure';
import { inForceOn, parseUnitRef, resolveUnitCode } from '../units/structure';
import {
	findAssessment,
	findExtension,
	findPeriodByLabel,
	type AssessmentPlace
} from './repository';

type Db = Kysely<Database>;

/** The codes in an assessment's address (the route's parameters). */
export interface PlaceAddress {
	campaign?: string;
	unit?: string;
	period?: string;
}

function findUnitById(db: Db, id: number) {
	return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The campaign, period and unit an address names, any missing; the guard checks the unit. The unit
 * is the one holding the code on the day the segment names, else on the period's last day, else
 * today (when the period does not exist: the guard still speaks first).
 */
export async function findAddressed(db: Db, address: PlaceAddress) {
	const campaign = await findCampaignByCode(db, address.campaign ?? '');
	const period = campaign
		? await findPeriodByLabel(db, campaign.id, address.period ?? '')
		: undefined;
	const ref = parseUnitRef(address.unit ?? '');
	const unitId = ref
		? await resolveUnitCode(db, ref.code, ref.on ?? period?.ends_on ?? null)
		: null;
	const unit = unitId ? await findUnitById(db, unitId) : undefined;
	return { campaign, period, unit };
}

/** The unit's kind on the day `on` (null when it was not in force then). */
async function kindOn(db: Db, unitId: number, on: string) {
	const version = await db
		.selectFrom('unit_versions as v')
		.select('v.kind')
		.where('v.unit_id', '=', unitId)
		.where(inForceOn('v', sql`${on}::date`))
		.executeTakeFirst();
	return version?.kind ?? null;
}

/** The set a period scores an audience against; undefined when it names none for it. */
async function periodSetFor(db: Db, periodId: number, audience: Audience) {
	const row = await db
		.selectFrom('period_criteria_sets')
		.select('criteria_set_id')
		.where('period_id', '=', periodId)
		.where('audience', '=', audience)
		.executeTakeFirst();
	return row?.criteria_set_id;
}

/**
 * The whole place, once the unit passed the guard: NotFound when the address leads nowhere. The
 * campaign must apply to the unit's kind at the period's end; a unit not in force then has no
 * place in the period, unless an assessment of it is there to be read (closed as superseded, or
 * kept from before its retirement). The place's `period.criteria_set_id` is the set the period
 * scores the unit's kind against (its audience's, audiences.ts).
 */
export async function findPlace(
	db: Db,
	{ campaign, period, unit }: Awaited<ReturnType<typeof findAddressed>>
): Promise<AssessmentPlace> {
	if (!campaign || !unit) throw new NotFound();
	if (!period) throw new NotFound('Period not found');
	const kind = await kindOn(db, unit.id, period.ends_on);
	const extensionUntil = await findExtension(db, period.id, unit.id);
	const place = { campaign, unit, period, extensionUntil };
	// An assessment keeps the set it was started with, whatever the unit's kind or the period's
	// set for its audience became since.
	const started = await findAssessment(db, place);
	if (kind === null && !started) throw new NotFound();
	if (kind !== null && !campaign.applies_to.includes(kind)) throw new NotFound();
	const setId = started?.criteria_set_id ?? (await periodSetFor(db, period.id, audienceOf(kind!)));
	if (setId === undefined) throw new NotFound('No criteria set for this kind of unit');
	return { ...place, period: { ...period, criteria_set_id: setId } };
}
