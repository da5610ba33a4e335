// Why a write to an assessment was refused. Actions turn each into the right status and message.
import type { SubmissionProblems } from '../../domain/workflow';
import type { AssessmentRow } from './repository';

/** Field → error code: the page shows each message beside its field. */
export class InvalidInputError extends Error {
	constructor(readonly errors: Record<string, string>) {
		super('Invalid input');
	}
}

/** Someone saved or moved the assessment since this user loaded it (409). */
export class StaleVersionError extends Error {
	constructor(readonly current: AssessmentRow) {
		super('The assessment changed since it was loaded');
	}
}

/** Only a draft can change (409). */
export class NotEditableError extends Error {
	constructor(readonly status: string) {
		super(`A ${status} assessment cannot be edited`);
	}
}

/** The period does not take work from this unit now (409). */
export class PeriodClosedError extends Error {
	constructor(readonly periodStatus: string) {
		super('The period does not accept submissions');
	}
}

/** Submission is refused until every criterion is answered and required evidence is there (400). */
export class SubmissionRefusedError extends Error {
	constructor(readonly problems: SubmissionProblems) {
		super('The assessment is incomplete');
	}
}

/** The role never takes this step (403), or not from the assessment's status (409). */
export class TransitionRefusedError extends Error {
	constructor(readonly reason: 'role' | 'status') {
		super(`Transition refused: ${reason}`);
	}
}

/** The evidence file named does not belong to this assessment (404). */
export class EvidenceNotFoundError extends Error {
	constructor() {
		super('Evidence file not found');
	}
}
