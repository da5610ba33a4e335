import { describe, expect, it } from 'vitest';
import { isIsoDate } from './periods';
import {
	parseCampaignSettings,
	parseRoadmap,
	roadmapField,
	roadmapYears,
	type SettingsInput
} from './campaign-settings';

const valid: SettingsInput = {
	name_vi: ' Phường kiểu mẫu ',
	name_en: 'Model wards',
	source_vi: '',
	note: '',
	applies_to: ['ward', 'township'],
	start_date: '2023-03-01',
	target_date: '2027-12-31',
	target_share: '100',
	min_score: '90',
	all_mandatory: true,
	district_min_share: ''
};

describe('parseCampaignSettings', () => {
	it('turns percentages into shares and trims names', () => {
		const parsed = parseCampaignSettings({ ...valid, district_min_share: '70,5' });
		expect(parsed).toEqual({
			ok: true,
			value: {
				name_vi: 'Phường kiểu mẫu',
				name_en: 'Model wards',
				source_vi: '',
				note: '',
				applies_to: ['ward', 'township'],
				start_date: '2023-03-01',
				target_date: '2027-12-31',
				target_share: 1,
				min_score: 90,
				all_mandatory: true,
				district_min_share: 0.705
			}
		});
	});

	it('names every field that is wrong', () => {
		const parsed = parseCampaignSettings({
			...valid,
			name_vi: '  ',
			applies_to: ['planet'],
			start_date: '2023-02-30',
			target_share: '0',
			min_score: '101',
			district_min_share: 'abc'
		});
		expect(parsed).toEqual({
			ok: false,
			errors: {
				name_vi: 'required',
				applies_to: 'kinds_required',
				start_date: 'date_format',
				target_share: 'percent_range',
				min_score: 'score_range',
				district_min_share: 'percent_range'
			}
		});
	});

	it('refuses a target date on or before the start', () => {
		const parsed = parseCampaignSettings({ ...valid, target_date: '2023-03-01' });
		expect(parsed).toEqual({ ok: false, errors: { target_date: 'target_before_start' } });
	});

	it('requires both dates', () => {
		const parsed = parseCampaignSettings({ ...valid, target_date: '' });
		expect(parsed).toEqual({ ok: false, errors: { target_date: 'required' } });
	});

	it('keeps the district rule empty when left blank', () => {
		const parsed = parseCampaignSettings(valid);
		expect(parsed.ok && parsed.value.district_min_share).toBeNull();
	});
});

describe('numbers and dates', () => {
	it('takes only real calendar dates', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('29/02/2024')).toBe(false);
	});
});

describe('parseRoadmap', () => {
	const years = roadmapYears('2025-06-01', '2027-12-31');

	it('covers the start year to the target year', () => {
		expect(years).toEqual([2025, 2026, 2027]);
	});

	it('keeps the province row and the districts’ own cells', () => {
		const parsed = parseRoadmap(
			{
				[roadmapField(2025, null)]: '10',
				[roadmapField(2026, null)]: '50',
				[roadmapField(2027, null)]: '100',
				[roadmapField(2026, '412')]: '60',
				[roadmapField(2027, '412')]: ''
			},
			years,
			['412', '414']
		);
		expect(parsed).toEqual({
			ok: true,
			value: [
				{ unitCode: null, block: null, year: 2025, share: 0.1 },
				{ unitCode: null, block: null, year: 2026, share: 0.5 },
				{ unitCode: null, block: null, year: 2027, share: 1 },
				{ unitCode: '412', block: null, year: 2026, share: 0.6 }
			]
		});
	});

	it('requires every province year and refuses shares outside 0–100 %', () => {
		const parsed = parseRoadmap(
			{ 'share.2025': '0', 'share.2027': '120', 'share.2026.414': '-5' },
			years,
			['414']
		);
		expect(parsed).toEqual({
			ok: false,
			errors: {
				'share.2026': 'required',
				'share.2027': 'percent_range',
				'share.2026.414': 'percent_range'
			}
		});
	});

	it('refuses a share that falls from one year to the next', () => {
		const parsed = parseRoadmap(
			{
				'share.2025': '30',
				'share.2026': '20',
				'share.2027': '100',
				'share.2025.412': '50',
				'share.2027.412': '40'
			},
			years,
			['412']
		);
		expect(parsed).toEqual({
			ok: false,
			errors: { 'share.2026': 'decreasing', 'share.2027.412': 'decreasing' }
		});
	});

	it("keeps a block's own cells, checked like a district's", () => {
		const parsed = parseRoadmap(
			{
				[roadmapField(2025, null)]: '10',
				[roadmapField(2026, null)]: '50',
				[roadmapField(2027, null)]: '100',
				[roadmapField(2025, null, 'institution')]: '5',
				[roadmapField(2026, null, 'institution')]: '30',
				[roadmapField(2027, null, 'area')]: '90'
			},
			years,
			['412'],
			['area', 'institution']
		);
		expect(parsed).toEqual({
			ok: true,
			value: [
				{ unitCode: null, block: null, year: 2025, share: 0.1 },
				{ unitCode: null, block: null, year: 2026, share: 0.5 },
				{ unitCode: null, block: null, year: 2027, share: 1 },
				{ unitCode: null, block: 'area', year: 2027, share: 0.9 },
				{ unitCode: null, block: 'institution', year: 2025, share: 0.05 },
				{ unitCode: null, block: 'institution', year: 2026, share: 0.3 }
			]
		});
		const falling = parseRoadmap(
			{
				'share.2025': '10',
				'share.2026': '50',
				'share.2027': '100',
				'share.2025.block.institution': '40',
				'share.2026.block.institution': '30',
				'share.2027.block.area': '101'
			},
			years,
			[],
			['area', 'institution']
		);
		expect(falling).toEqual({
			ok: false,
			errors: {
				'share.2026.block.institution': 'decreasing',
				'share.2027.block.area': 'percent_range'
			}
		});
	});

	it('reads no block cells for a campaign of one block', () => {
		const parsed = parseRoadmap(
			{
				'share.2025': '10',
				'share.2026': '50',
				'share.2027': '100',
				'share.2026.block.area': '70'
			},
			years,
			[]
		);
		expect(parsed.ok && parsed.value.every((cell) => cell.block === null)).toBe(true);
	});
});
