import { fail, redirect } from '@sveltejs/kit';
import { parseSetJson, type ParseIssue } from '$lib/domain/campaign-file';
import type { SetIssue } from '$lib/domain/criteria-set';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/place';
import { importIntoDraft, listCriteriaSets, startDraft } from '$lib/server/criteria/service';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** An imported file is a few kilobytes; a megabyte is already absurd. */
const MAX_IMPORT_BYTES = 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	const campaign = await campaignOf(event.params.campaign);
	const versions = await listCriteriaSets(getDb(), campaign.id);
	return {
		versions,
		draft: versions.find((set) => set.status === 'draft') ?? null,
		latestPublished: versions.find((set) => set.status === 'published') ?? null
	};
};

function importFailed(
	status: number,
	problem: string,
	json: string,
	parseIssues: ParseIssue[] = [],
	issues: SetIssue[] = []
) {
	return fail(status, { form: 'import' as const, problem, json, parseIssues, issues });
}

const integer = (value: FormDataEntryValue | null) => {
	const number = Number(value);
	return typeof value === 'string' && /^\d+$/.test(value) ? number : null;
};

export const actions: Actions = {
	/** "New version from vN": `from` must still be the latest published version. */
	startDraft: async (event) => {
		const actor = requireCampaignAdmin(event);
		const campaign = await campaignOf(event.params.campaign);
		const form = await event.request.formData();
		const from = form.get('from');
		const versions = await listCriteriaSets(getDb(), campaign.id);
		const latest = versions.find((set) => set.status === 'published');
		if (from === null || (from !== '' && integer(from) === null)) {
			return fail(400, { form: 'start' as const, problem: 'not_found' });
		}
		if ((latest?.version ?? null) !== (from === '' ? null : integer(from))) {
			return fail(409, { form: 'start' as const, problem: 'stale' });
		}
		const result = await startDraft(getDb(), actor, { campaignId: campaign.id });
		if (!result.ok)
			return fail(409, { form: 'start' as const, problem: String(result.errors.form) });
		redirect(
			303,
			localizeHref(`/admin/campaigns/${campaign.code}/criteria/${result.version}?started=1`)
		);
	},

	/** Replaces the draft's content with a file's, or changes nothing and says why. */
	import: async (event) => {
		const actor = requireCampaignAdmin(event);
		const campaign = await campaignOf(event.params.campaign);
		const form = await event.request.formData();
		const version = integer(form.get('version'));
		const revision = integer(form.get('revision'));
		const pasted = String(form.get('json') ?? '');
		const file = form.get('file');
		if (version === null || revision === null) {
			return importFailed(400, 'not_found', pasted);
		}
		let text = pasted;
		if (file instanceof File && file.size > 0) {
			if (file.size > MAX_IMPORT_BYTES) return importFailed(400, 'too_big', pasted);
			text = await file.text();
		}
		if (text.length > MAX_IMPORT_BYTES) {
			return importFailed(400, 'too_big', '');
		}
		if (!text.trim()) return importFailed(400, 'empty', pasted);
		const parsed = parseSetJson(text);
		if (!parsed.ok) {
			return importFailed(400, 'parse', pasted, parsed.issues);
		}
		const result = await importIntoDraft(
			getDb(),
			actor,
			{ campaignId: campaign.id, version, revision },
			parsed.content
		);
		if (!result.ok) {
			const problem = result.errors.form ?? 'not_found';
			const status = problem === 'import_invalid' ? 400 : 409;
			return importFailed(status, problem, pasted, [], result.issues ?? []);
		}
		const count = parsed.content.groups.reduce((n, group) => n + group.criteria.length, 0);
		return { form: 'import' as const, imported: count, version };
	}
};
