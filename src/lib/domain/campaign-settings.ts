// A campaign's settings and roadmap as an administrator types them: parsed from form fields into
// values the database takes, or per-field problems to show beside each field. Pure.
import type { Block } from './audiences';
import { parseDecimal } from './decimal';
import { isIsoDate } from './periods';

export const CAMPAIGN_UNIT_KINDS = [
	'ward',
	'commune',
	'township',
	'district',
	'town',
	'city',
	'agency',
	'school',
	'enterprise'
] as const;
export type CampaignUnitKind = (typeof CAMPAIGN_UNIT_KINDS)[number];

export type SettingsProblem =
	| 'required'
	| 'code_format'
	| 'date_format'
	| 'target_before_start'
	| 'percent_range'
	| 'score_range'
	| 'kinds_required';

export interface CampaignSettings {
	name_vi: string;
	name_en: string;
	source_vi: string;
	note: string;
	applies_to: CampaignUnitKind[];
	start_date: string;
	target_date: string;
	/** Shares are fractions 0–1; forms show and take percentages. */
	target_share: number;
	min_score: number;
	all_mandatory: boolean;
	district_min_share: number | null;
}

export interface SettingsInput {
	name_vi: string;
	name_en: string;
	source_vi: string;
	note: string;
	applies_to: readonly string[];
	start_date: string;
	target_date: string;
	target_share: string;
	min_score: string;
	all_mandatory: boolean;
	district_min_share: string;
}

export type Parsed<T, P extends string> =
	{ ok: true; value: T } | { ok: false; errors: Record<string, P> };

const CODE = /^[A-Za-z0-9_-]{2,40}$/;

export function isCampaignCode(code: string): boolean {
	return CODE.test(code);
}

/** A typed number, or null when blank or not a number. */
function typedNumber(text: string): number | null {
	const value = parseDecimal(text);
	return value === null || Number.isNaN(value) ? null : value;
}

/** A percentage in (0, 100] as a fraction with four decimals, the precision the database keeps. */
function percentShare(text: string, { allowZero = false } = {}): number | null {
	const value = typedNumber(text);
	if (value === null || value > 100 || value < 0 || (!allowZero && value === 0)) return null;
	return Math.round(value * 100) / 10_000;
}

export function parseCampaignSettings(
	input: SettingsInput
): Parsed<CampaignSettings, SettingsProblem> {
	const errors: Record<string, SettingsProblem> = {};
	const nameVi = input.name_vi.trim();
	const nameEn = input.name_en.trim();
	if (!nameVi) errors.name_vi = 'required';
	if (!nameEn) errors.name_en = 'required';
	const kinds = CAMPAIGN_UNIT_KINDS.filter((kind) => input.applies_to.includes(kind));
	if (kinds.length === 0) errors.applies_to = 'kinds_required';
	for (const field of ['start_date', 'target_date'] as const) {
		if (!input[field].trim()) errors[field] = 'required';
		else if (!isIsoDate(input[field].trim())) errors[field] = 'date_format';
	}
	const start = input.start_date.trim();
	const target = input.target_date.trim();
	if (!errors.start_date && !errors.target_date && target <= start) {
		errors.target_date = 'target_before_start';
	}
	const targetShare = percentShare(input.target_share);
	if (targetShare === null) errors.target_share = 'percent_range';
	const minScore = typedNumber(input.min_score);
	if (minScore === null || minScore < 0 || minScore > 100) errors.min_score = 'score_range';
	let districtShare: number | null = null;
	if (input.district_min_share.trim()) {
		districtShare = percentShare(input.district_min_share);
		if (districtShare === null) errors.district_min_share = 'percent_range';
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			name_vi: nameVi,
			name_en: nameEn,
			source_vi: input.source_vi.trim(),
			note: input.note.trim(),
			applies_to: kinds,
			start_date: start,
			target_date: target,
			target_share: targetShare!,
			min_score: Math.round(minScore! * 100) / 100,
			all_mandatory: input.all_mandatory,
			district_min_share: districtShare
		}
	};
}

/** The years a roadmap covers: from the start date's year to the target date's. */
export function roadmapYears(startDate: string, targetDate: string): number[] {
	const years: number[] = [];
	for (let year = Number(startDate.slice(0, 4)); year <= Number(targetDate.slice(0, 4)); year++) {
		years.push(year);
	}
	return years;
}

export type RoadmapProblem = 'percent_range' | 'decreasing' | 'required';

export interface RoadmapCell {
	/** null: the province's row (or a block's); a code: that district's override. */
	unitCode: string | null;
	/** A block's own target ('area', 'institution'); null or absent: for every unit together. */
	block?: Block | null;
	year: number;
	share: number;
}

/**
 * Field name of a roadmap cell in the form: 'share.2026' for the province, 'share.2026.412' for a
 * district, 'share.2026.block.institution' for a block.
 */
export function roadmapField(year: number, unitCode: string | null, block: Block | null = null) {
	if (block !== null) return `share.${year}.block.${block}`;
	return unitCode === null ? `share.${year}` : `share.${year}.${unitCode}`;
}

/**
 * The roadmap grid: the province's share for every year (required), and a block's or a district's
 * where it has its own (blank cells follow the province). Each row must not fall from one year to
 * the next: a unit once recognised stays counted, so an expected share never drops.
 */
export function parseRoadmap(
	fields: Readonly<Record<string, string>>,
	years: readonly number[],
	districtCodes: readonly string[],
	blocks: readonly Block[] = []
): Parsed<RoadmapCell[], RoadmapProblem> {
	const errors: Record<string, RoadmapProblem> = {};
	const cells: RoadmapCell[] = [];
	const rows = [
		{ unitCode: null, block: null },
		...blocks.map((block) => ({ unitCode: null, block })),
		...districtCodes.map((unitCode) => ({ unitCode, block: null }))
	];
	for (const { unitCode, block } of rows) {
		const entered: { share: number; field: string }[] = [];
		for (const year of years) {
			const field = roadmapField(year, unitCode, block);
			const text = (fields[field] ?? '').trim();
			if (!text) {
				if (unitCode === null && block === null) errors[field] = 'required';
				continue;
			}
			const share = percentShare(text, { allowZero: true });
			if (share === null) {
				errors[field] = 'percent_range';
				continue;
			}
			cells.push({ unitCode, block, year, share });
			entered.push({ share, field });
		}
		for (let i = 1; i < entered.length; i++) {
			if (entered[i].share < entered[i - 1].share) errors[entered[i].field] = 'decreasing';
		}
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: cells };
}
