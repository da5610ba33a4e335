// How criteria targets and values read on screen, in the active locale.
import { m } from '$lib/paraglide/messages';
import { formatNumber } from '$lib/format';
import { typeSpec, valueKind, type Rating } from '$lib/domain/scoring';
import type { Audience, Block } from '$lib/domain/audiences';

const AUDIENCE_LABELS: Record<Audience, () => string> = {
	area: () => m.audience_area(),
	agency: () => m.audience_agency(),
	enterprise: () => m.audience_enterprise(),
	school: () => m.audience_school()
};

/** Who a criteria set is written for: "Nhà trường", "Xã, phường, thị trấn". */
export function audienceLabel(audience: Audience): string {
	return AUDIENCE_LABELS[audience]();
}

/** A block of the movement, or the whole movement when null. */
export function blockLabel(block: Block | null): string {
	if (block === 'area') return m.block_area();
	if (block === 'institution') return m.block_institution();
	return m.block_all();
}

const RATING_LABELS: Record<Rating, () => string> = {
	weak: () => m.rating_weak(),
	average: () => m.rating_average(),
	fair: () => m.rating_fair(),
	good: () => m.rating_good()
};

/** A rating level by name: "Khá". */
export function ratingLabel(rating: Rating): string {
	return RATING_LABELS[rating]();
}

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
	const spec = typeSpec(type);
	if (!spec.percent) return formatNumber(value);
	const digits = Number.isInteger(value) ? 0 : 1;
	const sign = spec.signed && value > 0 ? '+' : '';
	return `${sign}${formatNumber(value, digits)}%`;
}

export function formatTarget(criterion: Shape): string {
	switch (valueKind(criterion.type)) {
		case 'boolean':
			return m.value_yes();
		case 'rating':
			return `≥ ${RATING_LABELS[criterion.targetRating!]()}`;
		case 'number':
			return `${COMPARATOR_SIGNS[criterion.comparator ?? '>=']} ${number(criterion.type, criterion.targetNumber ?? 0)}`;
	}
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
		case 'superseded':
			return m.status_superseded();
		default:
			return m.status_none();
	}
}
