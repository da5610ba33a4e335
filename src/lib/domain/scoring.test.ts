import { describe, expect, it } from 'vitest';
import campaign from '../../../scripts/seed/data/campaigns/model-ward-police.json';
import {
	COMPARATORS,
	CRITERION_TYPES,
	RATINGS,
	isAnswered,
	isCriterionType,
	isEligible,
	isMet,
	isRating,
	scoreAssessment,
	storedTarget,
	typeSpec,
	valueKind,
	type Comparator,
	type CriterionType,
	type CriterionValue,
	type Rating,
	type ScoreResult,
	type ScoredCriterion
} from './scoring';

/** A value outside the declared type, as a form or a stored JSON column could still deliver. */
const loose = (value: unknown) => value as CriterionValue;
const looseTarget = (target: unknown) => target as ScoredCriterion['target'];

function criterion(partial: Partial<ScoredCriterion> & Pick<ScoredCriterion, 'type'>) {
	return { code: 'X', points: 1, mandatory: false, ...partial } satisfies ScoredCriterion;
}

describe('constants', () => {
	it('lists the criterion types, comparators and ratings', () => {
		expect(CRITERION_TYPES).toEqual(['boolean', 'percent', 'percent_change', 'count', 'rating']);
		expect(COMPARATORS).toEqual(['>=', '<=', '>', '<', '=']);
		expect(RATINGS).toEqual(['weak', 'average', 'fair', 'good']);
	});
});

describe('criterion types', () => {
	it('says what each type is answered with', () => {
		expect(CRITERION_TYPES.map((type) => [type, valueKind(type)])).toEqual([
			['boolean', 'boolean'],
			['percent', 'number'],
			['percent_change', 'number'],
			['count', 'number'],
			['rating', 'rating']
		]);
	});

	it('knows its own types only, and reads an unknown one as a number', () => {
		expect(isCriterionType('count')).toBe(true);
		expect(isCriterionType('toString')).toBe(false);
		expect(isCriterionType(undefined)).toBe(false);
		expect(typeSpec('score')).toEqual({ value: 'number' });
	});

	it('names a stored criterion’s target by its type', () => {
		const stored = { target_number: 70, target_rating: 'fair' as const };
		expect(storedTarget({ type: 'rating', ...stored })).toBe('fair');
		expect(storedTarget({ type: 'percent', ...stored })).toBe(70);
		expect(storedTarget({ type: 'boolean', target_number: null, target_rating: null })).toBeNull();
	});
});

describe('isRating', () => {
	it.each<[unknown, boolean]>([
		['weak', true],
		['average', true],
		['fair', true],
		['good', true],
		['Good', false],
		['excellent', false],
		['', false],
		[3, false],
		[null, false],
		[undefined, false]
	])('isRating(%j) is %s', (value, expected) => {
		expect(isRating(value)).toBe(expected);
	});
});

describe('isAnswered', () => {
	it.each<[CriterionValue | undefined, boolean]>([
		[null, false],
		[undefined, false],
		[false, true],
		[true, true],
		[0, true],
		[-3.5, true],
		[Number.NaN, true],
		['weak', true]
	])('isAnswered(%s) is %s', (value, expected) => {
		expect(isAnswered(value)).toBe(expected);
	});
});

