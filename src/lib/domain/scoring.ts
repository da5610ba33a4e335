// Scoring of one assessment: pure, shared by the browser preview and the server.

export const CRITERION_TYPES = ['boolean', 'percent', 'percent_change', 'count', 'rating'] as const;
export type CriterionType = (typeof CRITERION_TYPES)[number];

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
	switch (criterion.type) {
		case 'boolean':
			return value === true;
		case 'rating': {
			if (!isRating(value) || !isRating(criterion.target)) return false;
			return RATINGS.indexOf(value) >= RATINGS.indexOf(criterion.target);
		}
		default: {
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
