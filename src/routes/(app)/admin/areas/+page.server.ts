import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { createAreaSet, listSets } from '$lib/server/areas/service';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { refused } from '$lib/server/http/respond';
import { localizeHref } from '$lib/paraglide/runtime';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

// Reporting areas: groupings of units beside the tree, valid from a day. The whole province's
// administrators only, since a set spans the province.
export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	return { sets: await listSets(getDb()) };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { values: form } = await readForm(event.request);
		const values = {
			code: (form.code ?? '').trim(),
			name_vi: form.name_vi ?? '',
			name_en: form.name_en ?? '',
			valid_from: (form.valid_from ?? '').trim()
		};
		let created: { code: string };
		try {
			created = await createAreaSet(getDb(), actor, {
				code: values.code,
				nameVi: values.name_vi,
				nameEn: values.name_en,
				validFrom: values.valid_from
			});
		} catch (failure) {
			return refused(failure, { values });
		}
		redirect(303, localizeHref(`/admin/areas/${encodeURIComponent(created.code)}?created=1`));
	}
};