describe('isMet', () => {
	describe('boolean', () => {
		it.each<[CriterionValue | undefined, boolean]>([
			[true, true],
			[false, false],
			[null, false],
			[undefined, false],
			[1, false],
			[0, false],
			['good', false],
			[loose('true'), false]
		])('value %j → %s', (value, expected) => {
			expect(isMet(criterion({ type: 'boolean' }), value)).toBe(expected);
		});

		it.each<[Comparator | null, number | Rating | null]>([
			['<', 0],
			['=', 5],
			[null, 'good'],
			['>=', null]
		])('ignores comparator %s and target %s', (comparator, target) => {
			const c = criterion({ type: 'boolean', comparator, target });
			expect(isMet(c, true)).toBe(true);
			expect(isMet(c, false)).toBe(false);
		});
	});

	describe('percent', () => {
		it.each<[Comparator, number, number, boolean]>([
			// >=
			['>=', 90, 90, true],
			['>=', 90, 89.99, false],
			['>=', 90, 90.01, true],
			['>=', 90, 95.5, true],
			['>=', 90, 0, false],
			['>=', 100, 100, true],
			['>=', 100, 99.9, false],
			['>=', 95.5, 95.5, true],
			['>=', 95.5, 95.49, false],
			['>=', 0, 0, true],
			// <=
			['<=', 10, 10, true],
			['<=', 10, 9.5, true],
			['<=', 10, 10.5, false],
			['<=', 10, 0, true],
			['<=', 95.5, 95.5, true],
			['<=', 95.5, 95.51, false],
			// >
			['>', 90, 90, false],
			['>', 90, 90.5, true],
			['>', 90, 89.5, false],
			['>', 95.5, 95.5, false],
			['>', 95.5, 95.6, true],
			// <
			['<', 5, 5, false],
			['<', 5, 4.99, true],
			['<', 5, 5.01, false],
			['<', 0.5, 0, true],
			// =
			['=', 100, 100, true],
			['=', 100, 99.9, false],
			['=', 100, 100.1, false],
			['=', 95.5, 95.5, true],
			['=', 0, 0, true]
		])('value %s against %s %s → %s', (comparator, target, value, expected) => {
			expect(isMet(criterion({ type: 'percent', comparator, target }), value)).toBe(expected);
		});
	});

	describe('percent_change', () => {
		it.each<[Comparator, number, number, boolean]>([
			['<=', 0, -12.5, true],
			['<=', 0, -0.1, true],
			['<=', 0, 0, true],
			['<=', 0, -0, true],
			['<=', 0, 0.1, false],
			['<=', 0, 3, false],
			['<', 0, 0, false],
			['<', 0, -0.01, true],
			['<', 0, 0.01, false],
			['<=', -10, -10, true],
			['<=', -10, -9.5, false],
			['<=', -10, -25, true],
			['>=', -10, -10, true],
			['>=', -10, -10.5, false],
			['>=', -10, -9.5, true],
			['>', -5, -5, false],
			['>', -5, -4.9, true],
			['=', -5, -5, true],
			['=', -5, 5, false]
		])('value %s against %s %s → %s', (comparator, target, value, expected) => {
			expect(isMet(criterion({ type: 'percent_change', comparator, target }), value)).toBe(
				expected
			);
		});
	});

	describe('count', () => {
		it.each<[Comparator, number, number, boolean]>([
			['>=', 2, 2, true],
			['>=', 2, 1, false],
			['>=', 2, 3, true],
			['>=', 2, 0, false],
			['>=', 10, 10, true],
			['>=', 10, 9, false],
			['<=', 3, 3, true],
			['<=', 3, 4, false],
			['<=', 3, 0, true],
			['>', 0, 0, false],
			['>', 0, 1, true],
			['<', 1, 0, true],
			['<', 1, 1, false],
			['=', 0, 0, true],
			['=', 0, 1, false]
		])('value %s against %s %s → %s', (comparator, target, value, expected) => {
			expect(isMet(criterion({ type: 'count', comparator, target }), value)).toBe(expected);
		});
	});

	describe.each<CriterionType>(['percent', 'percent_change', 'count'])(
		'%s with no comparator defaults to >=',
		(type) => {
			it.each<[Comparator | null | undefined, number, boolean]>([
				[undefined, 50, true],
				[undefined, 49, false],
				[undefined, 51, true],
				[null, 50, true],
				[null, 49, false],
				[null, 51, true]
			])('comparator %s, value %s against 50 → %s', (comparator, value, expected) => {
				expect(isMet(criterion({ type, comparator, target: 50 }), value)).toBe(expected);
			});

			it('behaves like an explicit >= on negative targets', () => {
				const c = criterion({ type, target: -5 });
				expect(isMet(c, -5)).toBe(true);
				expect(isMet(c, -6)).toBe(false);
				expect(isMet(c, 0)).toBe(true);
			});
		}
	);

	describe.each<CriterionType>(['percent', 'percent_change', 'count'])(
		'%s rejects values that are not finite numbers',
		(type) => {
			it.each<[Comparator, number, CriterionValue]>([
				['>=', 0, Number.POSITIVE_INFINITY],
				['>', 0, Number.POSITIVE_INFINITY],
				['<=', 0, Number.NEGATIVE_INFINITY],
				['<', 0, Number.NEGATIVE_INFINITY],
				['>=', 0, Number.NaN],
				['<=', 0, Number.NaN],
				['=', 0, Number.NaN],
				['>=', 0, true],
				['<=', 1, true],
				['<=', 1, false],
				['>=', 0, 'good'],
				['>=', 90, loose('95')],
				['<=', 0, loose('')],
				['>=', 0, loose([5])]
			])('%s %s with value %s → false', (comparator, target, value) => {
				expect(isMet(criterion({ type, comparator, target }), value)).toBe(false);
			});

			it.each<[number | Rating | null | undefined]>([
				[null],
				[undefined],
				['good'],
				[looseTarget('50')]
			])('a missing or non-numeric target (%j) is never met', (target) => {
				expect(isMet(criterion({ type, comparator: '>=', target }), 100)).toBe(false);
				expect(isMet(criterion({ type, comparator: '<=', target }), -100)).toBe(false);
			});
		}
	);

	describe('rating', () => {
		it.each<[Rating, Rating, boolean]>([
			['weak', 'weak', true],
			['weak', 'average', true],
			['weak', 'fair', true],
			['weak', 'good', true],
			['average', 'weak', false],
			['average', 'average', true],
			['average', 'fair', true],
			['average', 'good', true],
			['fair', 'weak', false],
			['fair', 'average', false],
			['fair', 'fair', true],
			['fair', 'good', true],
			['good', 'weak', false],
			['good', 'average', false],
			['good', 'fair', false],
			['good', 'good', true]
		])('target %s, value %s → %s', (target, value, expected) => {
			expect(isMet(criterion({ type: 'rating', target }), value)).toBe(expected);
		});

		it.each<[CriterionValue]>([
			[loose('excellent')],
			[loose('Good')],
			[loose('GOOD')],
			[loose(' good')],
			[loose('')],
			[3],
			[0],
			[true],
			[false]
		])('an invalid rating value %j is never met, even against "weak"', (value) => {
			expect(isMet(criterion({ type: 'rating', target: 'weak' }), value)).toBe(false);
		});

		it.each<[number | Rating | null | undefined]>([
			[looseTarget('excellent')],
			[looseTarget('Weak')],
			[null],
			[undefined],
			[0],
			[3]
		])('an invalid target %j is never met', (target) => {
			expect(isMet(criterion({ type: 'rating', target }), 'good')).toBe(false);
		});

		it.each<[Comparator | null, Rating, boolean]>([
			['<=', 'good', true],
			['<', 'average', false],
			['=', 'good', true],
			[null, 'fair', true]
		])('ignores comparator %s (value %s against "fair" → %s)', (comparator, value, expected) => {
			expect(isMet(criterion({ type: 'rating', comparator, target: 'fair' }), value)).toBe(
				expected
			);
		});
	});

	describe.each<[CriterionType, Partial<ScoredCriterion>]>([
		['boolean', {}],
		['percent', { comparator: '<=', target: 100 }],
		['percent', { comparator: '>=', target: 0 }],
		['percent', { target: 0 }],
		['percent_change', { comparator: '<=', target: 0 }],
		['percent_change', { comparator: '=', target: 0 }],
		['count', { comparator: '>=', target: 0 }],
		['count', { comparator: '<', target: 1 }],
		['rating', { target: 'weak' }]
	])('%s %j with no value', (type, extra) => {
		it.each([[null], [undefined]])('%s is never met', (value) => {
			expect(isMet(criterion({ type, ...extra }), value)).toBe(false);
		});
	});
});

