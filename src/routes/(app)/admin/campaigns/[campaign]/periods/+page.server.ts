import { fail } from '@sveltejs/kit';
import { audiencesOf } from '$lib/domain/audiences';
import {
	DEFAULT_CLOSE_DAYS,
	isPeriodStep,
	parsePlanForm,
	versionField
} from '$lib/domain/period-plan';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import {
	createPeriods,
	listAdminPeriods,
	publishedVersionNumbers,
	stepPeriod
} from '$lib/server/periods/service';
import type { Actions, PageServerLoad } from './$types';

/** Runs a use case; a refusal keeps `echo` and adds each field's problem, or says it is stale. */
const answer = <T, E extends object>(echo: E, run: () => Promise<T>) =>
	attempt<T, E, { errors?: Record<string, string>; stale?: true }>(run, echo);

export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const [periods, versions] = await Promise.all([
		listAdminPeriods(db, campaign.id),
		publishedVersionNumbers(db, campaign.id)
	]);
	const audiences = audiencesOf(campaign.applies_to);
	// Each audience's latest published version, unless it has none yet.
	const latest = audiences.map((audience) => [
		versionField(audience),
		String(versions[audience]?.[0] ?? '')
	]);
	return {
		periods,
		audiences,
		versions,
		values: {
			kind: 'quarter',
			from: campaign.start_date,
			to: campaign.target_date,
			close_days: String(DEFAULT_CLOSE_DAYS),
			...Object.fromEntries(latest)
		} as Record<string, string>
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireCampaignAdmin(event);
		const db = getDb();
		const campaign = await orError(campaignOf(db, event.params.campaign));
		const { values } = await readForm(event.request);
		const parsed = parsePlanForm(values, audiencesOf(campaign.applies_to));
		if (!parsed.ok) return fail(400, { action: 'create', values, errors: parsed.errors });
		return answer({ action: 'create', values }, async () => ({
			action: 'create',
			...(await createPeriods(db, actor, campaign, parsed.value))
		}));
	},
	step: async (event) => {
		const actor = requireCampaignAdmin(event);
		const db = getDb();
		const campaign = await orError(campaignOf(db, event.params.campaign));
		const { values } = await readForm(event.request);
		const step = values.step ?? '';
		if (!isPeriodStep(step)) return fail(400, { action: 'step', stale: true });
		const label = values.label ?? '';
		return answer({ action: 'step' }, async () => {
			await stepPeriod(db, actor, campaign, label, step, values.expected ?? '');
			return { action: 'step', label: values.label, step };
		});
	}
};
