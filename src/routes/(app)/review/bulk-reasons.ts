// Why the bulk approval refused an assessment, or the form, in the active locale.
import { decisionDateMessage, errorMessage } from '$lib/assessment-format';
import { m } from '$lib/paraglide/messages';

/** An assessment the bulk approval refused, as the action answers it. */
export interface RefusedItem {
	assessmentId: number;
	unitName: string | null;
	period: string | null;
	reason: string;
	earliest?: string;
}

const REASONS: Record<string, () => string> = {
	bulk_none_selected: () => m.bulk_none_selected(),
	bulk_too_many: () => m.bulk_too_many(),
	bulk_not_found: () => m.bulk_not_found(),
	bulk_other_campaign: () => m.bulk_other_campaign(),
	bulk_not_eligible: () => m.bulk_not_eligible(),
	bulk_stale: () => m.bulk_stale(),
	bulk_superseded: () => m.bulk_superseded(),
	bulk_not_in_force: () => m.bulk_not_in_force(),
	bulk_status: () => m.bulk_status(),
	bulk_refused: () => m.bulk_refused()
};

export function bulkReason(code: string | undefined, earliest = ''): string {
	if (!code) return '';
	const reason = REASONS[code];
	return reason ? reason() : decisionDateMessage(code, earliest) || errorMessage(code);
}