describe('scoreAssessment', () => {
	const criteria: ScoredCriterion[] = [
		{ code: 'A', type: 'boolean', points: 10, mandatory: true },
		{ code: 'B', type: 'percent', comparator: '>=', target: 90, points: 20, mandatory: false },
		{
			code: 'C',
			type: 'percent_change',
			comparator: '<=',
			target: 0,
			points: 15,
			mandatory: false
		},
		{ code: 'D', type: 'count', comparator: '>=', target: 3, points: 25, mandatory: true },
		{ code: 'E', type: 'rating', target: 'fair', points: 30, mandatory: false }
	];
	const allMet: Record<string, CriterionValue> = { A: true, B: 95.5, C: -2, D: 3, E: 'good' };

	const cases: [string, Record<string, CriterionValue>, ScoreResult][] = [
		[
			'all met',
			allMet,
			{
				score: 100,
				metCount: 5,
				criteriaCount: 5,
				answeredCount: 5,
				mandatoryMet: true,
				unmet: []
			}
		],
		[
			'all met exactly at target',
			{ A: true, B: 90, C: 0, D: 3, E: 'fair' },
			{
				score: 100,
				metCount: 5,
				criteriaCount: 5,
				answeredCount: 5,
				mandatoryMet: true,
				unmet: []
			}
		],
		[
			'nothing answered',
			{},
			{
				score: 0,
				metCount: 0,
				criteriaCount: 5,
				answeredCount: 0,
				mandatoryMet: false,
				unmet: ['A', 'B', 'C', 'D', 'E']
			}
		],
		[
			'everything answered, nothing met',
			{ A: false, B: 89.9, C: 0.5, D: 2, E: 'average' },
			{
				score: 0,
				metCount: 0,
				criteriaCount: 5,
				answeredCount: 5,
				mandatoryMet: false,
				unmet: ['A', 'B', 'C', 'D', 'E']
			}
		],
		[
			'a mandatory criterion unanswered, the rest met',
			{ B: 100, C: -10, D: 4, E: 'fair' },
			{
				score: 90,
				metCount: 4,
				criteriaCount: 5,
				answeredCount: 4,
				mandatoryMet: false,
				unmet: ['A']
			}
		],
		[
			'a mandatory criterion answered null',
			{ A: null, B: 100, C: -10, D: 4, E: 'fair' },
			{
				score: 90,
				metCount: 4,
				criteriaCount: 5,
				answeredCount: 4,
				mandatoryMet: false,
				unmet: ['A']
			}
		],
		[
			'a mandatory criterion answered but unmet',
			{ ...allMet, D: 2 },
			{
				score: 75,
				metCount: 4,
				criteriaCount: 5,
				answeredCount: 5,
				mandatoryMet: false,
				unmet: ['D']
			}
		],
		[
			'only optional criteria unmet',
			{ ...allMet, B: 50, E: 'weak' },
			{
				score: 50,
				metCount: 3,
				criteriaCount: 5,
				answeredCount: 5,
				mandatoryMet: true,
				unmet: ['B', 'E']
			}
		],
		[
			'optional criteria unanswered',
			{ A: true, B: null, D: 5 },
			{
				score: 35,
				metCount: 2,
				criteriaCount: 5,
				answeredCount: 2,
				mandatoryMet: true,
				unmet: ['B', 'C', 'E']
			}
		],
		[
			'a non-finite number counts as answered but not met',
			{ ...allMet, B: Number.NaN, C: Number.NEGATIVE_INFINITY },
			{
				score: 65,
				metCount: 3,
				criteriaCount: 5,
				answeredCount: 5,
				mandatoryMet: true,
				unmet: ['B', 'C']
			}
		],
		[
			'false counts as answered',
			{ A: false },
			{
				score: 0,
				metCount: 0,
				criteriaCount: 5,
				answeredCount: 1,
				mandatoryMet: false,
				unmet: ['A', 'B', 'C', 'D', 'E']
			}
		],
		[
			'values for unknown codes are ignored',
			{ Z: true, Y: 100, B: 95 },
			{
				score: 20,
				metCount: 1,
				criteriaCount: 5,
				answeredCount: 1,
				mandatoryMet: false,
				unmet: ['A', 'C', 'D', 'E']
			}
		],
		[
			'unmet codes follow criteria order, not value order',
			{ E: 'weak', D: 3, C: 1, B: 91, A: false },
			{
				score: 45,
				metCount: 2,
				criteriaCount: 5,
				answeredCount: 5,
				mandatoryMet: false,
				unmet: ['A', 'C', 'E']
			}
		]
	];

	it.each(cases)('%s (plain object)', (_name, values, expected) => {
		expect(scoreAssessment(criteria, values)).toEqual(expected);
	});

	it.each(cases)('%s (Map)', (_name, values, expected) => {
		expect(scoreAssessment(criteria, new Map(Object.entries(values)))).toEqual(expected);
	});

	it.each(cases)('%s: Map and plain object give the same result', (_name, values) => {
		expect(scoreAssessment(criteria, new Map(Object.entries(values)))).toEqual(
			scoreAssessment(criteria, values)
		);
	});

	it('lists unmet codes in the order the criteria are given', () => {
		const values = { A: false, B: 10, C: 5, D: 3, E: 'good' } as const;
		expect(scoreAssessment(criteria, values).unmet).toEqual(['A', 'B', 'C']);
		expect(scoreAssessment([...criteria].reverse(), values).unmet).toEqual(['C', 'B', 'A']);
	});

	it('reports mandatoryMet true when the set has no mandatory criteria, even if nothing is met', () => {
		const optional = criteria.map((c) => ({ ...c, mandatory: false }));
		expect(scoreAssessment(optional, {})).toEqual({
			score: 0,
			metCount: 0,
			criteriaCount: 5,
			answeredCount: 0,
			mandatoryMet: true,
			unmet: ['A', 'B', 'C', 'D', 'E']
		});
	});

	it.each<[Record<string, CriterionValue> | Map<string, CriterionValue>]>([
		[{}],
		[{ A: true }],
		[new Map()],
		[new Map<string, CriterionValue>([['A', true]])]
	])('an empty criteria list scores nothing (values %o)', (values) => {
		expect(scoreAssessment([], values)).toEqual({
			score: 0,
			metCount: 0,
			criteriaCount: 0,
			answeredCount: 0,
			mandatoryMet: true,
			unmet: []
		});
	});

	describe('fractional points', () => {
		const booleans = (points: number[]): ScoredCriterion[] =>
			points.map((p, i) => ({ code: `F${i}`, type: 'boolean', points: p, mandatory: false }));
		const answers = (met: boolean[]) =>
			Object.fromEntries(met.map((m, i) => [`F${i}`, m])) as Record<string, CriterionValue>;

		it.each<[number[], boolean[], number]>([
			[[0.1, 0.2], [true, true], 0.3],
			[[0.1, 0.1, 0.1], [true, true, true], 0.3],
			[[0.7, 0.1], [true, true], 0.8],
			[[0.333, 0.333], [true, true], 0.67],
			[[10.004], [true], 10],
			[[33.33, 33.33, 33.34], [true, true, true], 100],
			[[33.33, 33.33, 33.34], [true, false, true], 66.67],
			[[0.1, 0.2, 0.4], [true, false, true], 0.5],
			[[2.5, 2.5], [false, false], 0]
		])('points %j met %j → %s', (points, met, expected) => {
			expect(scoreAssessment(booleans(points), answers(met)).score).toBe(expected);
		});
	});
});

