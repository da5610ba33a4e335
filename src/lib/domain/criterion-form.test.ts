import { describe, expect, it } from 'vitest';
import { criterion } from './criteria-set.fixture';
import {
	criterionFormEcho,
	criterionFormValues,
	emptyCriterionForm,
	readCriterionForm
} from './criterion-form';
import { parseDecimal } from './decimal';

describe('forms', () => {
	it('reads numbers as people type them', () => {
		expect(parseDecimal(' 2,5 ')).toBe(2.5);
		expect(parseDecimal('2.5')).toBe(2.5);
		expect(parseDecimal('-10')).toBe(-10);
		expect(parseDecimal('1 000')).toBe(1000);
		expect(parseDecimal('')).toBeNull();
		expect(parseDecimal('chín')).toBeNaN();
		expect(parseDecimal('1,2,3')).toBeNaN();
	});

	const form = (fields: Record<string, string>) => (name: string) => fields[name] ?? '';
	const base = {
		code: ' 1.3 ',
		title_vi: 'Tỷ lệ',
		title_en: 'Share',
		points: '4',
		comparator: '>=',
		target_number: '70',
		target_rating: 'good'
	};

	it('keeps only the target the type uses', () => {
		expect(readCriterionForm(form({ ...base, type: 'percent' }))).toEqual({
			content: criterion({
				code: '1.3',
				title_vi: 'Tỷ lệ',
				title_en: 'Share',
				type: 'percent',
				comparator: '>=',
				target_number: 70,
				points: 4
			}),
			issues: []
		});
		const rating = readCriterionForm(form({ ...base, type: 'rating', mandatory: 'on' }));
		expect(rating.content).toMatchObject({
			comparator: null,
			target_number: null,
			target_rating: 'good',
			mandatory: true
		});
		expect(rating.issues).toEqual([]);
		const yesNo = readCriterionForm(form({ ...base, type: 'boolean', evidence_required: 'on' }));
		expect(yesNo.content).toMatchObject({
			comparator: null,
			target_number: null,
			target_rating: null,
			evidence_required: true
		});
		expect(yesNo.issues).toEqual([]);
	});

	it('says which field is wrong and how', () => {
		expect(
			readCriterionForm(form({ ...base, type: 'count', target_number: 'ba', points: '' })).issues
		).toEqual([
			{ field: 'points', problem: 'required' },
			{ field: 'target', problem: 'not_a_number' }
		]);
		expect(
			readCriterionForm(form({ ...base, type: 'percent', points: 'x', target_number: '' })).issues
		).toEqual([
			{ field: 'target', problem: 'target_required' },
			{ field: 'points', problem: 'not_a_number' }
		]);
		expect(readCriterionForm(form({ ...base, type: 'percent', comparator: '' })).issues).toEqual([
			{ field: 'comparator', problem: 'comparator_required' }
		]);
	});

	it('shows a stored criterion in its form and reads it back the same', () => {
		const stored = criterion({
			code: '2.4',
			type: 'percent_change',
			comparator: '<=',
			target_number: -2.5,
			points: 7.5,
			mandatory: true,
			guidance_en: 'Year on year'
		});
		const values = criterionFormValues(stored, 12);
		expect(values).toMatchObject({ group: '12', target_number: '-2.5', mandatory: 'on' });
		expect(readCriterionForm((name) => values[name] ?? '')).toEqual({
			content: stored,
			issues: []
		});
		expect(criterionFormEcho((name) => values[name] ?? '')).toEqual(values);
	});

	it('starts a new criterion as the first type, in its group', () => {
		expect(emptyCriterionForm(3)).toEqual({ type: 'boolean', group: '3', points: '' });
	});
});
