// The campaign's forms: the settings and the roadmap grid as read from the database, and the
// settings' input as typed.
import { dateFromInput } from '$lib/domain/date-input';
import type { Block } from '../../domain/audiences';
import { roadmapField, type SettingsInput } from '../../domain/campaign-settings';
import type { Campaign } from '../db/schema';
import type { FormValues } from '../http/form';

const percent = (share: number | string) => String(Math.round(Number(share) * 10_000) / 100);

/** The form's fields for a stored campaign; unit kinds are joined by commas. */
export function settingsValues(campaign: Campaign): FormValues {
	return {
		name_vi: campaign.name_vi,
		name_en: campaign.name_en,
		source_vi: campaign.source_vi,
		note: campaign.note,
		applies_to: campaign.applies_to.join(','),
		start_date: campaign.start_date,
		target_date: campaign.target_date,
		target_share: percent(campaign.target_share),
		min_score: String(Number(campaign.min_score)),
		all_mandatory: campaign.all_mandatory ? 'on' : '',
		district_min_share:
			campaign.district_min_share === null ? '' : percent(campaign.district_min_share)
	};
}

/** The settings as typed; checkboxes of unit kinds arrive as repeated fields. */
export function settingsInput(values: FormValues, data: FormData): SettingsInput {
	const kinds = data.getAll('applies_to').map(String);
	values.applies_to = kinds.join(',');
	return {
		name_vi: values.name_vi ?? '',
		name_en: values.name_en ?? '',
		source_vi: values.source_vi ?? '',
		note: values.note ?? '',
		applies_to: kinds,
		start_date: dateFromInput(values.start_date ?? ''),
		target_date: dateFromInput(values.target_date ?? ''),
		target_share: values.target_share ?? '',
		min_score: values.min_score ?? '',
		all_mandatory: values.all_mandatory === 'on',
		district_min_share: values.district_min_share ?? ''
	};
}

/** The roadmap grid's cells: a percentage under each point's field name. */
export function roadmapValues(
	points: readonly {
		year: number;
		share: number | string;
		unitCode: string | null;
		block: Block | null;
	}[]
): FormValues {
	const grid: FormValues = {};
	for (const point of points)
		grid[roadmapField(point.year, point.unitCode, point.block)] = percent(point.share);
	return grid;
}
