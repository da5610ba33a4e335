import type { RequestEvent } from '@sveltejs/kit';
import { clientAddress } from '$lib/server/auth/client';
import type { SessionUser } from '$lib/server/auth/session';
import { EvidenceNotFoundError } from '$lib/server/assessments/errors';
import { resolvePlace } from '$lib/server/assessments/place';
import { listAncestors } from '$lib/server/units/repository';
import {
	revokeRecognition,
	saveDraft,
	transitionAssessment,
	type Actor
} from '$lib/server/assessments/service';
import { TIMELINE_LIMIT } from '$lib/server/assessments/timeline';
import { loadAssessmentView } from '$lib/server/assessments/view';
import { getDb } from '$lib/server/db';
import { deleteEvidence, uploadEvidence } from '$lib/server/evidence/service';
import { evidenceRoot } from '$lib/server/evidence/storage';
import { attempt, refused } from '$lib/server/http/respond';
import type { Transition } from '$lib/domain/workflow';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, place } = await resolvePlace(event, 'assessment.view');
	const db = getDb();
	const ancestors = await listAncestors(db, place.unit.path);
	return {
		campaign: {
			code: place.campaign.code,
			name_vi: place.campaign.name_vi,
			name_en: place.campaign.name_en,
			minScore: place.campaign.min_score,
			allMandatory: place.campaign.all_mandatory
		},
		unit: { code: place.unit.code, name: place.unit.name },
		period: {
			label: place.period.label,
			status: place.period.status,
			closesAt: place.period.closes_at
		},
		breadcrumbs: ancestors.map((ancestor) => ({
			code: ancestor.code,
			name: ancestor.name,
			linked: ancestor.path.startsWith(user.scopePath)
		})),
		role: user.role,
		timelineLimit: TIMELINE_LIMIT,
		view: await loadAssessmentView(db, place, user.role)
	};
};

function actorOf(user: SessionUser, event: RequestEvent): Actor {
	return { id: user.id, username: user.username, role: user.role, ip: clientAddress(event) };
}

/** Criterion code → text, from fields named `<prefix>.<code>`. */
function fieldsWith(form: FormData, prefix: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [name, value] of form.entries()) {
		if (name.startsWith(`${prefix}.`) && typeof value === 'string') {
			fields[name.slice(prefix.length + 1)] = value;
		}
	}
	return fields;
}

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

function versionOf(form: FormData): number {
	const version = Number(text(form, 'version'));
	return Number.isInteger(version) && version >= 0 ? version : -1;
}

async function step(event: RequestEvent, transition: Transition) {
	const { user, place } = await resolvePlace(event, 'assessment.view');
	const form = await event.request.formData();
	const input = {
		transition,
		version: versionOf(form),
		reason: text(form, 'reason'),
		comments: fieldsWith(form, 'comment'),
		decisionNumber: text(form, 'decisionNumber'),
		decisionDate: text(form, 'decisionDate')
	};
	const echo = {
		action: transition,
		reason: input.reason,
		comments: input.comments,
		decisionNumber: input.decisionNumber,
		decisionDate: input.decisionDate
	};
	return attempt(async () => {
		const outcome = await transitionAssessment(getDb(), actorOf(user, event), place, input);
		return { action: transition, done: true, recognition: outcome.recognition };
	}, echo);
}

export const actions: Actions = {
	/** Saves values and notes; with `submit` in the form, then submits the saved draft. */
	save: async (event) => {
		const { user, place } = await resolvePlace(event, 'assessment.edit');
		const form = await event.request.formData();
		const input = {
			version: versionOf(form),
			values: fieldsWith(form, 'value'),
			notes: fieldsWith(form, 'note')
		};
		const submit = form.get('intent') === 'submit';
		const echo = { action: 'save', values: input.values, notes: input.notes };
		const db = getDb();
		const actor = actorOf(user, event);
		let version: number;
		try {
			version = (await saveDraft(db, actor, place, input)).version;
		} catch (failure) {
			return refused(failure, { ...echo, action: submit ? 'submit' : 'save' });
		}
		if (!submit) return { action: 'save', done: true, version };
		try {
			await transitionAssessment(db, actor, place, { transition: 'submit', version });
			return { action: 'submit', done: true, version: version + 1 };
		} catch (failure) {
			// The values are saved even when the submission is refused: say so, with the new version.
			return refused(failure, { ...echo, action: 'submit', saved: true, version });
		}
	},
	upload: async (event) => {
		const { user, place } = await resolvePlace(event, 'assessment.edit');
		const form = await event.request.formData();
		const criterion = text(form, 'criterion');
		const file = form.get('file');
		const echo = { action: 'upload', criterion };
		return attempt(async () => {
			const stored = await uploadEvidence(getDb(), evidenceRoot(), actorOf(user, event), place, {
				criterionCode: criterion,
				fileName: file instanceof File ? file.name : '',
				bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
			});
			return { ...echo, done: true, fileName: stored.fileName };
		}, echo);
	},
	deleteEvidence: async (event) => {
		const { user, place } = await resolvePlace(event, 'assessment.edit');
		const form = await event.request.formData();
		const id = Number(text(form, 'evidence'));
		return attempt(
			async () => {
				if (!Number.isInteger(id)) throw new EvidenceNotFoundError();
				const removed = await deleteEvidence(
					getDb(),
					evidenceRoot(),
					actorOf(user, event),
					place,
					id
				);
				return { action: 'deleteEvidence', done: true, fileName: removed.file_name };
			},
			{ action: 'deleteEvidence' }
		);
	},
	verify: (event) => step(event, 'verify'),
	return: (event) => step(event, 'return'),
	approve: (event) => step(event, 'approve'),
	reopen: (event) => step(event, 'reopen'),
	revoke: async (event) => {
		const { user, place } = await resolvePlace(event, 'assessment.approve');
		const form = await event.request.formData();
		const reason = text(form, 'reason');
		return attempt(
			async () => {
				const revoked = await revokeRecognition(getDb(), actorOf(user, event), place, reason);
				return { action: 'revoke', done: revoked, reason: '' };
			},
			{ action: 'revoke', reason }
		);
	}
};
