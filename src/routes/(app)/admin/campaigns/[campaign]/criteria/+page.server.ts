import { fail, isActionFailure, redirect } from '@sveltejs/kit';
import { isAudience, type Audience } from '$lib/domain/audiences';
import { parseSetJson, type ParseResult } from '$lib/domain/campaign-file';
import type { SheetProblem } from '$lib/domain/criteria-sheet';
import type { SetIssue } from '$lib/domain/criteria-set';
import { jsonAudience, type FileAudience } from '$lib/domain/set-audience';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import type { DraftRefusalBody, DraftState } from '$lib/server/criteria/drafts';
import {
	criteriaByAudience,
	importIntoDraft,
	latestPublishedVersion,
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
	return { sections: await criteriaByAudience(getDb(), campaign) };
};

/** A problem of a file's shape: where (a JSON path, or a sheet's row and column) and what. */
interface ImportIssue {
	path: string;
	problem: SheetProblem;
	detail?: string;
}

function importFailed(
	audience: string,
	status: number,
	problem: string,
	json: string,
	parseIssues: ImportIssue[] = [],
	issues: SetIssue[] = []
) {
	return fail(status, { form: 'import' as const, audience, problem, json, parseIssues, issues });
}

interface ImportEcho {
	form: 'import';
	audience: Audience;
	json: string;
	parseIssues: ImportIssue[];
	issues: SetIssue[];
}

const integer = (value: string | undefined) =>
	value !== undefined && /^\d+$/.test(value) ? Number(value) : null;

export const actions: Actions = {
	/** "New version from vN" of an audience's set: `from` must still be its latest published. */
	startDraft: async (event) => {
		const actor = requireCampaignAdmin(event);
		const db = getDb();
		const campaign = await orError(campaignOf(db, event.params.campaign));
		const { values } = await readForm(event.request);
		const from = values.from;
		const audience = values.audience ?? '';
		if (!isAudience(audience) || from === undefined || (from !== '' && integer(from) === null)) {
			return fail(400, { form: 'start' as const, audience, problem: 'not_found' });
		}
		const latest = await latestPublishedVersion(db, campaign.id, audience);
		if (latest !== (from === '' ? null : integer(from))) {
			return fail(409, { form: 'start' as const, audience, problem: 'stale' });
		}
		let started: DraftState;
		try {
			started = await startDraft(db, actor, { campaignId: campaign.id, audience });
		} catch (failure) {
			return refused<{ form: 'start'; audience: Audience }, DraftRefusalBody>(failure, {
				form: 'start',
				audience
			});
		}
		redirect(
			303,
			localizeHref(
				`/admin/campaigns/${campaign.code}/criteria/${audience}/${started.version}?started=1`
			)
		);
	},

	/**
	 * Replaces an audience's draft content with a file's, or changes nothing and says why. A file
	 * naming another audience is refused: it was written for other units.
	 */
	import: async (event) => {
		const actor = requireCampaignAdmin(event);
		const db = getDb();
		const campaign = await orError(campaignOf(db, event.params.campaign));
		const { values, data } = await readForm(event.request);
		const audience = values.audience ?? '';
		const version = integer(values.version);
		const revision = integer(values.revision);
		const pasted = values.json ?? '';
		const file = data.get('file');
		const failed = (status: number, problem: string, json: string, parseIssues?: ImportIssue[]) =>
			importFailed(audience, status, problem, json, parseIssues);
		if (!isAudience(audience) || version === null || revision === null) {
			return failed(400, 'not_found', pasted);
		}
		let parsed: ParseResult;
		let named: FileAudience;
		if (file instanceof File && file.size > 0) {
			if (file.size > MAX_IMPORT_BYTES) return failed(400, 'too_big', pasted);
			const bytes = new Uint8Array(await file.arrayBuffer());
			if (looksLikeXlsx(bytes)) {
				const read = await readCriteriaWorkbook(bytes);
				if ('unreadable' in read) return failed(400, 'unreadable', pasted);
				if (!read.ok) {
					const issues = read.issues.map((issue) => ({
						path: sheetIssuePath(issue),
						problem: issue.problem
					}));
					return failed(400, 'parse', pasted, issues);
				}
				parsed = read;
				named = read.audience;
			} else {
				const text = new TextDecoder().decode(bytes);
				if (!text.trim()) return failed(400, 'empty', pasted);
				parsed = parseSetJson(text);
				named = jsonAudience(text);
			}
		} else {
			if (pasted.length > MAX_IMPORT_BYTES) return failed(400, 'too_big', '');
			if (!pasted.trim()) return failed(400, 'empty', pasted);
			parsed = parseSetJson(pasted);
			named = jsonAudience(pasted);
		}
		if (!parsed.ok) return failed(400, 'parse', pasted, parsed.issues);
		const ref = { campaignId: campaign.id, audience, version, revision };
		const echo = { form: 'import' as const, audience, json: pasted, parseIssues: [], issues: [] };
		const result = await attempt<DraftState, ImportEcho, DraftRefusalBody & { found?: string }>(
			() => importIntoDraft(db, actor, ref, parsed.content, named),
			echo
		);
		if (isActionFailure(result)) return result;
		const count = parsed.content.groups.reduce((n, group) => n + group.criteria.length, 0);
		return { form: 'import' as const, audience, imported: count, version };
	}
};
