// Saving a draft's values and notes, and what every write to a draft shares (evidence too, see
// ../evidence/service.ts): who may write, the period's window, the stored figures, and opening the
// draft for writing inside a transaction. The workflow steps are in ./transitions.ts.
import type { Insertable, Kysely } from 'kysely';
import type { Role } from '../../domain/authorization';
import {
	isEligible,
	isMet,
	scoreAssessment,
	type CriterionValue,
	type ScoreResult
} from '../../domain/scoring';
import { parseValue, sameValue } from '../../domain/values';
import { acceptsSubmission, canEdit } from '../../domain/workflow';
import { writeAudit, writeAuditEntries, type AuditEntry } from '../audit/repository';
import type { CriterionResultTable, Database } from '../db/schema';
import { InvalidInput } from '../failure';
import {
	NotEditableError,
	PeriodClosedError,
	StaleVersionError,
	SupersededError,
	TransitionRefusedError,
	UnitNotInForceError
} from './errors';
import {
	findAssessment,
	insertDraftIfMissing,
	isUnitInForce,
	listCriteria,
	listResults,
	lockAssessmentForUpdate,
	updateAssessment,
	upsertResults,
	valueColumns,
	type AssessmentPlace,
	type AssessmentRow,
	type CriterionRow,
	type ScoreColumns
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

/** What is wrong with a reason typed for a step (already trimmed), if anything. */
export function reasonError(reason: string, required: boolean): string | undefined {
	if (reason.length > REASON_MAX_LENGTH) return 'reason_too_long';
	if (required && reason === '') return 'reason_required';
	return undefined;
}

/** Refuses a role that never writes a draft (403). */
export function refuseUnlessEditor(actor: Actor) {
	if (!canEdit('draft', actor.role)) throw new TransitionRefusedError('role');
}

/** When the place's period takes work from its unit: its status, deadline and any extension. */
export function windowOf(place: AssessmentPlace) {
	return {
		periodStatus: place.period.status,
		closesAt: new Date(place.period.closes_at),
		extensionUntil: place.extensionUntil
	};
}

/** Refuses work on a period that does not take it from this unit now. */
export function checkWindow(place: AssessmentPlace, now: Date) {
	if (!acceptsSubmission(windowOf(place), now)) throw new PeriodClosedError(place.period.status);
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
	} satisfies ScoreColumns;
}

/**
 * Work on a retired unit stops: an assessment closed as superseded takes nothing more, and a unit
 * not in force on the period's last day takes no assessment for it, whatever the request says.
 */
export async function refuseRetiredWork(
	db: Db,
	place: AssessmentPlace,
	row: AssessmentRow | undefined
) {
	if (row?.status === 'superseded') throw new SupersededError(row);
	if (!(await isUnitInForce(db, place))) throw new UnitNotInForceError();
}

/** Locks the assessment and checks that the user works on the version it holds. */
export async function lockAtVersion(trx: Db, assessmentId: number, version: number) {
	const row = await lockAssessmentForUpdate(trx, assessmentId);
	// Superseded since it was loaded (or while this request waited for the lock): say that, not
	// "someone changed it".
	if (row.status === 'superseded') throw new SupersededError(row);
	if (row.version !== version) throw new StaleVersionError(row);
	return row;
}

export interface DraftOpening {
	/** The version the user loaded; left out, any will do (evidence adds to a draft, not over it). */
	version?: number;
	/** The criteria a new draft is scored with; left out, a missing draft is not created. */
	createWith?: readonly CriterionRow[];
}

/**
 * Opens the place's draft for writing inside `trx`: creates it when missing (with the figures of an
 * empty assessment, and its creation audited), locks it, and refuses a stale version and anything
 * but a draft. Answers null when there is no draft and none is to be created.
 */
export async function openDraft(
	trx: Db,
	actor: Actor,
	place: AssessmentPlace,
	opening: DraftOpening
): Promise<{ row: AssessmentRow; created: boolean } | null> {
	let current = await findAssessment(trx, place);
	await refuseRetiredWork(trx, place, current);
	let created = false;
	if (!current) {
		if (!opening.createWith) return null;
		const empty = scoreColumns(place, scoreAssessment(opening.createWith, new Map()));
		created = await insertDraftIfMissing(trx, place, actor.id, empty);
		current = (await findAssessment(trx, place))!;
	}
	const row =
		opening.version === undefined
			? await lockAssessmentForUpdate(trx, current.id)
			: await lockAtVersion(trx, current.id, opening.version);
	if (row.status === 'superseded') throw new SupersededError(row);
	if (row.status !== 'draft') throw new NotEditableError(row.status);
	if (created) {
		await writeAudit(trx, {
			actor,
			action: 'assessment.create',
			entityType: 'assessment',
			entityId: row.id,
			unitId: place.unit.id,
			ip: actor.ip
		});
	}
	return { row, created };
}

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
	refuseUnlessEditor(actor);
	const criteria = await listCriteria(db, place.period.criteria_set_id);
	const parsed = parseDraft(criteria, input);
	checkWindow(place, now);
	return db.transaction().execute(async (trx) => {
		// Version 1 is a draft nobody has saved yet (an upload may have created it): a user who
		// loaded the page before it existed (version 0) may save over it.
		const version = Math.max(input.version, 1);
		const { row } = (await openDraft(trx, actor, place, { version, createWith: criteria }))!;
		const stored = await listResults(trx, row.id);
		const entries: AuditEntry[] = [];
		/** One audit entry for a criterion's value or note that changed. */
		const changed = (code: string, field: 'value' | 'note', before: unknown, after: unknown) =>
			entries.push({
				actor,
				action: `result.${field}`,
				entityType: 'assessment',
				entityId: row.id,
				unitId: place.unit.id,
				before: { criterion: code, [field]: before },
				after: { criterion: code, [field]: after },
				ip: actor.ip
			});
		const rows: Insertable<CriterionResultTable>[] = [];
		const values = new Map<string, CriterionValue>();
		for (const criterion of criteria) {
			const previous = stored.get(criterion.id);
			const before = previous?.value ?? null;
			const after = parsed.has(criterion.code) ? parsed.get(criterion.code)! : before;
			const beforeNote = previous?.note ?? '';
			const afterNote = input.notes[criterion.code]?.trim() ?? beforeNote;
			values.set(criterion.code, after);
			if (!sameValue(before, after)) changed(criterion.code, 'value', before, after);
			if (beforeNote !== afterNote) changed(criterion.code, 'note', beforeNote, afterNote);
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
		await upsertResults(trx, rows);
		const updated = await updateAssessment(trx, row.id, {
			...scoreColumns(place, scoreAssessment(criteria, values)),
			version: row.version + 1,
			updated_at: now,
			updated_by: actor.id
		});
		await writeAuditEntries(trx, entries);
		return updated;
	});
}
