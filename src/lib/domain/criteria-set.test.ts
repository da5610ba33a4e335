import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	criteriaCount,
	formatJson,
	isPublishOnly,
	parseSetJson,
	readCriterionForm,
	setToJson,
	totalPoints,
	validateCriterion,
	validateSet,
	writeCampaignFile,
	writeSetFile,
	type CampaignFileHead,
	type CriteriaSetContent,
	type CriterionContent
} from './criteria-set';
import { parseDecimal } from './decimal';

const SAMPLES = ['model-ward-police.json', 'security-movement.json'];
const sample = (file: string) =>
	readFileSync(new URL(`../../../scripts/seed/data/campaigns/${file}`, import.meta.url), 'utf8');

function criterion(overrides: Partial<CriterionContent> = {}): CriterionContent {
	return {
		code: '1.1',
		title_vi: 'Tiêu chí',
		title_en: 'Criterion',
		type: 'boolean',
		comparator: null,
		target_number: null,
		target_rating: null,
		points: 100,
		mandatory: false,
		evidence_required: false,
		guidance_vi: '',
		guidance_en: '',
		...overrides
	};
}

function set(...criteria: CriterionContent[]): CriteriaSetContent {
	return { groups: [{ code: 'I', name_vi: 'Nhóm I', name_en: 'Group I', criteria }] };
}

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

describe('JSON', () => {
	it.each(SAMPLES)('reads %s, which is valid, and writes it back unchanged', (file) => {
		const text = sample(file);
		const parsed = parseSetJson(text);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(validateSet(parsed.content)).toEqual([]);
		const original = JSON.parse(text);
		expect(setToJson(parsed.content)).toEqual(original.groups);
		const head = { ...original, groups: undefined } as CampaignFileHead;
		const written = writeCampaignFile(head, parsed.content);
		expect(JSON.parse(written)).toEqual(original);
		// The layout too: the shipped files write 1.0 where JSON.stringify writes 1.
		expect(written).toBe(text.replace(/: 1\.0\b/g, ': 1'));
		const again = parseSetJson(written);
		expect(again).toEqual(parsed);
	});

	it('reads a bare { "groups": [...] } and writes it the same way', () => {
		const content = set(
			criterion({
				code: 'A.1',
				type: 'count',
				comparator: '>=',
				target_number: 3,
				evidence_required: true,
				guidance_vi: 'Hướng dẫn',
				guidance_en: 'Guidance'
			})
		);
		const text = writeSetFile(content);
		expect(text).toContain(
			'{ "code": "A.1", "title_vi": "Tiêu chí", "title_en": "Criterion", "type": "count", "comparator": ">=", "target": 3, "points": 100, "mandatory": false, "evidence_required": true, "guidance_vi": "Hướng dẫn", "guidance_en": "Guidance" }'
		);
		expect(parseSetJson(text)).toEqual({ ok: true, content });
	});

	it('fills the optional fields with their defaults', () => {
		const parsed = parseSetJson(
			JSON.stringify({
				groups: [
					{
						code: 'I',
						name_vi: 'Nhóm I',
						name_en: 'Group I',
						criteria: [{ code: '1', title_vi: 'T', title_en: 'T', type: 'boolean', points: 100 }]
					}
				]
			})
		);
		expect(parsed).toEqual({
			ok: true,
			content: set(criterion({ code: '1', title_vi: 'T', title_en: 'T' }))
		});
	});

	it('reports malformed JSON with the parser’s words', () => {
		const parsed = parseSetJson('{ "groups": [ ');
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.issues).toHaveLength(1);
		expect(parsed.issues[0]).toMatchObject({ path: '', problem: 'json' });
		expect(parsed.issues[0].detail).toBeTruthy();
	});

	it('reports a file without groups or not an object', () => {
		expect(parseSetJson('[]')).toEqual({
			ok: false,
			issues: [{ path: '', problem: 'not_object' }]
		});
		expect(parseSetJson('{"code": "X"}')).toEqual({
			ok: false,
			issues: [{ path: 'groups', problem: 'no_groups' }]
		});
		expect(parseSetJson('{"groups": {}}')).toEqual({
			ok: false,
			issues: [{ path: 'groups', problem: 'not_array' }]
		});
	});

	it('reports every misshapen field by its path', () => {
		const parsed = parseSetJson(
			JSON.stringify({
				groups: [
					5,
					{ code: 'II', name_vi: 'N', criteria: 'none' },
					{
						code: 'III',
						name_vi: 'N',
						name_en: 'G',
						criteria: [
							{
								code: 3,
								title_vi: 'T',
								title_en: 'T',
								type: 'stars',
								comparator: '=>',
								target: 'excellent',
								points: '5',
								mandatory: 'yes',
								taget: 4
							},
							null
						]
					}
				]
			})
		);
		expect(parsed).toEqual({
			ok: false,
			issues: [
				{ path: 'groups[0]', problem: 'not_object_item' },
				{ path: 'groups[1].name_en', problem: 'missing' },
				{ path: 'groups[1].criteria', problem: 'not_array' },
				{ path: 'groups[2].criteria[0].taget', problem: 'unknown_field' },
				{ path: 'groups[2].criteria[0].type', problem: 'bad_type' },
				{ path: 'groups[2].criteria[0].comparator', problem: 'bad_comparator' },
				{ path: 'groups[2].criteria[0].target', problem: 'bad_target' },
				{ path: 'groups[2].criteria[0].code', problem: 'not_string' },
				{ path: 'groups[2].criteria[0].points', problem: 'not_number' },
				{ path: 'groups[2].criteria[0].mandatory', problem: 'not_boolean' },
				{ path: 'groups[2].criteria[1]', problem: 'not_object_item' }
			]
		});
	});

	it('keeps plain arrays and objects on one line', () => {
		expect(formatJson({ a: [1, 2], b: { c: true } }, '')).toBe(
			'{\n  "a": [1, 2],\n  "b": { "c": true }\n}'
		);
		expect(formatJson({ groups: [] }, '')).toBe('{\n  "groups": []\n}');
		expect(formatJson({}, '')).toBe('{}');
	});
});

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
});
