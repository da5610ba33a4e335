import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { isAudience } from '$lib/domain/audiences';
import type { SetIssue } from '$lib/domain/criteria-set';
import { criterionFormEcho, readCriterionForm } from '$lib/domain/criterion-form';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/service';
import { fieldRefusal, type DraftRef, type FormProblem } from '$lib/server/criteria/drafts';
import {
	addCriterion,
	addGroup,
	deleteCriterion,
	deleteGroup,
	moveCriterion,
	moveGroup,
	updateCriterion,
	updateGroup
} from '$lib/server/criteria/items';
import {
	criteriaSetOf,
	deleteDraft,
	publishDraft,
	summarise,
	versionOf
} from '$lib/server/criteria/service';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

type Event = RequestEvent<{ campaign: string; audience: string; version: string }>;

const idOf = (value: string | null | undefined) =>
	typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;

export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const { audience, version } = event.params;
	const set = await orError(criteriaSetOf(db, campaign.id, audience, version));
	const param = (name: string) => idOf(event.url.searchParams.get(name));
	return {
		set,
		summary: summarise(set.groups),
		editCriterion: param('edit'),
		editGroup: param('group'),
		started: event.url.searchParams.has('started')
	};
};

/** What every draft edit needs: the admin, the draft's address and revision, the form. */
async function begin(event: Event) {
	const actor = requireCampaignAdmin(event);
	const db = getDb();
	const campaign = await orError(campaignOf(db, event.params.campaign));
	const version = versionOf(event.params.version);
	const audience = event.params.audience;
	if (version === null || !isAudience(audience)) error(404, 'Not found');
	const { values } = await readForm(event.request);
	const revision = idOf(values.revision);
	const field = (name: string) => values[name] ?? '';
	const ref: DraftRef | null =
		revision === null ? null : { campaignId: campaign.id, audience, version, revision };
	return { actor, campaign, field, ref, db };
}

/** What a refused edit tells the page: the problem of the whole form, or each field's. */
interface Refused {
	problem?: FormProblem;
	errors: Record<string, string>;
	issues?: SetIssue[];
}

/**
 * Runs one edit; a refusal comes back as the page shows it, with what was typed: 400 for the
 * admin's input, 409 when the draft moved on (the page then reloads it under the form).
 */
function edit<T, Extra extends object>(extra: Extra, run: () => Promise<T>) {
	return attempt<T, Extra & { issues: SetIssue[] }, Refused>(run, { ...extra, issues: [] });
}

const noRevision = (extra: object) =>
	fail(400, { ...extra, problem: 'not_found', errors: {}, issues: [] });

function groupValues(field: (name: string) => string) {
	return { code: field('code'), name_vi: field('name_vi'), name_en: field('name_en') };
}

const direction = (value: string) => (value === 'up' || value === 'down' ? value : null);

/** Back to the page without the editor's query, at the place just changed. */
function done(event: Event, anchor = ''): never {
	const { campaign, audience, version } = event.params;
	redirect(
		303,
		localizeHref(`/admin/campaigns/${campaign}/criteria/${audience}/${version}`) + anchor
	);
}

const groupAnchor = (code: string) => `#group-${encodeURIComponent(code.trim())}`;
const criterionAnchor = (code: string) => `#criterion-${encodeURIComponent(code)}`;

export const actions: Actions = {
	addGroup: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const values = groupValues(field);
		const extra = { form: 'addGroup', values };
		if (!ref) return noRevision(extra);
		return edit(extra, async () => {
			await addGroup(db, actor, ref, values);
			done(event, groupAnchor(values.code));
		});
	},

	updateGroup: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const groupId = idOf(field('id'));
		const values = groupValues(field);
		const extra = { form: 'updateGroup', target: groupId, values };
		if (!ref || groupId === null) return noRevision(extra);
		return edit(extra, async () => {
			await updateGroup(db, actor, ref, groupId, values);
			done(event, groupAnchor(values.code));
		});
	},

	deleteGroup: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const groupId = idOf(field('id'));
		const extra = { form: 'deleteGroup', target: groupId };
		if (!ref || groupId === null) return noRevision(extra);
		return edit(extra, async () => {
			await deleteGroup(db, actor, ref, groupId);
			done(event);
		});
	},

	moveGroup: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const groupId = idOf(field('id'));
		const to = direction(field('direction'));
		const extra = { form: 'moveGroup', target: groupId };
		if (!ref || groupId === null || !to) return noRevision(extra);
		return edit(extra, async () => {
			await moveGroup(db, actor, ref, groupId, to);
			return { form: 'moveGroup', moved: groupId };
		});
	},

	addCriterion: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const groupId = idOf(field('group'));
		const values = criterionFormEcho(field);
		const extra = { form: 'addCriterion', target: groupId, values };
		if (!ref || groupId === null) return noRevision(extra);
		const { content, issues } = readCriterionForm(field);
		return edit(extra, async () => {
			if (issues.length > 0) throw fieldRefusal(issues);
			await addCriterion(db, actor, ref, groupId, content);
			done(event, criterionAnchor(content.code));
		});
	},

	updateCriterion: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const criterionId = idOf(field('id'));
		const groupId = idOf(field('group'));
		const values = criterionFormEcho(field);
		const extra = { form: 'updateCriterion', target: criterionId, values };
		if (!ref || criterionId === null || groupId === null) return noRevision(extra);
		const { content, issues } = readCriterionForm(field);
		return edit(extra, async () => {
			if (issues.length > 0) throw fieldRefusal(issues);
			await updateCriterion(db, actor, ref, criterionId, groupId, content);
			done(event, criterionAnchor(content.code));
		});
	},

	deleteCriterion: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const criterionId = idOf(field('id'));
		const extra = { form: 'deleteCriterion', target: criterionId };
		if (!ref || criterionId === null) return noRevision(extra);
		return edit(extra, async () => {
			await deleteCriterion(db, actor, ref, criterionId);
			done(event);
		});
	},

	moveCriterion: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const criterionId = idOf(field('id'));
		const to = direction(field('direction'));
		const extra = { form: 'moveCriterion', target: criterionId };
		if (!ref || criterionId === null || !to) return noRevision(extra);
		return edit(extra, async () => {
			await moveCriterion(db, actor, ref, criterionId, to);
			return { form: 'moveCriterion', moved: criterionId };
		});
	},

	publish: async (event) => {
		const { actor, ref, db } = await begin(event);
		const extra = { form: 'publish' };
		if (!ref) return noRevision(extra);
		return edit(extra, async () => {
			await publishDraft(db, actor, ref);
			return { form: 'publish', published: ref.version };
		});
	},

	deleteDraft: async (event) => {
		const { actor, campaign, ref, db } = await begin(event);
		const extra = { form: 'deleteDraft' };
		if (!ref) return noRevision(extra);
		return edit(extra, async () => {
			await deleteDraft(db, actor, ref);
			const list = localizeHref(`/admin/campaigns/${campaign.code}/criteria`);
			redirect(303, `${list}#audience-${ref.audience}`);
		});
	}
};
