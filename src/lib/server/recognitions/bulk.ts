// The province approves many verified, eligible assessments under one decision number and date,
// in one transaction: each passes the same rules as a single approval (the step's body,
// applyTransition, runs once per assessment), and if any is refused none is approved and the
// refusal says which and why.
import type { Kysely } from 'kysely';
import { decide, roleAllows, type Actor as ScopeActor } from '../../domain/authorization';
import { decisionDateError, earliestDecisionDate } from '../../domain/decision-date';
import { vnDate } from '../../domain/periods';
import {
	StaleVersionError,
	SupersededError,
	TransitionRefusedError,
	UnitNotInForceError
} from '../assessments/errors';
import { findExtension, type AssessmentPlace } from '../assessments/repository';
import type { Actor } from '../assessments/service';
import { applyTransition } from '../assessments/transitions';
import { inAreaScope } from '../auth/area-scope';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { Forbidden, InvalidInput, Refusal } from '../failure';
import { findOrCreateDecision } from './decisions';
import { DECISION_NUMBER_MAX_LENGTH } from './service';

type Db = Kysely<Database>;

/** Who approves: the services' actor with the scope the guards check. */
export type BulkActor = Actor & ScopeActor;

/** At most this many in one decision: the review queue shows no more at once. */
export const BULK_LIMIT = 500;

export interface BulkApprovalInput {
	/** The assessments chosen, each at the version the page showed. */
	items: readonly { assessmentId: number; version: number }[];
	decisionNumber: string;
	decisionDate: string;
}

/** One assessment that could not be approved, and why (a message key's suffix). */
export interface BulkFailure {
	assessmentId: number;
	unitName: string | null;
	period: string | null;
	reason: string;
	/** For a date before the campaign's or the period's start: the earliest it may be. */
	earliest?: string;
}

/** Nothing was approved: these assessments were refused. */
export class BulkApprovalRefused extends Refusal<{ failures: BulkFailure[] }> {
	constructor(readonly failures: BulkFailure[]) {
		super(409, { failures }, 'Bulk approval refused');
	}
}

/** The number and the date as the form holds them, refused whatever the assessments. */
function checkFields(input: BulkApprovalInput, today: string) {
	const errors: Record<string, string> = {};
	const number = input.decisionNumber.trim();
	const date = input.decisionDate.trim();
	if (input.items.length === 0) errors.selection = 'bulk_none_selected';
	else if (input.items.length > BULK_LIMIT) errors.selection = 'bulk_too_many';
	if (number === '') errors.decisionNumber = 'decision_number_required';
	else if (number.length > DECISION_NUMBER_MAX_LENGTH) errors.decisionNumber = 'too_long';
	// The bounds of each campaign and period are checked per assessment, as a single approval does.
	const dateError = decisionDateError(date, { today, campaignStart: '', periodStart: '' });
	if (dateError) errors.decisionDate = dateError;
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	return { number, date };
}

/** The place an assessment belongs to, read by its id. */
async function findPlaceOf(trx: Db, assessmentId: number) {
	const row = await trx
		.selectFrom('assessments')
		.select(['unit_id', 'campaign_id', 'period_id', 'eligible'])
		.where('id', '=', assessmentId)
		.executeTakeFirst();
	if (!row) return null;
	const campaign = await trx
		.selectFrom('campaigns')
		.selectAll()
		.where('id', '=', row.campaign_id)
		.executeTakeFirstOrThrow();
	const unit = await trx
		.selectFrom('units')
		.selectAll()
		.where('id', '=', row.unit_id)
		.executeTakeFirstOrThrow();
	const period = await trx
		.selectFrom('periods')
		.selectAll()
		.where('id', '=', row.period_id)
		.executeTakeFirstOrThrow();
	const extensionUntil = await findExtension(trx, period.id, unit.id);
	const place: AssessmentPlace = { campaign, unit, period, extensionUntil };
	return { place, eligible: row.eligible };
}

