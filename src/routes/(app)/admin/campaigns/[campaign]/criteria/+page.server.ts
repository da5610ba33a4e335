import { fail, isActionFailure, redirect } from '@sveltejs/kit';
import { parseSetJson, type ParseResult } from '$lib/domain/campaign-file';
import type { SheetProblem } from '$lib/domain/criteria-sheet';
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
import { looksLikeXlsx, readCriteriaWorkbook, sheetIssuePath } from '$lib/server/criteria/sheet';
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

/** A problem of a file's shape: where (a JSON path, or a sheet's row and column) and what. */
interface ImportIssue {
	path: string;
	problem: SheetProblem;
	detail?: string;
}

function importFailed(
	status: number,
	problem: string,
	json: string,
	parseIssues: ImportIssue[] = [],
	issues: SetIssue[] = []
) {
	return fail(status, { form: 'import' as const, problem, json, parseIssues, issues });
}

interface ImportEcho {
	form: 'import';
	json: string;
	parseIssues: ImportIssue[];
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
		let parsed: ParseResult;
		if (file instanceof File && file.size > 0) {
			if (file.size > MAX_IMPORT_BYTES) return importFailed(400, 'too_big', pasted);
			const bytes = new Uint8Array(await file.arrayBuffer());
			if (looksLikeXlsx(bytes)) {
				const read = await readCriteriaWorkbook(bytes);
				if ('unreadable' in read) return importFailed(400, 'unreadable', pasted);
				if (!read.ok) {
					const issues = read.issues.map((issue) => ({
						path: sheetIssuePath(issue),
						problem: issue.problem
					}));
					return importFailed(400, 'parse', pasted, issues);
				}
				parsed = read;
			} else {
				const text = new TextDecoder().decode(bytes);
				if (!text.trim()) return importFailed(400, 'empty', pasted);
				parsed = parseSetJson(text);
			}
		} else {
			if (pasted.length > MAX_IMPORT_BYTES) return importFailed(400, 'too_big', '');
			if (!pasted.trim()) return importFailed(400, 'empty', pasted);
			parsed = parseSetJson(pasted);
		}
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
