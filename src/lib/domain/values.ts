// Criterion values as people type them into the form, and back. Pure, shared by the browser (to
// explain a value before it is sent) and the server (which never trusts the browser).
import {
	isRating,
	valueKind,
	type CriterionType,
	type CriterionValue,
	type NumberCriterionType
} from './scoring';

export type ValueError =
	| 'not_a_number'
	| 'percent_range'
	| 'change_range'
	| 'negative'
	| 'not_whole'
	| 'too_large'
	| 'too_precise'
	| 'unknown_choice';

export type ParsedValue = { ok: true; value: CriterionValue } | { ok: false; error: ValueError };

/** Limits of each numeric type: a share is 0–100, a change cannot fall below −100 %. */
export const LIMITS = {
	percent: { min: 0, max: 100 },
	percent_change: { min: -100, max: 10_000 },
	count: { min: 0, max: 1_000_000_000 }
} as const satisfies Record<NumberCriterionType, { min: number; max: number }>;

const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
/** A whole number written with thousands separators, as in 1.250 or 1 250 or 1,250. */
const GROUPED = /^\d{1,3}([., ]\d{3})+$/;

const ok = (value: CriterionValue): ParsedValue => ({ ok: true, value });
const fail = (error: ValueError): ParsedValue => ({ ok: false, error });

/** How each numeric type reads what was typed. */
const NUMBER_READERS: Record<NumberCriterionType, (text: string) => ParsedValue> = {
	percent: (text) => parsePercent(text, LIMITS.percent, 'percent_range'),
	percent_change: (text) => parsePercent(text, LIMITS.percent_change, 'change_range'),
	count: parseCount
};

/**
 * Reads one form value. An empty input is a valid "not answered yet" (null): drafts may be
 * incomplete, submission checks completeness separately.
 */
export function parseValue(type: CriterionType, input: string | null | undefined): ParsedValue {
	const text = (input ?? '').trim();
	if (text === '') return ok(null);
	switch (valueKind(type)) {
		case 'boolean':
			if (text === 'yes') return ok(true);
			if (text === 'no') return ok(false);
			return fail('unknown_choice');
		case 'rating':
			return isRating(text) ? ok(text) : fail('unknown_choice');
		case 'number':
			return NUMBER_READERS[type as NumberCriterionType](text);
	}
}

function parseCount(text: string): ParsedValue {
	const compact = text.replace(/\s+/g, ' ');
	if (/^[-−]/.test(compact)) {
		return DECIMAL.test(compact.replace('−', '-').slice(1).trim())
			? fail('negative')
			: fail('not_a_number');
	}
	let digits: string;
	if (GROUPED.test(compact)) digits = compact.replace(/[., ]/g, '');
	else if (/^\+?\d+$/.test(compact)) digits = compact.replace('+', '');
	else return DECIMAL.test(compact) ? fail('not_whole') : fail('not_a_number');
	const value = Number(digits);
	if (value > LIMITS.count.max) return fail('too_large');
	return ok(value);
}

function parsePercent(
	text: string,
	limits: { min: number; max: number },
	rangeError: ValueError
): ParsedValue {
	// People write 95,5 or 95,5 % or −3; the minus sign may be the typographic one.
	const compact = text.replace(/\s*%$/, '').replace('−', '-').replace(/\s+/g, '');
	if (!DECIMAL.test(compact)) return fail('not_a_number');
	const normalised = compact.replace(',', '.');
	const fraction = normalised.split('.')[1] ?? '';
	if (fraction.length > 2) return fail('too_precise');
	const value = Number(normalised);
	if (!Number.isFinite(value)) return fail('not_a_number');
	if (value < limits.min || value > limits.max) return fail(rangeError);
	// -0 and 0 are the same answer.
	return ok(value === 0 ? 0 : value);
}

/** A stored value as the form shows it: decimals with a comma in Vietnamese, a dot in English. */
export function formatInput(value: CriterionValue, locale: 'vi' | 'en' = 'vi'): string {
	if (value === null) return '';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (typeof value === 'string') return value;
	const text = String(value);
	return locale === 'vi' ? text.replace('.', ',') : text;
}

/** Whether two answers are the same, for the audit trail and "what changed" views. */
export function sameValue(a: CriterionValue | undefined, b: CriterionValue | undefined): boolean {
	return (a ?? null) === (b ?? null);
}