/** Why a single approval's refusal refuses this assessment, as a message key's suffix. */
function reasonOf(failure: Refusal): string {
	if (failure instanceof InvalidInput) {
		return String(Object.values(failure.errors)[0] ?? 'bulk_refused');
	}
	if (failure instanceof StaleVersionError) return 'bulk_stale';
	if (failure instanceof SupersededError) return 'bulk_superseded';
	if (failure instanceof UnitNotInForceError) return 'bulk_not_in_force';
	if (failure instanceof TransitionRefusedError) return 'bulk_status';
	return 'bulk_refused';
}

/**
 * Approves every chosen assessment under one decision, or none. Answers the decision's id, how
 * many were approved and how many units it recognised (a unit recognised already keeps its
 * recognition, as a single approval leaves it); throws InvalidInput for the form's fields,
 * BulkApprovalRefused when any assessment is refused (with all those refused).
 */
export async function approveInBulk(
	db: Db,
	actor: BulkActor,
	input: BulkApprovalInput,
	now = new Date()
): Promise<{ decisionId: number; approved: number; recognised: number }> {
	if (!roleAllows(actor.role, 'assessment.approve')) throw new Forbidden();
	const today = vnDate(now);
	const decision = checkFields(input, today);
	// Once each, locked in one order: two bulk approvals over the same rows wait, never deadlock.
	const items = [...new Map(input.items.map((item) => [item.assessmentId, item])).values()].sort(
		(a, b) => a.assessmentId - b.assessmentId
	);
	return db.transaction().execute(async (trx) => {
		const failures: BulkFailure[] = [];
		let campaignId: number | null = null;
		let recognised = 0;
		for (const item of items) {
			const found = await findPlaceOf(trx, item.assessmentId);
			const refuse = (reason: string) =>
				failures.push({
					assessmentId: item.assessmentId,
					unitName: found?.place.unit.name ?? null,
					period: found?.place.period.label ?? null,
					reason,
					...(reason.startsWith('decision_date_before') && found
						? {
								earliest: earliestDecisionDate({
									campaignStart: found.place.campaign.start_date,
									periodStart: found.place.period.starts_on
								}).date
							}
						: {})
				});
			// Outside the user's scope is told as missing, as the assessment page does.
			const visible =
				found &&
				decide(actor, 'assessment.approve', found.place.unit.path) === 'allow' &&
				(await inAreaScope(trx, actor, found.place.unit.path));
			if (!found || !visible) {
				failures.push({
					assessmentId: item.assessmentId,
					unitName: null,
					period: null,
					reason: 'bulk_not_found'
				});
				continue;
			}
			campaignId ??= found.place.campaign.id;
			if (found.place.campaign.id !== campaignId) {
				refuse('bulk_other_campaign');
				continue;
			}
			if (!found.eligible) {
				refuse('bulk_not_eligible');
				continue;
			}
			// The decision's date bounds hold for every assessment it approves, also one whose unit
			// keeps the recognition it holds (a single approval then asks for no decision at all).
			const dateRefused = decisionDateError(decision.date, {
				today,
				campaignStart: found.place.campaign.start_date,
				periodStart: found.place.period.starts_on
			});
			if (dateRefused) {
				refuse(dateRefused);
				continue;
			}
			try {
				const outcome = await applyTransition(
					trx,
					actor,
					found.place,
					{
						transition: 'approve',
						version: item.version,
						decisionNumber: decision.number,
						decisionDate: decision.date
					},
					now
				);
				// A unit recognised already keeps that recognition, as on a single approval.
				if (outcome.recognition === 'granted') recognised++;
			} catch (failure) {
				if (!(failure instanceof Refusal)) throw failure;
				refuse(reasonOf(failure));
			}
		}
		if (failures.length > 0) throw new BulkApprovalRefused(failures);
		const { id } = await findOrCreateDecision(
			trx,
			{ campaignId: campaignId!, number: decision.number, date: decision.date },
			actor.id
		);
		await writeAudit(trx, {
			actor,
			action: 'decision.bulk_approve',
			entityType: 'recognition_decision',
			entityId: id,
			after: {
				decisionNumber: decision.number,
				date: decision.date,
				assessments: items.map((item) => item.assessmentId),
				recognised
			},
			ip: actor.ip
		});
		return { decisionId: id, approved: items.length, recognised };
	});
}
