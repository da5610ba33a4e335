import { error, fail } from '@sveltejs/kit';
import { parseExtensionForm, parsePeriodForm, vnMomentValue } from '$lib/domain/period-plan';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/place';
import { readForm } from '$lib/server/http/form';
import {
	findAdminPeriod,
	grantExtension,
	listExtensions,
	listPublishedVersions,
	periodRevision,
	revokeExtension,
	updatePeriod
} from '$lib/server/periods/service';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

async function placeOf(campaignCode: string, label: string) {
	const campaign = await campaignOf(campaignCode);
	const period = await findAdminPeriod(getDb(), campaign.id, label);
	if (!period) error(404, 'Not found');
	return { campaign, period };
}

export const load: PageServerLoad = async (event) => {
	const actor = requireCampaignAdmin(event);
	const db = getDb();
	const { campaign, period } = await placeOf(event.params.campaign, event.params.period);
	const [versions, extensions, assessed] = await Promise.all([
		listPublishedVersions(db, campaign.id),
		listExtensions(db, period.id, actor.scopePath),
		db
			.selectFrom('assessments')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('period_id', '=', period.id)
			.executeTakeFirstOrThrow()
	]);
	return {
		period,
		assessments: Number(assessed.n),
		versions: versions.map((version) => version.version),
		extensions,
		revision: periodRevision(period),
		values: {
			closes_at: vnMomentValue(new Date(period.closes_at)),
			version: String(period.version)
		}
	};
};

export const actions: Actions = {
	update: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { campaign } = await placeOf(event.params.campaign, event.params.period);
		const { values } = await readForm(event.request);
		const parsed = parsePeriodForm(values);
		if (!parsed.ok) return fail(400, { action: 'update', values, errors: parsed.errors });
		const result = await updatePeriod(
			getDb(),
			actor,
			campaign,
			event.params.period,
			values.revision ?? '',
			parsed.value
		);
		if (!result.ok) {
			const field = result.problem === 'stale' ? 'form' : 'version';
			return fail(result.problem === 'stale' ? 409 : 400, {
				action: 'update',
				values,
				errors: { [field]: result.problem }
			});
		}
		return { action: 'update', saved: true };
	},
	extend: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { campaign } = await placeOf(event.params.campaign, event.params.period);
		const { values } = await readForm(event.request);
		const parsed = parseExtensionForm(values);
		if (!parsed.ok) return fail(400, { action: 'extend', values, errors: parsed.errors });
		const result = await grantExtension(
			getDb(),
			actor,
			campaign,
			event.params.period,
			parsed.value
		);
		if (!result.ok) {
			return fail(400, { action: 'extend', values, errors: { unit: result.problem } });
		}
		return { action: 'extend', saved: true, unit: parsed.value.unitCode };
	},
	revoke: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { campaign } = await placeOf(event.params.campaign, event.params.period);
		const { values } = await readForm(event.request);
		const result = await revokeExtension(
			getDb(),
			actor,
			campaign,
			event.params.period,
			values.unit ?? ''
		);
		if (!result.ok) return fail(409, { action: 'revoke', stale: true });
		return { action: 'revoke', saved: true, unit: values.unit };
	}
};
