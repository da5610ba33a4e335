import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { criterionFormEcho, readCriterionForm } from '$lib/domain/criterion-form';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { campaignOf } from '$lib/server/campaigns/place';
import {
	addCriterion,
	addGroup,
	deleteCriterion,
	deleteDraft,
	deleteGroup,
	findCriteriaSet,
	moveCriterion,
	moveGroup,
	publishDraft,
	summarise,
	updateCriterion,
	updateGroup,
	type DraftRef,
	type EditResult
} from '$lib/server/criteria/service';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

type Event = RequestEvent<{ campaign: string; version: string }>;

const versionOf = (text: string) => (/^\d{1,9}$/.test(text) ? Number(text) : null);
const idOf = (value: FormDataEntryValue | null) =>
	typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;

export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	const campaign = await campaignOf(event.params.campaign);
	const version = versionOf(event.params.version);
	const set = version === null ? undefined : await findCriteriaSet(getDb(), campaign.id, version);
	if (!set) error(404, 'Not found');
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
	const campaign = await campaignOf(event.params.campaign);
	const version = versionOf(event.params.version);
	if (version === null) error(404, 'Not found');
	const form = await event.request.formData();
	const revision = idOf(form.get('revision'));
	const field = (name: string) => String(form.get(name) ?? '');
	const ref: DraftRef | null =
		revision === null ? null : { campaignId: campaign.id, version, revision };
	return { actor, campaign, form, field, ref, db: getDb() };
}

/** A refusal as the page shows it: 400 for the admin's input, 409 when the draft moved on. */
function refused(result: Extract<EditResult, { ok: false }>, extra: Record<string, unknown>) {
	const problem = result.errors.form;
	const status = !problem || problem === 'invalid' || problem === 'import_invalid' ? 400 : 409;
	return fail(status, { ...extra, problem, errors: result.errors, issues: result.issues ?? [] });
}

const noRevision = (extra: Record<string, unknown>) =>
	fail(400, { ...extra, problem: 'not_found', errors: {}, issues: [] });

function groupValues(field: (name: string) => string) {
	return { code: field('code'), name_vi: field('name_vi'), name_en: field('name_en') };
}

const direction = (value: string) => (value === 'up' || value === 'down' ? value : null);

/** Back to the page without the editor's query, at the place just changed. */
function done(event: Event, anchor = '') {
	redirect(
		303,
		localizeHref(`/admin/campaigns/${event.params.campaign}/criteria/${event.params.version}`) +
			anchor
	);
}

/** A criterion form typed wrong: each problem beside its field, everything typed kept. */
function fieldErrors<Extra extends object>(
	extra: Extra,
	issues: readonly { field: string; problem: string }[]
) {
	return fail(400, {
		...extra,
		errors: Object.fromEntries(issues.map((issue) => [issue.field, issue.problem])),
		issues: []
	});
}

export const actions: Actions = {
	addGroup: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const values = groupValues(field);
		const extra = { form: 'addGroup', values };
		if (!ref) return noRevision(extra);
		const result = await addGroup(db, actor, ref, values);
		if (!result.ok) return refused(result, extra);
		done(event, `#group-${encodeURIComponent(values.code.trim())}`);
	},

	updateGroup: async (event) => {
		const { actor, form, field, ref, db } = await begin(event);
		const groupId = idOf(form.get('id'));
		const values = groupValues(field);
		const extra = { form: 'updateGroup', target: groupId, values };
		if (!ref || groupId === null) return noRevision(extra);
		const result = await updateGroup(db, actor, ref, groupId, values);
		if (!result.ok) return refused(result, extra);
		done(event, `#group-${encodeURIComponent(values.code.trim())}`);
	},

	deleteGroup: async (event) => {
		const { actor, form, ref, db } = await begin(event);
		const groupId = idOf(form.get('id'));
		const extra = { form: 'deleteGroup', target: groupId };
		if (!ref || groupId === null) return noRevision(extra);
		const result = await deleteGroup(db, actor, ref, groupId);
		if (!result.ok) return refused(result, extra);
		done(event);
	},

	moveGroup: async (event) => {
		const { actor, form, field, ref, db } = await begin(event);
		const groupId = idOf(form.get('id'));
		const to = direction(field('direction'));
		const extra = { form: 'moveGroup', target: groupId };
		if (!ref || groupId === null || !to) return noRevision(extra);
		const result = await moveGroup(db, actor, ref, groupId, to);
		if (!result.ok) return refused(result, extra);
		return { form: 'moveGroup', moved: groupId };
	},

	addCriterion: async (event) => {
		const { actor, field, ref, db } = await begin(event);
		const groupId = idOf(field('group') || null);
		const values = criterionFormEcho(field);
		const extra = { form: 'addCriterion', target: groupId, values };
		if (!ref || groupId === null) return noRevision(extra);
		const { content, issues } = readCriterionForm(field);
		if (issues.length > 0) return fieldErrors(extra, issues);
		const result = await addCriterion(db, actor, ref, groupId, content);
		if (!result.ok) return refused(result, extra);
		done(event, `#criterion-${encodeURIComponent(content.code)}`);
	},

	updateCriterion: async (event) => {
		const { actor, form, field, ref, db } = await begin(event);
		const criterionId = idOf(form.get('id'));
		const groupId = idOf(field('group') || null);
		const values = criterionFormEcho(field);
		const extra = { form: 'updateCriterion', target: criterionId, values };
		if (!ref || criterionId === null || groupId === null) return noRevision(extra);
		const { content, issues } = readCriterionForm(field);
		if (issues.length > 0) return fieldErrors(extra, issues);
		const result = await updateCriterion(db, actor, ref, criterionId, groupId, content);
		if (!result.ok) return refused(result, extra);
		done(event, `#criterion-${encodeURIComponent(content.code)}`);
	},

	deleteCriterion: async (event) => {
		const { actor, form, ref, db } = await begin(event);
		const criterionId = idOf(form.get('id'));
		const extra = { form: 'deleteCriterion', target: criterionId };
		if (!ref || criterionId === null) return noRevision(extra);
		const result = await deleteCriterion(db, actor, ref, criterionId);
		if (!result.ok) return refused(result, extra);
		done(event);
	},

	moveCriterion: async (event) => {
		const { actor, form, field, ref, db } = await begin(event);
		const criterionId = idOf(form.get('id'));
		const to = direction(field('direction'));
		const extra = { form: 'moveCriterion', target: criterionId };
		if (!ref || criterionId === null || !to) return noRevision(extra);
		const result = await moveCriterion(db, actor, ref, criterionId, to);
		if (!result.ok) return refused(result, extra);
		return { form: 'moveCriterion', moved: criterionId };
	},

	publish: async (event) => {
		const { actor, ref, db } = await begin(event);
		const extra = { form: 'publish' };
		if (!ref) return noRevision(extra);
		const result = await publishDraft(db, actor, ref);
		if (!result.ok) return refused(result, extra);
		return { form: 'publish', published: result.version };
	},

	deleteDraft: async (event) => {
		const { actor, campaign, ref, db } = await begin(event);
		const extra = { form: 'deleteDraft' };
		if (!ref) return noRevision(extra);
		const result = await deleteDraft(db, actor, ref);
		if (!result.ok) return refused(result, extra);
		redirect(303, localizeHref(`/admin/campaigns/${campaign.code}/criteria`));
	}
};
