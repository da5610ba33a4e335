import { fail, isActionFailure, redirect } from '@sveltejs/kit';
import { parseSetJson, type ParseIssue } from '$lib/domain/campaign-file';
import type { SetIssue } from '$lib/domain/criteria-set';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import type { DraftRefusalBody, DraftState } from '$lib/server/criteria/drafts';
import {
	importIntoDraft,
	latestPublishedVersion,
	listCriteriaSets,
	startDraft
} from '$lib/server/criteria/service';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt, orError, refused } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

/** An imported file is a few kilobytes; a megabyte is already absurd. */
const MAX_IMPORT_BYTES = 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	const campaign = await orError(campaignOf(getDb(), event.params.campaign));
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

interface ImportEcho {
	form: 'import';
	json: string;
	parseIssues: ParseIssue[];
	issues: SetIssue[];
}

const integer = (value: string | undefined) =>
	value !== undefined && /^\d+$/.test(value) ? Number(value) : null;

export const actions: Actions = {
	/** "New version from vN": `from` must still be the latest published version. */
	startDraft: async (event) => {
		const actor = requireCampaignAdmin(event);
		const db = getDb();
		const campaign = await orError(campaignOf(db, event.params.campaign));
		const { values } = await readForm(event.request);
		const from = values.from;
		if (from === undefined || (from !== '' && integer(from) === null)) {
			return fail(400, { form: 'start' as const, problem: 'not_found' });
		}
		if ((await latestPublishedVersion(db, campaign.id)) !== (from === '' ? null : integer(from))) {
			return fail(409, { form: 'start' as const, problem: 'stale' });
		}
		let started: DraftState;
		try {
			started = await startDraft(db, actor, { campaignId: campaign.id });
		} catch (failure) {
			return refused<{ form: 'start' }, DraftRefusalBody>(failure, { form: 'start' });
		}
		redirect(
			303,
			localizeHref(`/admin/campaigns/${campaign.code}/criteria/${started.version}?started=1`)
		);
	},

	/** Replaces the draft's content with a file's, or changes nothing and says why. */
	import: async (event) => {
		const actor = requireCampaignAdmin(event);
		const db = getDb();
		const campaign = await orError(campaignOf(db, event.params.campaign));
		const { values, data } = await readForm(event.request);
		const version = integer(values.version);
		const revision = integer(values.revision);
		const pasted = values.json ?? '';
		const file = data.get('file');
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
		const ref = { campaignId: campaign.id, version, revision };
		const echo = { form: 'import' as const, json: pasted, parseIssues: [], issues: [] };
		const result = await attempt<DraftState, ImportEcho, DraftRefusalBody>(
			() => importIntoDraft(db, actor, ref, parsed.content),
			echo
		);
		if (isActionFailure(result)) return result;
		const count = parsed.content.groups.reduce((n, group) => n + group.criteria.length, 0);
		return { form: 'import' as const, imported: count, version };
	}
};
