// The shape of every action's answer on the assessment page, success or failure, read loosely:
// each action fills the fields it has.
import type { SubmissionProblems } from '$lib/domain/workflow';

export interface ActionState {
	action?: string;
	done?: boolean;
	errors?: Record<string, string>;
	values?: Record<string, string>;
	notes?: Record<string, string>;
	comments?: Record<string, string>;
	reason?: string;
	decisionNumber?: string;
	decisionDate?: string;
	problems?: SubmissionProblems;
	conflict?: { version: number; status: string; updatedAt: Date | string };
	notEditable?: string;
	/** The assessment was closed as superseded when its unit retired. */
	superseded?: { at: Date | string | null; reason: string | null; from: string | null };
	/** The unit does not count in this period: it takes no assessment for it. */
	unitNotInForce?: boolean;
	periodClosed?: boolean;
	evidenceMissing?: boolean;
	saved?: boolean;
	version?: number;
	fileName?: string;
	recognition?: string | null;
	/** The database was unavailable: nothing was saved (503). */
	unavailable?: boolean;
}

export function actionState(form: unknown): ActionState | null {
	return form && typeof form === 'object' ? (form as ActionState) : null;
}
