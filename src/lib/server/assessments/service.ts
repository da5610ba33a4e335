// Every write to an assessment: saving a draft's values and notes, and each workflow step. Each
// runs in one transaction that locks the assessment, checks its version, writes the values, the
// recomputed score and the audit trail together.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Role } from '../../domain/authorization';
import { vnDate } from '../../domain/periods';
import {
	isEligible,
	isAnswered,
	isMet,
	scoreAssessment,
	type CriterionValue,
	type ScoreResult
} from '../../domain/scoring';
import { parseValue, sameValue } from '../../domain/values';
import {
	acceptsSubmission,
	canEdit,
	checkTransition,
	hasProblems,
	submissionProblems,
	type Transition
} from '../../domain/workflow';
import { writeAudit, writeAuditEntries, type AuditEntry } from '../audit/repository';
import type { AssessmentTable, CriterionResultTable, Database } from '../db/schema';
import {
	NotEditableError,
	PeriodClosedError,
	StaleVersionError,
	SubmissionRefusedError,
	TransitionRefusedError
} from './errors';
import { InvalidInput } from '../failure';
import {
	findAssessment,
	findStandingRecognition,
	insertDraftIfMissing,
	listCriteria,
	listResults,
	lockAssessmentForUpdate,
	valueColumns,
	type AssessmentPlace,
	type AssessmentRow,
	type CriterionRow
} from './repository';

type Db = Kysely<Database>;

export interface Actor {
	id: number;
	username: string;
	role: Role;
	ip?: string | null;
}

export const NOTE_MAX_LENGTH = 2000;
export const REASON_MAX_LENGTH = 2000;
export const DECISION_NUMBER_MAX_LENGTH = 100;

export interface DraftInput {
	/** The version the user loaded; 0 when the assessment did not exist yet. */
	version: number;
	/** Criterion code → the text typed; a code left out keeps its stored value. */
	values: Record<string, string>;
	notes: Record<string, string>;
}

/** Checks every field before anything is written; all errors are reported at once. */
function parseDraft(criteria: readonly CriterionRow[], input: DraftInput) {
	const errors: Record<string, string> = {};
	const values = new Map<string, CriterionValue>();
	for (const criterion of criteria) {
		if (Object.hasOwn(input.values, criterion.code)) {
			const parsed = parseValue(criterion.type, input.values[criterion.code]);
			if (parsed.ok) values.set(criterion.code, parsed.value);
			else errors[`value.${criterion.code}`] = parsed.error;
		}
		const note = input.notes[criterion.code];
		if (note !== undefined && note.length > NOTE_MAX_LENGTH) {
			errors[`note.${criterion.code}`] = 'note_too_long';
		}
	}
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	return values;
}

/** Refuses work on a period that does not take it from this unit now. */
export function checkWindow(place: AssessmentPlace, now: Date) {
	const window = {
		periodStatus: place.period.status,
		closesAt: new Date(place.period.closes_at),
		extensionUntil: place.extensionUntil
	};
	if (!acceptsSubmission(window, now)) throw new PeriodClosedError(place.period.status);
}

/** Locks the assessment and checks that the user works on the version it holds. */
async function lockAtVersion(trx: Db, assessmentId: number, version: number) {
	const row = await lockAssessmentForUpdate(trx, assessmentId);
	if (row.version !== version) throw new StaleVersionError(row);
	return row;
}

async function scoreStored(trx: Db, assessment: AssessmentRow, criteria: readonly CriterionRow[]) {
	const results = await listResults(trx, assessment.id);
	const values = new Map(criteria.map((c) => [c.code, results.get(c.id)?.value ?? null]));
	return { results, values, score: scoreAssessment(criteria, values) };
}