describe('isEligible', () => {
	it.each<[number, boolean, number, boolean, boolean]>([
		[90, true, 90, true, true],
		[89.99, true, 90, true, false],
		[89, true, 90, true, false],
		[100, true, 90, true, true],
		[95, false, 90, true, false],
		[100, false, 90, true, false],
		[95, false, 90, false, true],
		[90, false, 90, false, true],
		[89.99, false, 90, false, false],
		[89.99, true, 90, false, false],
		[0, true, 0, true, true],
		[0, false, 0, true, false],
		[90.5, true, 90.5, true, true],
		[90.49, true, 90.5, true, false]
	])(
		'score %s, mandatoryMet %s, minScore %s, allMandatory %s → %s',
		(score, mandatoryMet, minScore, allMandatory, expected) => {
			expect(isEligible({ score, mandatoryMet }, { minScore, allMandatory })).toBe(expected);
		}
	);

	it('accepts a full score result', () => {
		const result = scoreAssessment(
			[
				{ code: 'M', type: 'boolean', points: 60, mandatory: true },
				{ code: 'O', type: 'count', comparator: '>=', target: 1, points: 40, mandatory: false }
			],
			{ M: true, O: 0 }
		);
		expect(isEligible(result, { minScore: 60, allMandatory: true })).toBe(true);
		expect(isEligible(result, { minScore: 61, allMandatory: true })).toBe(false);
	});
});

