// How criteria targets and values read on screen, in the active locale.
import { m } from '$lib/paraglide/messages';
import { formatNumber } from '$lib/format';
import type { Rating } from '$lib/domain/scoring';

const RATING_LABELS: Record<Rating, () => string> = {
	weak: () => m.rating_weak(),
	average: () => m.rating_average(),
	fair: () => m.rating_fair(),
	good: () => m.rating_good()
};

const COMPARATOR_SIGNS: Record<string, string> = {
	'>=': '≥',
	'<=': '≤',
	'>': '>',
	'<': '<',
	'=': '='
};

interface Shape {
	type: string;
	comparator: string | null;
	targetNumber: number | null;
	targetRating: Rating | null;
}

function number(type: string, value: number): string {
	const digits = Number.isInteger(value) ? 0 : 1;
	if (type === 'count') return formatNumber(value);
	const sign = type === 'percent_change' && value > 0 ? '+' : '';
	return `${sign}${formatNumber(value, digits)}%`;
}

export function formatTarget(criterion: Shape): string {
	if (criterion.type === 'boolean') return m.value_yes();
	if (criterion.type === 'rating') return `≥ ${RATING_LABELS[criterion.targetRating!]()}`;
	return `${COMPARATOR_SIGNS[criterion.comparator ?? '>=']} ${number(criterion.type, criterion.targetNumber ?? 0)}`;
}

export function formatValue(
	criterion: Shape & {
		valueBoolean: boolean | null;
		valueNumber: number | null;
		valueRating: Rating | null;
	}
): string {
	if (criterion.valueBoolean !== null) return criterion.valueBoolean ? m.value_yes() : m.value_no();
	if (criterion.valueRating !== null) return RATING_LABELS[criterion.valueRating]();
	if (criterion.valueNumber !== null) return number(criterion.type, criterion.valueNumber);
	return m.value_none();
}

export function statusLabel(status: string | null): string {
	switch (status) {
		case 'draft':
			return m.status_draft();
		case 'submitted':
			return m.status_submitted();
		case 'verified':
			return m.status_verified();
		case 'approved':
			return m.status_approved();
		default:
			return m.status_none();
	}
}