/** The figures stored on an assessment for a score. */
export function scoreColumns(place: AssessmentPlace, score: ScoreResult) {
	return {
		score: score.score,
		met_count: score.metCount,
		criteria_count: score.criteriaCount,
		mandatory_met: score.mandatoryMet,
		unmet_codes: score.unmet,
		eligible: isEligible(score, {
			minScore: place.campaign.min_score,
			allMandatory: place.campaign.all_mandatory
		})
	};
}

/**
 * Saves a draft's values and notes. Creates the draft on the first save; refuses a stale version,
 * a non-draft, a closed period and any invalid value, in which case nothing is written.
 */
export async function saveDraft(
	db: Db,
	actor: Actor,
	place: AssessmentPlace,
	input: DraftInput,
	now = new Date()
): Promise<AssessmentRow> {
	if (!canEdit('draft', actor.role)) throw new TransitionRefusedError('role');
	const criteria = await listCriteria(db, place.period.criteria_set_id);
	const parsed = parseDraft(criteria, input);
	checkWindow(place, now);
	return db.transaction().execute(async (trx) => {
		const existing = await findAssessment(trx, place);
		const created = existing ? false : await insertDraftIfMissing(trx, place, actor.id);
		const current = existing ?? (await findAssessment(trx, place))!;
		// Version 1 is a draft nobody has saved yet (an upload may have created it): a user who
		// loaded the page before it existed (version 0) may save over it.
		const row = await lockAtVersion(trx, current.id, Math.max(input.version, 1));
		if (row.status !== 'draft') throw new NotEditableError(row.status);
		const stored = await listResults(trx, row.id);
		const audit = { actor, entityType: 'assessment', entityId: row.id, unitId: place.unit.id };
		const entries: AuditEntry[] = created
			? [{ ...audit, action: 'assessment.create', ip: actor.ip }]
			: [];
		const rows: Insertable<CriterionResultTable>[] = [];
		const values = new Map<string, CriterionValue>();
		for (const criterion of criteria) {
			const previous = stored.get(criterion.id);
			const before = previous?.value ?? null;
			const after = parsed.has(criterion.code) ? parsed.get(criterion.code)! : before;
			const beforeNote = previous?.note ?? '';
			const afterNote = input.notes[criterion.code]?.trim() ?? beforeNote;
			values.set(criterion.code, after);
			const code = criterion.code;
			if (!sameValue(before, after)) {
				entries.push({
					...audit,
					action: 'result.value',
					before: { criterion: code, value: before },
					after: { criterion: code, value: after },
					ip: actor.ip
				});
			}
			if (beforeNote !== afterNote) {
				entries.push({
					...audit,
					action: 'result.note',
					before: { criterion: code, note: beforeNote },
					after: { criterion: code, note: afterNote },
					ip: actor.ip
				});
			}
			if (sameValue(before, after) && beforeNote === afterNote) continue;
			rows.push({
				assessment_id: row.id,
				criterion_id: criterion.id,
				...valueColumns(after),
				note: afterNote,
				met: isMet(criterion, after),
				updated_at: now,
				updated_by: actor.id
			});
		}
		if (rows.length > 0) {
			// One statement for every changed answer: EXCLUDED is the row that was to be inserted.
			await trx
				.insertInto('criterion_results')
				.values(rows)
				.onConflict((conflict) =>
					conflict.columns(['assessment_id', 'criterion_id']).doUpdateSet((eb) => ({
						value_boolean: eb.ref('excluded.value_boolean'),
						value_number: eb.ref('excluded.value_number'),
						value_rating: eb.ref('excluded.value_rating'),
						note: eb.ref('excluded.note'),
						met: eb.ref('excluded.met'),
						updated_at: eb.ref('excluded.updated_at'),
						updated_by: eb.ref('excluded.updated_by')
					}))
				)
				.execute();
		}
		const updated = await trx
			.updateTable('assessments')
			.set({
				...scoreColumns(place, scoreAssessment(criteria, values)),
				version: row.version + 1,
				updated_at: now,
				updated_by: actor.id
			})
			.where('id', '=', row.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		await writeAuditEntries(trx, entries);
		return updated;
	});
}

export interface TransitionInput {
	transition: Transition;
	version: number;
	reason?: string;
	/** Criterion code → the reviewer's comment, for a return. */
	comments?: Record<string, string>;
	/** For an approval that recognises the unit. */
	decisionNumber?: string;
	decisionDate?: string;
}

export interface TransitionOutcome {
	assessment: AssessmentRow;
	/** Set when the step recognised the unit or revoked its recognition. */
	recognition: 'granted' | 'revoked' | 'kept' | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
	if (!DATE.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function parseTransitionInput(input: TransitionInput, needsReason: boolean, now: Date) {
	const errors: Record<string, string> = {};
	const reason = input.reason?.trim() ?? '';
	if (needsReason && reason === '') errors.reason = 'reason_required';
	if (reason.length > REASON_MAX_LENGTH) errors.reason = 'reason_too_long';
	const comments = Object.entries(input.comments ?? {})
		.map(([code, body]) => [code, body.trim()] as const)
		.filter(([, body]) => body !== '');
	for (const [code, body] of comments) {
		if (body.length > NOTE_MAX_LENGTH) errors[`comment.${code}`] = 'note_too_long';
	}
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	return { reason, comments, today: vnDate(now) };
}

function checkDecision(input: TransitionInput, today: string) {
	const errors: Record<string, string> = {};
	const number = input.decisionNumber?.trim() ?? '';
	const date = input.decisionDate?.trim() ?? '';
	if (number === '') errors.decisionNumber = 'decision_number_required';
	else if (number.length > DECISION_NUMBER_MAX_LENGTH) errors.decisionNumber = 'too_long';
	if (date === '') errors.decisionDate = 'decision_date_required';
	else if (!validDate(date)) errors.decisionDate = 'decision_date_invalid';
	else if (date > today) errors.decisionDate = 'decision_date_future';
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	return { number, date };
}

/** Takes one workflow step. The role and the status decide whether it may be taken at all. */
export async function transitionAssessment(
	db: Db,
	actor: Actor,
	place: AssessmentPlace,
	input: TransitionInput,
	now = new Date()
): Promise<TransitionOutcome> {
	const existing = await findAssessment(db, place);
	const check = checkTransition(existing?.status ?? 'draft', input.transition, actor.role);
	if (!check.ok && check.reason === 'role') throw new TransitionRefusedError('role');
	if (!existing) throw new TransitionRefusedError('status');
	const { reason, comments, today } = parseTransitionInput(
		input,
		check.ok && check.needsReason,
		now
	);
	const criteria = await listCriteria(db, existing.criteria_set_id);
	return db.transaction().execute(async (trx) => {
		const row = await lockAtVersion(trx, existing.id, input.version);
		const step = checkTransition(row.status, input.transition, actor.role);
		if (!step.ok) throw new TransitionRefusedError(step.reason);
		const { results, score } = await scoreStored(trx, row, criteria);
		const figures = scoreColumns(place, score);
		let stamps: Updateable<AssessmentTable> = {};
		let recognition: TransitionOutcome['recognition'] = null;
		switch (input.transition) {
			case 'submit': {
				checkWindow(place, now);
				await refuseIncomplete(trx, row.id, criteria, results);
				stamps = { submitted_at: now, submitted_by: actor.id };
				// Resubmitting answers the comments of the last return.
				await trx
					.updateTable('review_comments')
					.set({ resolved_at: now })
					.where('assessment_id', '=', row.id)
					.where('resolved_at', 'is', null)
					.execute();
				break;
			}
			case 'verify':
				stamps = { verified_at: now, verified_by: actor.id };
				break;
			case 'return': {
				stamps = { returned_at: now, returned_by: actor.id, return_reason: reason };
				const ids = new Map(criteria.map((c) => [c.code, c.id]));
				const known = comments.filter(([code]) => ids.has(code));
				if (known.length > 0) {
					await trx
						.insertInto('review_comments')
						.values(
							known.map(([code, body]) => ({
								assessment_id: row.id,
								criterion_id: ids.get(code)!,
								body,
								author_id: actor.id,
								created_at: now
							}))
						)
						.execute();
				}
				break;
			}
			case 'approve': {
				stamps = { approved_at: now, approved_by: actor.id };
				recognition = await recognise(trx, actor, place, row, figures.eligible, input, today);
				break;
			}
			case 'reopen':
				stamps = { approved_at: null, approved_by: null };
				recognition = await revokeStanding(trx, actor, place, reason, now, row.id);
				break;
		}
		const updated = await trx
			.updateTable('assessments')
			.set({
				...figures,
				...stamps,
				status: step.to,
				version: row.version + 1,
				updated_at: now,
				updated_by: actor.id
			})
			.where('id', '=', row.id)
			.returningAll()
			.executeTakeFirstOrThrow();
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
		return { assessment: updated, recognition };
	});
}

async function refuseIncomplete(
	trx: Db,
	assessmentId: number,
	criteria: readonly CriterionRow[],
	results: Awaited<ReturnType<typeof listResults>>
) {
	const evidence = await trx
		.selectFrom('evidence_files')
		.select('criterion_id')
		.distinct()
		.where('assessment_id', '=', assessmentId)
		.execute();
	const byId = new Map(criteria.map((c) => [c.id, c.code]));
	const answered = new Set(
		[...results.values()].filter((r) => isAnswered(r.value)).map((r) => byId.get(r.criterionId)!)
	);
	const withEvidence = new Set(evidence.map((e) => byId.get(e.criterion_id)!));
	const problems = submissionProblems(criteria, answered, withEvidence);
	if (hasProblems(problems)) throw new SubmissionRefusedError(problems);
}

/** Approving an eligible assessment recognises the unit, unless a recognition already stands. */
async function recognise(
	trx: Db,
	actor: Actor,
	place: AssessmentPlace,
	row: AssessmentRow,
	eligible: boolean,
	input: TransitionInput,
	today: string
): Promise<TransitionOutcome['recognition']> {
	if (!eligible) return null;
	const standing = await findStandingRecognition(trx, place.campaign.id, place.unit.id);
	if (standing) return 'kept';
	const decision = checkDecision(input, today);
	const inserted = await trx
		.insertInto('recognitions')
		.values({
			unit_id: place.unit.id,
			campaign_id: place.campaign.id,
			assessment_id: row.id,
			decision_number: decision.number,
			decision_date: decision.date,
			approved_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeAudit(trx, {
		actor,
		action: 'recognition.grant',
		entityType: 'assessment',
		entityId: row.id,
		unitId: place.unit.id,
		after: { recognition: inserted.id, decisionNumber: decision.number, date: decision.date },
		ip: actor.ip
	});
	return 'granted';
}

/** Revokes the unit's standing recognition; with `assessmentId`, only one that assessment gave. */
async function revokeStanding(
	trx: Db,
	actor: Actor,
	place: AssessmentPlace,
	reason: string,
	now: Date,
	assessmentId?: number
): Promise<TransitionOutcome['recognition']> {
	const standing = await findStandingRecognition(trx, place.campaign.id, place.unit.id);
	if (!standing || (assessmentId !== undefined && standing.assessment_id !== assessmentId)) {
		return null;
	}
	await trx
		.updateTable('recognitions')
		.set({ revoked_at: now, revoked_by: actor.id, revoke_reason: reason })
		.where('id', '=', standing.id)
		.execute();
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
	if (actor.role !== 'province_admin') throw new TransitionRefusedError('role');
	const { reason } = parseTransitionInput(
		{ transition: 'reopen', version: 0, reason: reasonText },
		true,
		now
	);
	return db.transaction().execute(async (trx) => {
		return (await revokeStanding(trx, actor, place, reason, now)) === 'revoked';
	});
}