describe('sample criteria set: model ward police (CAP-DHKM)', () => {
	const criteria: ScoredCriterion[] = campaign.groups.flatMap((group) =>
		group.criteria.map((c): ScoredCriterion => ({
			code: c.code,
			type: c.type as CriterionType,
			comparator: 'comparator' in c ? (c.comparator as Comparator) : undefined,
			target: 'target' in c ? (c.target as number | Rating) : undefined,
			points: c.points,
			mandatory: c.mandatory
		}))
	);
	const rule = {
		minScore: campaign.recognition.min_score,
		allMandatory: campaign.recognition.all_mandatory
	};

	/** An answer per criterion, each one met; written out by hand rather than derived from targets. */
	const allMet: Record<string, CriterionValue> = {
		'1.1': true,
		'1.2': true,
		'1.3': 72.5,
		'1.4': 100,
		'1.5': 100,
		'1.6': 'good',
		'2.1': true,
		'2.2': true,
		'2.3': -8.3,
		'2.4': 100,
		'2.5': true,
		'2.6': 0,
		'3.1': 'good',
		'3.2': 80,
		'3.3': 95.5,
		'4.1': 100,
		'4.2': 3,
		'4.3': true,
		'4.4': 10,
		'5.1': 91.2,
		'5.2': 100,
		'5.3': true,
		'5.4': 90
	};

	it('has 23 criteria worth 100 points, five of them mandatory, with a 90-point rule', () => {
		expect(criteria).toHaveLength(23);
		expect(criteria.reduce((sum, c) => sum + c.points, 0)).toBe(100);
		expect(criteria.filter((c) => c.mandatory).map((c) => c.code)).toEqual([
			'1.1',
			'1.2',
			'2.1',
			'2.2',
			'4.1'
		]);
		expect(rule).toEqual({ minScore: 90, allMandatory: true });
		expect(Object.keys(allMet)).toEqual(criteria.map((c) => c.code));
	});

	it('scores 100 and 23/23 when every criterion is met, and is eligible', () => {
		const result = scoreAssessment(criteria, allMet);
		expect(result).toEqual({
			score: 100,
			metCount: 23,
			criteriaCount: 23,
			answeredCount: 23,
			mandatoryMet: true,
			unmet: []
		});
		expect(isEligible(result, rule)).toBe(true);
		expect(scoreAssessment(criteria, new Map(Object.entries(allMet)))).toEqual(result);
	});

	it('is not eligible at 90 when one mandatory criterion fails, despite a score of 95', () => {
		const result = scoreAssessment(criteria, { ...allMet, '4.1': 95 });
		expect(result).toEqual({
			score: 95,
			metCount: 22,
			criteriaCount: 23,
			answeredCount: 23,
			mandatoryMet: false,
			unmet: ['4.1']
		});
		expect(isEligible(result, rule)).toBe(false);
		expect(isEligible(result, { ...rule, allMandatory: false })).toBe(true);
	});

	it.each<[string, Record<string, CriterionValue>, Partial<ScoreResult>, boolean]>([
		[
			'an unanswered mandatory criterion',
			{ ...allMet, '1.1': null },
			{ score: 95, metCount: 22, answeredCount: 22, mandatoryMet: false, unmet: ['1.1'] },
			false
		],
		[
			'crime up 0.5% and traffic accidents up 2%',
			{ ...allMet, '2.3': 0.5, '2.6': 2 },
			{ score: 91, metCount: 21, answeredCount: 23, mandatoryMet: true, unmet: ['2.3', '2.6'] },
			true
		],
		[
			'19/23 with all mandatory met but under the minimum',
			{ ...allMet, '1.3': 69.9, '2.6': 0.1, '3.1': 'fair', '4.4': 9 },
			{
				score: 84,
				metCount: 19,
				answeredCount: 23,
				mandatoryMet: true,
				unmet: ['1.3', '2.6', '3.1', '4.4']
			},
			false
		],
		[
			'three optional criteria missed: 87 points, 20/23',
			{ ...allMet, '3.2': 79.9, '4.2': 1, '1.6': 'fair' },
			{
				score: 87,
				metCount: 20,
				answeredCount: 23,
				mandatoryMet: true,
				unmet: ['1.6', '3.2', '4.2']
			},
			false
		],
		[
			'missing 10 optional points: exactly at the 90-point minimum',
			{ ...allMet, '3.2': 79.9, '5.1': 89.9 },
			{ score: 90, metCount: 21, answeredCount: 23, mandatoryMet: true, unmet: ['3.2', '5.1'] },
			true
		]
	])('%s', (_name, values, expected, eligible) => {
		const result = scoreAssessment(criteria, values);
		expect(result).toMatchObject({ ...expected, criteriaCount: 23 });
		expect(isEligible(result, rule)).toBe(eligible);
	});
});
