import { error, fail } from '@sveltejs/kit';
import {
	parseCampaignSettings,
	parseRoadmap,
	roadmapField,
	roadmapYears
} from '$lib/domain/campaign-settings';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/place';
import { settingsInput, settingsValues, sharePercent } from '$lib/server/campaigns/form';
import {
	campaignRevision,
	listRoadmapDistricts,
	saveRoadmap,
	updateCampaign
} from '$lib/server/campaigns/service';
import { readForm } from '$lib/server/http/form';
import { listRoadmap } from '$lib/server/campaigns/repository';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await campaignOf(event.params.campaign);
	const [districts, roadmap] = await Promise.all([
		listRoadmapDistricts(db, actor.scopePath, campaign.id),
		listRoadmap(db, campaign.id)
	]);
	const grid: Record<string, string> = {};
	for (const point of roadmap) {
		grid[roadmapField(point.year, point.unitCode)] = sharePercent(point.share);
	}
	return {
		values: settingsValues(campaign),
		revision: campaignRevision(campaign.updated_at),
		years: roadmapYears(campaign.start_date, campaign.target_date),
		districts,
		grid
	};
};

export const actions: Actions = {
	settings: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { values, data } = await readForm(event.request);
		const parsed = parseCampaignSettings(settingsInput(values, data));
		if (!parsed.ok) return fail(400, { form: 'settings', values, errors: parsed.errors });
		const result = await updateCampaign(
			getDb(),
			actor,
			event.params.campaign,
			values.revision ?? '',
			parsed.value
		);
		if (!result.ok && result.problem === 'not_found') error(404, 'Not found');
		if (!result.ok) return fail(409, { form: 'settings', values, errors: {}, stale: true });
		return { form: 'settings', saved: true };
	},
	roadmap: async (event) => {
		const actor = requireCampaignAdmin(event);
		const db = getDb();
		const campaign = await campaignOf(event.params.campaign);
		const { values } = await readForm(event.request);
		const districts = await listRoadmapDistricts(db, actor.scopePath, campaign.id);
		const parsed = parseRoadmap(
			values,
			roadmapYears(campaign.start_date, campaign.target_date),
			districts.map((district) => district.code)
		);
		if (!parsed.ok) return fail(400, { form: 'roadmap', values, errors: parsed.errors });
		const result = await saveRoadmap(
			db,
			actor,
			campaign.code,
			values.revision ?? '',
			parsed.value,
			districts
		);
		if (!result.ok) return fail(409, { form: 'roadmap', values, errors: {}, stale: true });
		return { form: 'roadmap', saved: true };
	}
};
