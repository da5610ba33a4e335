import { fail, type RequestEvent } from '@sveltejs/kit';
import {
	parseExtensionForm,
	parsePeriodForm,
	versionField,
	vnMomentValue
} from '$lib/domain/period-plan';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import {
	grantExtension,
	loadPeriodDetail,
	periodAudiences,
	periodOf,
	periodRevision,
	revokeExtension,
	updatePeriod
} from '$lib/server/periods/service';
import type { Actions, PageServerLoad } from './$types';

/** The campaign of the address, its period there (or 404), and the form posted. */
async function begin(event: RequestEvent<{ campaign: string; period: string }>) {
	const actor = requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const period = await orError(periodOf(db, campaign.id, event.params.period));
	const { values } = await readForm(event.request);
	const audiences = periodAudiences(campaign.applies_to, period.sets);
	return { actor, db, campaign, audiences, label: event.params.period, values };
}

/** Runs a use case; a refusal keeps `echo` and adds each field's problem, or says it is stale. */
const answer = <T, E extends object>(echo: E, run: () => Promise<T>) =>
	attempt<T, E, { errors?: Record<string, string>; stale?: true }>(run, echo);

export const load: PageServerLoad = async (event) => {
	const actor = requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const detail = await orError(loadPeriodDetail(db, actor, campaign.id, event.params.period));
	const { period, audiences } = detail;
	const named = audiences.map((audience) => [
		versionField(audience),
		String(period.sets.find((set) => set.audience === audience)?.version ?? '')
	]);
	return {
		...detail,
		/** The audience of the period's own set: it cannot be left without one. */
		own: period.sets.find((set) => set.criteria_set_id === period.criteria_set_id)?.audience,
		revision: periodRevision(period, period.sets),
		values: {
			closes_at: vnMomentValue(new Date(period.closes_at)),
			...Object.fromEntries(named)
		} as Record<string, string>
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { actor, db, campaign, audiences, label, values } = await begin(event);
		const parsed = parsePeriodForm(values, audiences);
		if (!parsed.ok) return fail(400, { action: 'update', values, errors: parsed.errors });
		const revision = values.revision ?? '';
		return answer({ action: 'update', values }, async () => {
			await updatePeriod(db, actor, campaign, label, revision, parsed.value);
			return { action: 'update', saved: true };
		});
	},
	extend: async (event) => {
		const { actor, db, campaign, label, values } = await begin(event);
		const parsed = parseExtensionForm(values);
		if (!parsed.ok) return fail(400, { action: 'extend', values, errors: parsed.errors });
		return answer({ action: 'extend', values }, async () => {
			await grantExtension(db, actor, campaign, label, parsed.value);
			return { action: 'extend', saved: true, unit: parsed.value.unitCode };
		});
	},
	revoke: async (event) => {
		const { actor, db, campaign, label, values } = await begin(event);
		const unit = values.unit ?? '';
		return answer({ action: 'revoke' }, async () => {
			await revokeExtension(db, actor, campaign, label, unit);
			return { action: 'revoke', saved: true, unit: values.unit };
		});
	}
};
