// A unit's recognition in a campaign: granted when the province approves an eligible assessment
// under a decision, revoked on reopening that assessment or on the province's word, and read by the
// assessment page.
import type { Kysely } from 'kysely';
import { mayRevokeRecognition } from '../../domain/authorization';
import { decisionDateError } from '../../domain/decision-date';
import { TransitionRefusedError } from '../assessments/errors';
import type { AssessmentPlace } from '../assessments/repository';
import { reasonError, type Actor } from '../assessments/service';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { InvalidInput } from '../failure';
import { findOrCreateDecision } from './decisions';
import { findStandingRecognition, insertRecognition, markRecognitionRevoked } from './repository';

type Db = Kysely<Database>;

export const DECISION_NUMBER_MAX_LENGTH = 100;

/** What a step did to the unit's recognition. */
export type RecognitionOutcome = 'granted' | 'revoked' | 'kept' | null;

/** The province's decision that recognises the unit, as typed. */
export interface DecisionInput {
	decisionNumber?: string;
	decisionDate?: string;
}

/** The recognition that stands for the place's unit in its campaign, if any. */
export async function findStanding(db: Db, place: AssessmentPlace) {
	return (await findStandingRecognition(db, place.campaign.id, place.unit.id)) ?? null;
}

/** The number and date as typed, or every refusal at once; `today` is Vietnam's date. */
export function checkDecision(input: DecisionInput, place: AssessmentPlace, today: string) {
	const errors: Record<string, string> = {};
	const number = input.decisionNumber?.trim() ?? '';
	const date = input.decisionDate?.trim() ?? '';
	if (number === '') errors.decisionNumber = 'decision_number_required';
	else if (number.length > DECISION_NUMBER_MAX_LENGTH) errors.decisionNumber = 'too_long';
	const dateError = decisionDateError(date, {
		today,
		campaignStart: place.campaign.start_date,
		periodStart: place.period.starts_on
	});
	if (dateError) errors.decisionDate = dateError;
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	return { number, date };
}

/**
 * Approving an eligible assessment recognises the unit, unless a recognition already stands,
 * under the decision the number, date and campaign name (made on its first use). Runs inside the
 * approval's transaction; `today` is the date in Vietnam.
 */
export async function recordRecognition(
	trx: Db,
	actor: Actor,
	place: AssessmentPlace,
	approval: { assessmentId: number; eligible: boolean; today: string },
	input: DecisionInput
): Promise<RecognitionOutcome> {
	if (!approval.eligible) return null;
	if (await findStanding(trx, place)) return 'kept';
	const decision = checkDecision(input, place, approval.today);
	const made = await findOrCreateDecision(
		trx,
		{ campaignId: place.campaign.id, number: decision.number, date: decision.date },
		actor.id
	);
	const id = await insertRecognition(trx, {
		decision_id: made.id,
		unit_id: place.unit.id,
		campaign_id: place.campaign.id,
		assessment_id: approval.assessmentId,
		decision_number: decision.number,
		decision_date: decision.date,
		approved_by: actor.id
	});
	await writeAudit(trx, {
		actor,
		action: 'recognition.grant',
		entityType: 'assessment',
		entityId: approval.assessmentId,
		unitId: place.unit.id,
		after: {
			recognition: id,
			decision: made.id,
			decisionNumber: decision.number,
			date: decision.date
		},
		ip: actor.ip
	});
	return 'granted';
}

/**
 * Revokes the unit's standing recognition inside the caller's transaction; with `assessmentId`,
 * only one that assessment gave.
 */
export async function revokeStanding(
	trx: Db,
	actor: Actor,
	place: AssessmentPlace,
	reason: string,
	now: Date,
	assessmentId?: number
): Promise<RecognitionOutcome> {
	const standing = await findStanding(trx, place);
	if (!standing || (assessmentId !== undefined && standing.assessment_id !== assessmentId)) {
		return null;
	}
	await markRecognitionRevoked(trx, standing.id, {
		revokedAt: now,
		revokedBy: actor.id,
		reason
	});
	await writeAudit(trx, {
		actor,
		action: 'recognition.revoke',
		entityType: 'assessment',
		entityId: standing.assessment_id,
		unitId: place.unit.id,
		before: { recognition: standing.id, decisionNumber: standing.decision_number },
		after: { recognition: null },
		reason,
		ip: actor.ip
	});
	return 'revoked';
}

/** The province withdraws a unit's standing recognition, with a reason. */
export async function revokeRecognition(
	db: Db,
	actor: Actor,
	place: AssessmentPlace,
	reasonText: string,
	now = new Date()
): Promise<boolean> {
	if (!mayRevokeRecognition(actor.role)) throw new TransitionRefusedError('role');
	const reason = reasonText.trim();
	const error = reasonError(reason, true);
	if (error) throw new InvalidInput({ reason: error });
	return db.transaction().execute(async (trx) => {
		return (await revokeStanding(trx, actor, place, reason, now)) === 'revoked';
	});
}
