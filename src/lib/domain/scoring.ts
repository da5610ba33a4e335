// Scoring of one assessment: pure, shared by the browser preview and the server.

/** What a criterion's answer is; it decides how the target is written and where values are stored. */
export type ValueKind = 'boolean' | 'number' | 'rating';

export interface CriterionTypeSpec {
	/** boolean: met on a yes, no target; number: a comparator and a number; rating: a level. */
	value: ValueKind;
	/** Numbers read as percentages ("95,5%"); otherwise as plain numbers. */
	percent?: boolean;
	/** A rise shows its plus sign ("+3%"). */
	signed?: boolean;
	/** What a target may be beyond a number with two decimals, and the problem named when not. */
	target?: { min: number; max?: number; whole?: boolean; problem: TargetRangeProblem };
}

export type TargetRangeProblem = 'target_percent' | 'target_count';

/**
 * Every criterion type, in the order the editor offers them. A new type is a row here; then the
 * value parser (values.ts), the input (CriterionInput.svelte), the editor's labels (criteria
 * issues.ts) and a migration for the database's CHECK follow, each forced by a Record over the type.
 */
export const CRITERION_TYPE_SPECS = {
	boolean: { value: 'boolean' },
	percent: {
		value: 'number',
		percent: true,
		target: { min: 0, max: 100, problem: 'target_percent' }
	},
	percent_change: { value: 'number', percent: true, signed: true },
	count: { value: 'number', target: { min: 0, whole: true, problem: 'target_count' } },
	rating: { value: 'rating' }
} as const satisfies Record<string, CriterionTypeSpec>;

export type CriterionType = keyof typeof CRITERION_TYPE_SPECS;
export const CRITERION_TYPES = Object.keys(CRITERION_TYPE_SPECS) as readonly CriterionType[];

export function isCriterionType(value: unknown): value is CriterionType {
	return typeof value === 'string' && Object.hasOwn(CRITERION_TYPE_SPECS, value);
}

/** The type's row; an unknown type reads as a number, as scoring always has. */
export function typeSpec(type: string): CriterionTypeSpec {
	return isCriterionType(type) ? CRITERION_TYPE_SPECS[type] : { value: 'number' };
}

export function valueKind(type: string): ValueKind {
	return typeSpec(type).value;
}

/** The types answered with a number. */
export type NumberCriterionType = {
	[T in CriterionType]: (typeof CRITERION_TYPE_SPECS)[T]['value'] extends 'number' ? T : never;
}[CriterionType];

/** The target a stored criterion names: its level for a rating, its number otherwise. */
export function storedTarget(criterion: {
	type: string;
	target_number: number | null;
	target_rating: Rating | null;
}): number | Rating | null {
	return valueKind(criterion.type) === 'rating' ? criterion.target_rating : criterion.target_number;
}

export const COMPARATORS = ['>=', '<=', '>', '<', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** Rating levels, weakest first: the order is what "at or above the target level" means. */
export const RATINGS = ['weak', 'average', 'fair', 'good'] as const;
export type Rating = (typeof RATINGS)[number];

export type CriterionValue = boolean | number | Rating | null;

export interface ScoredCriterion {
	code: string;
	type: CriterionType;
	/** Numeric types only; boolean and rating criteria ignore it. */
	comparator?: Comparator | null;
	/** A number for numeric types, a rating level for `rating`; unused for `boolean`. */
	target?: number | Rating | null;
	points: number;
	mandatory: boolean;
}

export interface RecognitionRule {
	minScore: number;
	allMandatory: boolean;
}

export interface ScoreResult {
	score: number;
	metCount: number;
	criteriaCount: number;
	answeredCount: number;
	mandatoryMet: boolean;
	/** Codes of criteria not met (unanswered ones included), in the order given. */
	unmet: string[];
}

export function isRating(value: unknown): value is Rating {
	return typeof value === 'string' && (RATINGS as readonly string[]).includes(value);
}

export function isAnswered(value: CriterionValue | undefined): boolean {
	return value !== null && value !== undefined;
}

function compare(value: number, comparator: Comparator, target: number): boolean {
	switch (comparator) {
		case '>=':
			return value >= target;
		case '<=':
			return value <= target;
		case '>':
			return value > target;
		case '<':
			return value < target;
		case '=':
			return value === target;
		default:
			return false;
	}
}

/** Whether one answer satisfies its criterion. An unanswered criterion is never met. */
export function isMet(criterion: ScoredCriterion, value: CriterionValue | undefined): boolean {
	if (value === null || value === undefined) return false;
	switch (valueKind(criterion.type)) {
		case 'boolean':
			return value === true;
		case 'rating': {
			if (!isRating(value) || !isRating(criterion.target)) return false;
			return RATINGS.indexOf(value) >= RATINGS.indexOf(criterion.target);
		}
		case 'number': {
			if (typeof value !== 'number' || !Number.isFinite(value)) return false;
			if (typeof criterion.target !== 'number') return false;
			return compare(value, criterion.comparator ?? '>=', criterion.target);
		}
	}
}

/** Points are kept to two decimals so stored and recomputed scores compare exactly. */
function roundPoints(points: number): number {
	return Math.round(points * 100) / 100;
}

export function scoreAssessment(
	criteria: readonly ScoredCriterion[],
	values: ReadonlyMap<string, CriterionValue> | Record<string, CriterionValue>
): ScoreResult {
	const valueOf = (code: string) => {
		if (values instanceof Map) return values.get(code);
		const record = values as Record<string, CriterionValue>;
		return Object.hasOwn(record, code) ? record[code] : undefined;
	};
	let score = 0;
	let metCount = 0;
	let answeredCount = 0;
	let mandatoryMet = true;
	const unmet: string[] = [];
	for (const criterion of criteria) {
		const value = valueOf(criterion.code);
		if (isAnswered(value)) answeredCount++;
		if (isMet(criterion, value)) {
			score += criterion.points;
			metCount++;
		} else {
			unmet.push(criterion.code);
			if (criterion.mandatory) mandatoryMet = false;
		}
	}
	return {
		score: roundPoints(score),
		metCount,
		criteriaCount: criteria.length,
		answeredCount,
		mandatoryMet,
		unmet
	};
}

/** Eligible for recognition: enough points and, when the rule asks, every mandatory criterion met. */
export function isEligible(
	result: Pick<ScoreResult, 'score' | 'mandatoryMet'>,
	rule: RecognitionRule
): boolean {
	return result.score >= rule.minScore && (!rule.allMandatory || result.mandatoryMet);
}
