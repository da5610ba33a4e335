import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeCampaignFile, type CampaignFileHead } from './campaign-file';
import { parseCampaignData } from './campaign-file-sets';
import { criterion, set } from './criteria-set.fixture';

const movement = () =>
	JSON.parse(
		readFileSync(
			new URL('../../../scripts/seed/data/campaigns/security-movement.json', import.meta.url),
			'utf8'
		)
	);

const group = (code: string, points = 100) => ({
	code: 'I',
	name_vi: 'Nhóm I',
	name_en: 'Group I',
	criteria: [{ code, title_vi: 'T', title_en: 'T', type: 'boolean', points, mandatory: true }]
});

const head: CampaignFileHead = {
	code: 'PT',
	name_vi: 'Phong trào',
	name_en: 'Movement',
	applies_to: ['ward', 'school'],
	start_date: '2023-03-01',
	target_date: '2028-12-31',
	target_share: 0.7,
	recognition: { min_score: 80, all_mandatory: true },
	roadmap: [{ year: 2024, share: 0.2 }]
};

describe('a campaign file with a set per audience', () => {
	it('reads the movement: its communes’ groups, a set for agencies, enterprises and schools', () => {
		const parsed = parseCampaignData(movement());
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(parsed.sets.map((item) => item.audience)).toEqual(['agency', 'enterprise', 'school']);
		for (const item of parsed.sets) {
			const criteria = item.content.groups.flatMap((g) => g.criteria);
			expect(item.content.groups.length).toBeGreaterThanOrEqual(3);
			expect(item.content.groups.length).toBeLessThanOrEqual(4);
			expect(criteria.length).toBeGreaterThanOrEqual(8);
			expect(criteria.length).toBeLessThanOrEqual(12);
			expect(criteria.some((c) => c.mandatory)).toBe(true);
			expect(item.note).toMatch(/^Illustrative sample .* not an official text/);
		}
		const steps = parsed.roadmapByBlock.institution!;
		expect(steps.at(-1)).toEqual({ year: 2028, share: 0.6 });
		// A gentler path than the campaign's own.
		const own = movement().roadmap as { year: number; share: number }[];
		for (const step of steps) {
			expect(step.share).toBeLessThan(own.find((o) => o.year === step.year)!.share);
		}
	});

	it('writes the sets after the groups and the block roadmap after the roadmap, and reads them back', () => {
		const school = set(criterion({ code: 'S.1', title_vi: 'Trường', title_en: 'School' }));
		const text = writeCampaignFile(
			{ ...head, roadmap_by_block: { institution: [{ year: 2028, share: 0.6 }] } },
			set(criterion()),
			[{ audience: 'school', note: 'Mẫu minh họa', content: school }]
		);
		const keys = Object.keys(JSON.parse(text));
		expect(keys.slice(-4)).toEqual(['roadmap', 'roadmap_by_block', 'groups', 'sets']);
		expect(text).toContain('"roadmap_by_block": {\n    "institution": [');
		expect(parseCampaignData(JSON.parse(text))).toEqual({
			ok: true,
			content: set(criterion()),
			sets: [{ audience: 'school', note: 'Mẫu minh họa', content: school }],
			roadmapByBlock: { institution: [{ year: 2028, share: 0.6 }] }
		});
		// Without them, neither key is written.
		const plain = JSON.parse(writeCampaignFile(head, set(criterion())));
		expect('sets' in plain || 'roadmap_by_block' in plain).toBe(false);
	});

	it('names every misshapen set and block target by its path', () => {
		const parsed = parseCampaignData({
			...head,
			applies_to: ['ward', 'agency', 'school', 'enterprise'],
			groups: [group('1')],
			sets: [
				{ audience: 'school', groups: [group('S1')], colour: 'red' },
				{ audience: 'school', groups: [group('S2')] },
				{ audience: 'area', groups: [group('A1')] },
				{ audience: 'pupils', note: 5, groups: [group('P1')] },
				{ audience: 'enterprise', groups: [{ ...group('E1'), criteria: [{ code: 'E1' }] }] },
				{ audience: 'enterprise' },
				7
			],
			roadmap_by_block: {
				institution: [{ year: 2026.5, share: 1.2 }, { year: 2027 }, 'x'],
				province: []
			}
		});
		expect(parsed).toEqual({
			ok: false,
			issues: [
				{ path: 'sets[0].colour', problem: 'unknown_field' },
				{ path: 'sets[1].audience', problem: 'duplicate_audience' },
				{ path: 'sets[2].audience', problem: 'audience_not_counted' },
				{ path: 'sets[3].audience', problem: 'bad_audience' },
				{ path: 'sets[3].note', problem: 'not_string' },
				{ path: 'sets[4].groups[0].criteria[0].type', problem: 'missing' },
				{ path: 'sets[4].groups[0].criteria[0].title_vi', problem: 'missing' },
				{ path: 'sets[4].groups[0].criteria[0].title_en', problem: 'missing' },
				{ path: 'sets[4].groups[0].criteria[0].points', problem: 'missing' },
				{ path: 'sets[5].groups', problem: 'no_groups' },
				{ path: 'sets[6]', problem: 'not_object_item' },
				{ path: 'sets', problem: 'missing_audience', detail: 'agency' },
				{ path: 'roadmap_by_block.institution[0].year', problem: 'bad_year' },
				{ path: 'roadmap_by_block.institution[0].share', problem: 'bad_share' },
				{ path: 'roadmap_by_block.institution[1].share', problem: 'missing' },
				{ path: 'roadmap_by_block.institution[2]', problem: 'not_object_item' },
				{ path: 'roadmap_by_block.province', problem: 'bad_block' }
			]
		});
	});

	it('reports the first set’s problems with the others’, and shapes that are not lists', () => {
		expect(parseCampaignData({ ...head, groups: 'none', sets: {}, roadmap_by_block: [] })).toEqual({
			ok: false,
			issues: [
				{ path: 'groups', problem: 'not_array' },
				{ path: 'sets', problem: 'not_array' },
				{ path: 'roadmap_by_block', problem: 'not_object' }
			]
		});
		expect(parseCampaignData([])).toEqual({
			ok: false,
			issues: [{ path: '', problem: 'not_object' }]
		});
	});

	it('takes a campaign of one audience without sets', () => {
		const parsed = parseCampaignData({ ...head, applies_to: ['ward'], groups: [group('1')] });
		expect(parsed).toMatchObject({ ok: true, sets: [], roadmapByBlock: {} });
	});
});
