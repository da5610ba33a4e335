import { error, fail } from '@sveltejs/kit';
import { DEFAULT_CLOSE_DAYS, isPeriodStep, parsePlanForm } from '$lib/domain/period-plan';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/place';
import { readForm } from '$lib/server/http/form';
import {
	createPeriods,
	listAdminPeriods,
	listPublishedVersions,
	stepPeriod
} from '$lib/server/periods/service';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await campaignOf(event.params.campaign);
	const [periods, versions] = await Promise.all([
		listAdminPeriods(db, campaign.id),
		listPublishedVersions(db, campaign.id)
	]);
	return {
		periods,
		versions: versions.map((version) => version.version),
		values: {
			kind: 'quarter',
			from: campaign.start_date,
			to: campaign.target_date,
			close_days: String(DEFAULT_CLOSE_DAYS),
			version: versions[0] ? String(versions[0].version) : ''
		}
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireCampaignAdmin(event);
		const campaign = await campaignOf(event.params.campaign);
		const { values } = await readForm(event.request);
		const parsed = parsePlanForm(values);
		if (!parsed.ok) return fail(400, { action: 'create', values, errors: parsed.errors });
		const result = await createPeriods(getDb(), actor, campaign, parsed.value);
		if (!result.ok) {
			const field = result.problem === 'version_unpublished' ? 'version' : 'to';
			return fail(400, { action: 'create', values, errors: { [field]: result.problem } });
		}
		return { action: 'create', created: result.created, existing: result.existing };
	},
	step: async (event) => {
		const actor = requireCampaignAdmin(event);
		const campaign = await campaignOf(event.params.campaign);
		const { values } = await readForm(event.request);
		const step = values.step ?? '';
		if (!isPeriodStep(step)) return fail(400, { action: 'step', stale: true });
		const result = await stepPeriod(
			getDb(),
			actor,
			campaign,
			values.label ?? '',
			step,
			values.expected ?? ''
		);
		if (!result.ok && result.problem === 'not_found') error(404, 'Not found');
		if (!result.ok) return fail(409, { action: 'step', stale: true });
		return { action: 'step', label: values.label, step };
	}
};
