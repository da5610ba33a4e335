// The workflow steps of an assessment: submit, verify, return, approve, reopen. Each runs in one
// transaction (its own, or a bulk approval's) that locks the assessment, checks its version and
// the step, writes the new status, the recomputed figures, any review comments or recognition,
// and the audit trail together.
import type { Kysely, Updateable } from 'kysely';
import { vnDate } from '../../domain/periods';
import { isAnswered, scoreAssessment } from '../../domain/scoring';
import {
	checkTransition,
	hasProblems,
	submissionProblems,
	type Transition
} from '../../domain/workflow';
import { writeAudit } from '../audit/repository';
import type { AssessmentTable, Database } from '../db/schema';
import { listCriteriaWithEvidence } from '../evidence/repository';
import { InvalidInput } from '../failure';
import { notifyTransition } from '../notifications/notify';
import {
	recordRecognition,
	revokeStanding,
	type DecisionInput,
	type RecognitionOutcome
} from '../recognitions/service';
import { SubmissionRefusedError, TransitionRefusedError } from './errors';
import {
	findAssessment,
	insertReviewComments,
	listCriteria,
	listResults,
	resolveOpenComments,
	updateAssessment,
	type AssessmentPlace,
	type AssessmentRow,
	type CriterionRow,
	type StoredResult
} from './repository';
import {
	checkWindow,
	lockAtVersion,
	NOTE_MAX_LENGTH,
	reasonError,
	refuseRetiredWork,
	scoreColumns,
	type Actor
} from './service';

type Db = Kysely<Database>;

export interface TransitionInput extends DecisionInput {
	transition: Transition;
	version: number;
	reason?: string;
	/** Criterion code → the reviewer's comment, for a return. */
	comments?: Record<string, string>;
}

export interface TransitionOutcome {
	assessment: AssessmentRow;
	/** Set when the step recognised the unit or revoked its recognition. */
	recognition: RecognitionOutcome;
}

function parseTransitionInput(input: TransitionInput, needsReason: boolean) {
	const errors: Record<string, string> = {};
	const reason = input.reason?.trim() ?? '';
	const reasonRefused = reasonError(reason, needsReason);
	if (reasonRefused) errors.reason = reasonRefused;
	const comments = Object.entries(input.comments ?? {})
		.map(([code, body]) => [code, body.trim()] as const)
		.filter(([, body]) => body !== '');
	for (const [code, body] of comments) {
		if (body.length > NOTE_MAX_LENGTH) errors[`comment.${code}`] = 'note_too_long';
	}
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	return { reason, comments };
}

/** Takes one workflow step, in a transaction of its own. */
export async function transitionAssessment(
	db: Db,
	actor: Actor,
	place: AssessmentPlace,
	input: TransitionInput,
	now = new Date()
): Promise<TransitionOutcome> {
	return db.transaction().execute((trx) => applyTransition(trx, actor, place, input, now));
}

/**
 * The body of one workflow step, on the caller's transaction `trx`: the role and the status
 * decide whether it may be taken at all; the assessment is locked at the version the user saw.
 * A bulk approval runs it once per assessment inside one transaction (../recognitions/bulk.ts).
 */
export async function applyTransition(
	trx: Db,
	actor: Actor,
	place: AssessmentPlace,
	input: TransitionInput,
	now: Date
): Promise<TransitionOutcome> {
	const existing = await findAssessment(trx, place);
	const check = checkTransition(existing?.status ?? 'draft', input.transition, actor.role);
	if (!check.ok && check.reason === 'role') throw new TransitionRefusedError('role');
	if (!existing) throw new TransitionRefusedError('status');
	await refuseRetiredWork(trx, place, existing);
	const { reason, comments } = parseTransitionInput(input, check.ok && check.needsReason);
	const criteria = await listCriteria(trx, existing.criteria_set_id);
	const row = await lockAtVersion(trx, existing.id, input.version);
	const step = checkTransition(row.status, input.transition, actor.role);
	if (!step.ok) throw new TransitionRefusedError(step.reason);
	const results = await listResults(trx, row.id);
	const values = new Map(criteria.map((c) => [c.code, results.get(c.id)?.value ?? null]));
	const figures = scoreColumns(place, scoreAssessment(criteria, values));
	let stamps: Updateable<AssessmentTable> = {};
	let recognition: RecognitionOutcome = null;
	switch (input.transition) {
		case 'submit': {
			checkWindow(place, now);
			await refuseIncomplete(trx, row.id, criteria, results);
			stamps = { submitted_at: now, submitted_by: actor.id };
			await resolveOpenComments(trx, row.id, now);
			break;
		}
		case 'verify':
			stamps = { verified_at: now, verified_by: actor.id };
			break;
		case 'return': {
			stamps = { returned_at: now, returned_by: actor.id, return_reason: reason };
			const ids = new Map(criteria.map((c) => [c.code, c.id]));
			await insertReviewComments(
				trx,
				comments
					.filter(([code]) => ids.has(code))
					.map(([code, body]) => ({
						assessment_id: row.id,
						criterion_id: ids.get(code)!,
						body,
						author_id: actor.id,
						created_at: now
					}))
			);
			break;
		}
		case 'approve': {
			stamps = { approved_at: now, approved_by: actor.id };
			const approval = { assessmentId: row.id, eligible: figures.eligible, today: vnDate(now) };
			recognition = await recordRecognition(trx, actor, place, approval, input);
			break;
		}
		case 'reopen':
			stamps = { approved_at: null, approved_by: null };
			recognition = await revokeStanding(trx, actor, place, reason, now, row.id);
			break;
	}
	const updated = await updateAssessment(trx, row.id, {
		...figures,
		...stamps,
		status: step.to,
		version: row.version + 1,
		updated_at: now,
		updated_by: actor.id
	});
	await writeAudit(trx, {
		actor,
		action: `assessment.${input.transition}`,
		entityType: 'assessment',
		entityId: row.id,
		unitId: place.unit.id,
		before: { status: row.status, score: row.score },
		after: {
			status: step.to,
			score: figures.score,
			eligible: figures.eligible,
			...(comments.length > 0 ? { comments: Object.fromEntries(comments) } : {})
		},
		reason: reason || null,
		ip: actor.ip
	});
	await notifyTransition(trx, { ...input, place, assessmentId: row.id, reason, recognition, now });
	return { assessment: updated, recognition };
}

/** Submission needs every criterion answered and the evidence each one requires. */
async function refuseIncomplete(
	trx: Db,
	assessmentId: number,
	criteria: readonly CriterionRow[],
	results: ReadonlyMap<number, StoredResult>
) {
	const byId = new Map(criteria.map((c) => [c.id, c.code]));
	const answered = new Set(
		[...results.values()].filter((r) => isAnswered(r.value)).map((r) => byId.get(r.criterionId)!)
	);
	const evidenced = await listCriteriaWithEvidence(trx, assessmentId);
	const withEvidence = new Set(evidenced.map((id) => byId.get(id)!));
	const problems = submissionProblems(criteria, answered, withEvidence);
	if (hasProblems(problems)) throw new SubmissionRefusedError(problems);
}
