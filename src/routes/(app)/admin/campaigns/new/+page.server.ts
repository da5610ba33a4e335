import { fail, redirect } from '@sveltejs/kit';
import { isCampaignCode, parseCampaignSettings } from '$lib/domain/campaign-settings';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { settingsInput } from '$lib/server/campaigns/form';
import { createCampaign } from '$lib/server/campaigns/service';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireCampaignAdmin(event);
	return {
		values: { applies_to: 'ward', target_share: '100', min_score: '90', all_mandatory: 'on' }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { values, data } = await readForm(event.request);
		const code = (values.code ?? '').trim();
		const parsed = parseCampaignSettings(settingsInput(values, data));
		const errors: Record<string, string> = parsed.ok ? {} : parsed.errors;
		if (!isCampaignCode(code)) errors.code = 'code_format';
		if (!parsed.ok || errors.code) return fail(400, { values, errors });
		return attempt<never, { values: typeof values }, { errors: Record<string, string> }>(
			async () => {
				await createCampaign(getDb(), actor, code, parsed.value);
				redirect(303, localizeHref(`/admin/campaigns/${code}/criteria`));
			},
			{ values }
		);
	}
};
