import { dateFromInput } from '$lib/domain/date-input';
import type { Transition } from '$lib/domain/workflow';
import { EvidenceNotFoundError } from '$lib/server/assessments/errors';
import { saveDraft } from '$lib/server/assessments/service';
import { transitionAssessment } from '$lib/server/assessments/transitions';
import { loadAssessmentPage } from '$lib/server/assessments/view';
import { getDb } from '$lib/server/db';
import { deleteEvidence, uploadEvidence } from '$lib/server/evidence/service';
import { getEvidenceStore } from '$lib/server/evidence/store';
import { fieldsWith, readForm, type FormValues } from '$lib/server/http/form';
import { attempt, refused } from '$lib/server/http/respond';
import { revokeRecognition } from '$lib/server/recognitions/service';
import { placeOf } from './place.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, place } = await placeOf(event, 'assessment.view');
	return loadAssessmentPage(getDb(), user, place);
};

function versionOf(values: FormValues): number {
	const version = Number(values.version ?? '');
	return Number.isInteger(version) && version >= 0 ? version : -1;
}

async function step(event: RequestEvent, transition: Transition) {
	const { actor, place } = await placeOf(event, 'assessment.view');
	const { values } = await readForm(event.request);
	const input = {
		transition,
		version: versionOf(values),
		reason: values.reason ?? '',
		comments: fieldsWith(values, 'comment'),
		decisionNumber: values.decisionNumber ?? '',
		decisionDate: dateFromInput(values.decisionDate ?? '')
	};
	const echo = {
		action: transition,
		reason: input.reason,
		comments: input.comments,
		decisionNumber: input.decisionNumber,
		decisionDate: input.decisionDate
	};
	return attempt(async () => {
		const outcome = await transitionAssessment(getDb(), actor, place, input);
		return { action: transition, done: true, recognition: outcome.recognition };
	}, echo);
}

export const actions: Actions = {
	/** Saves values and notes; with `submit` in the form, then submits the saved draft. */
	save: async (event) => {
		const { actor, place } = await placeOf(event, 'assessment.edit');
		const { values } = await readForm(event.request);
		const input = {
			version: versionOf(values),
			values: fieldsWith(values, 'value'),
			notes: fieldsWith(values, 'note')
		};
		const submit = values.intent === 'submit';
		const echo = { action: 'save', values: input.values, notes: input.notes };
		const db = getDb();
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
		const { actor, place } = await placeOf(event, 'assessment.edit');
		const { values, data } = await readForm(event.request);
		const criterion = values.criterion ?? '';
		const file = data.get('file');
		const echo = { action: 'upload', criterion };
		return attempt(async () => {
			const stored = await uploadEvidence(getDb(), getEvidenceStore(), actor, place, {
				criterionCode: criterion,
				fileName: file instanceof File ? file.name : '',
				bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
			});
			return { ...echo, done: true, fileName: stored.fileName };
		}, echo);
	},
	deleteEvidence: async (event) => {
		const { actor, place } = await placeOf(event, 'assessment.edit');
		const { values } = await readForm(event.request);
		const id = Number(values.evidence ?? '');
		return attempt(
			async () => {
				if (!Number.isInteger(id)) throw new EvidenceNotFoundError();
				const removed = await deleteEvidence(getDb(), getEvidenceStore(), actor, place, id);
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
		const { actor, place } = await placeOf(event, 'assessment.approve');
		const { values } = await readForm(event.request);
		const reason = values.reason ?? '';
		return attempt(
			async () => {
				const revoked = await revokeRecognition(getDb(), actor, place, reason);
				return { action: 'revoke', done: revoked, reason: '' };
			},
			{ action: 'revoke', reason }
		);
	}
};
