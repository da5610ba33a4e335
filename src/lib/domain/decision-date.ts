// When a recognition decision may be dated: a real calendar date, not after today and not before
// the campaign or the assessed period started. Every date is Vietnam's calendar date
// ('yyyy-mm-dd'), so a server in another time zone reads "today" the same. Pure.
import { isIsoDate } from './periods';

export type DecisionDateError =
	| 'decision_date_required'
	| 'decision_date_invalid'
	| 'decision_date_future'
	| 'decision_date_before_campaign'
	| 'decision_date_before_period';

export interface DecisionDateBounds {
	/** Today in Vietnam (`vnDate(now)`). */
	today: string;
	/** The campaign's start date. */
	campaignStart: string;
	/** The first day of the assessed period. */
	periodStart: string;
}

/** The earliest date a decision may carry, and which start sets it (the period's on a tie). */
export function earliestDecisionDate(bounds: Omit<DecisionDateBounds, 'today'>): {
	date: string;
	by: 'campaign' | 'period';
} {
	return bounds.campaignStart > bounds.periodStart
		? { date: bounds.campaignStart, by: 'campaign' }
		: { date: bounds.periodStart, by: 'period' };
}

/**
 * Why a typed decision date is refused, or null when it may stand. A decision dated before the
 * period it recognises began would count in the figures of periods already closed.
 */
export function decisionDateError(
	typed: string,
	bounds: DecisionDateBounds
): DecisionDateError | null {
	const date = typed.trim();
	if (date === '') return 'decision_date_required';
	if (!isIsoDate(date)) return 'decision_date_invalid';
	if (date > bounds.today) return 'decision_date_future';
	const earliest = earliestDecisionDate(bounds);
	if (date < earliest.date) {
		return earliest.by === 'campaign'
			? 'decision_date_before_campaign'
			: 'decision_date_before_period';
	}
	return null;
}
