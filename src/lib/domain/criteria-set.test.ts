import { describe, expect, it } from 'vitest';
import {
	criteriaCount,
	isPublishOnly,
	totalPoints,
	validateCriterion,
	validateSet,
	type CriteriaSetContent,
	type CriterionContent
} from './criteria-set';
import { criterion, set } from './criteria-set.fixture';

const problems = (c: CriterionContent) =>
	validateCriterion(c).map((i) => `${i.field}:${i.problem}`);

describe('validateCriterion', () => {
	it('accepts a plain yes/no criterion', () => {
		expect(validateCriterion(criterion())).toEqual([]);
	});

	it('wants a code, both titles and points between 0 and 100', () => {
		expect(problems(criterion({ code: ' ', title_vi: '', title_en: '  ', points: 101 }))).toEqual([
			'code:required',
			'title_vi:required',
			'title_en:required',
			'points:points_range'
		]);
		expect(problems(criterion({ points: -1 }))).toEqual(['points:points_range']);
		expect(problems(criterion({ points: 2.555 }))).toEqual(['points:points_range']);
		expect(problems(criterion({ points: 2.5 }))).toEqual([]);
		expect(problems(criterion({ points: 0 }))).toEqual([]);
		expect(problems(criterion({ code: '1 1' }))).toEqual(['code:bad_code']);
	});

	it('gives a yes/no criterion neither comparator nor target', () => {
		expect(problems(criterion({ comparator: '>=', target_number: 5 }))).toEqual([
			'comparator:comparator_not_allowed',
			'target:target_not_allowed'
		]);
		expect(problems(criterion({ target_rating: 'good' }))).toEqual(['target:target_not_allowed']);
	});

	it('wants a comparator and a target of 0 to 100 for a percentage', () => {
		const percent = { type: 'percent' as const, comparator: '>=' as const };
		expect(problems(criterion({ ...percent, target_number: 70 }))).toEqual([]);
		expect(problems(criterion({ ...percent, target_number: 0 }))).toEqual([]);
		expect(problems(criterion({ ...percent, target_number: 100 }))).toEqual([]);
		expect(problems(criterion({ ...percent, target_number: 101 }))).toEqual([
			'target:target_percent'
		]);
		expect(problems(criterion({ ...percent, target_number: -1 }))).toEqual([
			'target:target_percent'
		]);
		expect(problems(criterion({ type: 'percent', target_number: 50 }))).toEqual([
			'comparator:comparator_required'
		]);
		expect(problems(criterion({ ...percent }))).toEqual(['target:target_required']);
		expect(problems(criterion({ ...percent, target_rating: 'good' }))).toEqual([
			'target:target_number'
		]);
	});

	it('takes any number for a change in percent', () => {
		const change = { type: 'percent_change' as const, comparator: '<=' as const };
		expect(problems(criterion({ ...change, target_number: -250.5 }))).toEqual([]);
		expect(problems(criterion({ ...change, target_number: 0 }))).toEqual([]);
		expect(problems(criterion({ ...change, target_number: 1e12 }))).toEqual([
			'target:target_number'
		]);
		expect(problems(criterion({ ...change, target_number: 1.234 }))).toEqual([
			'target:target_number'
		]);
	});

	it('wants a whole number of at least 0 for a count', () => {
		const count = { type: 'count' as const, comparator: '>=' as const };
		expect(problems(criterion({ ...count, target_number: 2 }))).toEqual([]);
		expect(problems(criterion({ ...count, target_number: 1.5 }))).toEqual(['target:target_count']);
		expect(problems(criterion({ ...count, target_number: -1 }))).toEqual(['target:target_count']);
	});

	it('wants a rating level and no comparator for a rating', () => {
		expect(problems(criterion({ type: 'rating', target_rating: 'fair' }))).toEqual([]);
		expect(problems(criterion({ type: 'rating' }))).toEqual(['target:target_required']);
		expect(problems(criterion({ type: 'rating', target_number: 3 }))).toEqual([
			'target:target_rating'
		]);
		expect(
			problems(criterion({ type: 'rating', comparator: '>=', target_rating: 'good' }))
		).toEqual(['comparator:comparator_not_allowed']);
	});

	it('refuses an unknown type', () => {
		expect(problems(criterion({ type: 'stars' as never }))).toEqual(['type:bad_type']);
	});
});

describe('validateSet', () => {
	it('accepts a set whose points sum to exactly 100', () => {
		const valid = set(
			criterion({ code: '1.1', points: 33.33 }),
			criterion({ code: '1.2', points: 33.33 }),
			criterion({ code: '1.3', points: 33.34 })
		);
		expect(totalPoints(valid)).toBe(100);
		expect(validateSet(valid)).toEqual([]);
	});

	it('names the total when the points do not sum to 100', () => {
		const issues = validateSet(
			set(criterion({ code: '1.1', points: 60 }), criterion({ code: '1.2', points: 35 }))
		);
		expect(issues).toEqual([{ problem: 'points_total', total: 95 }]);
		expect(issues.every(isPublishOnly)).toBe(true);
	});

	it('finds duplicate criterion codes across groups and duplicate group codes', () => {
		const content: CriteriaSetContent = {
			groups: [
				{ code: 'I', name_vi: 'A', name_en: 'A', criteria: [criterion({ points: 50 })] },
				{ code: 'I', name_vi: 'B', name_en: 'B', criteria: [criterion({ points: 50 })] }
			]
		};
		expect(validateSet(content)).toEqual([
			{ group: 'I', field: 'code', problem: 'duplicate_code' },
			{ group: 'I', criterion: '1.1', field: 'code', problem: 'duplicate_code' }
		]);
	});

	it('names the group and criterion of every field problem', () => {
		const content: CriteriaSetContent = {
			groups: [
				{ code: '', name_vi: '', name_en: 'G', criteria: [] },
				{
					code: 'II',
					name_vi: 'Nhóm',
					name_en: 'Group',
					criteria: [criterion({ code: '2.1', title_en: '', type: 'percent', points: 100 })]
				}
			]
		};
		expect(validateSet(content)).toEqual([
			{ group: '#1', field: 'code', problem: 'required' },
			{ group: '#1', field: 'name_vi', problem: 'required' },
			{ group: '#1', field: 'criteria', problem: 'group_empty' },
			{ group: 'II', criterion: '2.1', field: 'title_en', problem: 'required' },
			{ group: 'II', criterion: '2.1', field: 'comparator', problem: 'comparator_required' },
			{ group: 'II', criterion: '2.1', field: 'target', problem: 'target_required' }
		]);
	});

	it('refuses an empty set, but lets a draft be stored empty', () => {
		const issues = validateSet({ groups: [] });
		expect(issues).toEqual([{ problem: 'set_empty' }, { problem: 'points_total', total: 0 }]);
		expect(issues.every(isPublishOnly)).toBe(true);
		expect(criteriaCount({ groups: [] })).toBe(0);
	});
});
