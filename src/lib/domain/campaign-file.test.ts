import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	formatJson,
	parseSetJson,
	setToJson,
	writeCampaignFile,
	writeSetFile,
	type CampaignFileHead
} from './campaign-file';
import { parseCampaignData } from './campaign-file-sets';
import { validateSet } from './criteria-set';
import { criterion, set } from './criteria-set.fixture';

const SAMPLES = ['model-ward-police.json', 'security-movement.json'];
const sample = (file: string) =>
	readFileSync(new URL(`../../../scripts/seed/data/campaigns/${file}`, import.meta.url), 'utf8');

describe('JSON', () => {
	it.each(SAMPLES)('reads %s, which is valid, and writes it back unchanged', (file) => {
		const text = sample(file);
		const parsed = parseSetJson(text);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(validateSet(parsed.content)).toEqual([]);
		const original = JSON.parse(text);
		expect(setToJson(parsed.content)).toEqual(original.groups);
		const whole = parseCampaignData(original);
		if (!whole.ok) throw new Error(JSON.stringify(whole.issues));
		for (const other of whole.sets) expect(validateSet(other.content)).toEqual([]);
		const head = { ...original, groups: undefined, sets: undefined } as CampaignFileHead;
		const written = writeCampaignFile(head, parsed.content, whole.sets);
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
