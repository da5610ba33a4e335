// Why a write to an assessment was refused. Each is a Refusal carrying its HTTP status and the body
// the assessment page reads (see action-state.ts beside the page); invalid fields are the shared
// InvalidInput of ../failure.
import type { SubmissionProblems } from '../../domain/workflow';
import { Refusal } from '../failure';
import type { AssessmentRow } from './repository';

/** Someone saved or moved the assessment since this user loaded it (409). */
export class StaleVersionError extends Refusal<{
	conflict: { version: number; status: string; updatedAt: Date };
}> {
	constructor(readonly current: AssessmentRow) {
		super(
			409,
			{
				conflict: {
					version: current.version,
					status: current.status,
					updatedAt: current.updated_at
				}
			},
			'The assessment changed since it was loaded'
		);
	}
}

/** Only a draft can change (409). */
export class NotEditableError extends Refusal<{ notEditable: string }> {
	constructor(readonly assessmentStatus: string) {
		super(
			409,
			{ notEditable: assessmentStatus },
			`A ${assessmentStatus} assessment cannot be edited`
		);
	}
}

/** The period does not take work from this unit now (409). */
export class PeriodClosedError extends Refusal<{ periodClosed: true }> {
	constructor(readonly periodStatus: string) {
		super(409, { periodClosed: true }, 'The period does not accept submissions');
	}
}

/** Submission is refused until every criterion is answered and required evidence is there (400). */
export class SubmissionRefusedError extends Refusal<{ problems: SubmissionProblems }> {
	constructor(readonly problems: SubmissionProblems) {
		super(400, { problems }, 'The assessment is incomplete');
	}
}

/**
 * The role never takes this step (403, an error page), or not from the assessment's status (409,
 * told beside the form as "not editable").
 */
export class TransitionRefusedError extends Refusal<{ notEditable?: 'status' }> {
	constructor(readonly reason: 'role' | 'status') {
		super(
			reason === 'role' ? 403 : 409,
			reason === 'role' ? {} : { notEditable: 'status' },
			reason === 'role' ? 'Forbidden' : `Transition refused: ${reason}`
		);
	}
}

/** The evidence file named does not belong to this assessment (404, told beside the form). */
export class EvidenceNotFoundError extends Refusal<{ evidenceMissing: true }> {
	constructor() {
		super(404, { evidenceMissing: true }, 'Evidence file not found');
	}
}

/** What the page tells about an assessment closed as superseded. */
export interface SupersededNotice {
	at: Date | null;
	reason: string | null;
	/** The status it had when it was closed. */
	from: string | null;
}

/**
 * The assessment was closed as superseded when its unit retired (409): nothing more is entered,
 * and no workflow step takes it any further.
 */
export class SupersededError extends Refusal<{ superseded: SupersededNotice }> {
	constructor(
		readonly row: Pick<AssessmentRow, 'superseded_at' | 'superseded_reason' | 'superseded_from'>
	) {
		super(
			409,
			{
				superseded: {
					at: row.superseded_at,
					reason: row.superseded_reason,
					from: row.superseded_from
				}
			},
			'The assessment was superseded when its unit retired'
		);
	}
}

/**
 * The unit was not in force on the period's last day (retired before it ends, or formed after): it
 * takes no assessment for that period (409).
 */
export class UnitNotInForceError extends Refusal<{ unitNotInForce: true }> {
	constructor() {
		super(409, { unitNotInForce: true }, 'The unit does not exist at the end of this period');
	}
}
