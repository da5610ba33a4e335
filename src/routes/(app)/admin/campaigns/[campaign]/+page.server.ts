import { fail } from '@sveltejs/kit';
import { blocksOf } from '$lib/domain/audiences';
import { parseCampaignSettings, parseRoadmap, roadmapYears } from '$lib/domain/campaign-settings';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { roadmapValues, settingsInput, settingsValues } from '$lib/server/campaigns/form';
import {
	campaignOf,
	campaignRevision,
	listRoadmap,
	listRoadmapDistricts,
	saveRoadmap,
	updateCampaign
} from '$lib/server/campaigns/service';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

/** Runs a use case; a form read before someone else saved comes back saying so. */
const answer = <T, E extends object>(echo: E, run: () => Promise<T>) =>
	attempt<T, E, { stale?: true }>(run, echo);

/** The blocks a roadmap may set its own targets for: both, when the campaign has both. */
const roadmapBlocks = (appliesTo: readonly string[]) => {
	const blocks = blocksOf(appliesTo);
	return blocks.length > 1 ? blocks : [];
};

export const load: PageServerLoad = async (event) => {
	const actor = requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const [districts, roadmap] = await Promise.all([
		listRoadmapDistricts(db, actor.scopePath, campaign.id),
		listRoadmap(db, campaign.id)
	]);
	return {
		values: settingsValues(campaign),
		revision: campaignRevision(campaign.updated_at),
		years: roadmapYears(campaign.start_date, campaign.target_date),
		districts,
		blocks: roadmapBlocks(campaign.applies_to),
		grid: roadmapValues(roadmap)
	};
};

export const actions: Actions = {
	settings: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { values, data } = await readForm(event.request);
		const parsed = parseCampaignSettings(settingsInput(values, data));
		if (!parsed.ok) return fail(400, { form: 'settings', values, errors: parsed.errors });
		return answer({ form: 'settings', values, errors: {} }, async () => {
			await updateCampaign(
				getDb(),
				actor,
				event.params.campaign,
				values.revision ?? '',
				parsed.value
			);
			return { form: 'settings', saved: true };
		});
	},
	roadmap: async (event) => {
		const actor = requireCampaignAdmin(event);
		const db = getDb();
		const campaign = await orError(campaignOf(db, event.params.campaign));
		const { values } = await readForm(event.request);
		const districts = await listRoadmapDistricts(db, actor.scopePath, campaign.id);
		const parsed = parseRoadmap(
			values,
			roadmapYears(campaign.start_date, campaign.target_date),
			districts.map((district) => district.code),
			roadmapBlocks(campaign.applies_to)
		);
		if (!parsed.ok) return fail(400, { form: 'roadmap', values, errors: parsed.errors });
		return answer({ form: 'roadmap', values, errors: {} }, async () => {
			await saveRoadmap(db, actor, campaign.code, values.revision ?? '', parsed.value, districts);
			return { form: 'roadmap', saved: true };
		});
	}
};
