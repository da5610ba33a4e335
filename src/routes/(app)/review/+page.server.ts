import { dateFromInput } from '$lib/domain/date-input';
import { redirect } from '@sveltejs/kit';
import { QUEUE_STATUSES, queueStatusOf, roleAllows } from '$lib/domain/authorization';
import { vnDate } from '$lib/domain/periods';
import { localizeHref } from '$lib/paraglide/runtime';
import { loadReviewQueue } from '$lib/server/assessments/queue';
import { clientAddress } from '$lib/server/auth/client';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt } from '$lib/server/http/respond';
import { approveInBulk } from '$lib/server/recognitions/bulk';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'review.queue');
	const params = event.url.searchParams;
	// Without a choice, what waits for this role's decision.
	const status =
		QUEUE_STATUSES.find((status) => status === params.get('status')) ?? queueStatusOf(user.role);
	const filters = {
		campaign: params.get('campaign'),
		period: params.get('period'),
		area: params.get('area'),
		status
	};
	const queue = await loadReviewQueue(getDb(), user, filters);
	// The province approves verified assessments here, many under one decision.
	const bulk = status === 'verified' && roleAllows(user.role, 'assessment.approve');
	return { ...queue, bulk, today: vnDate(new Date()) };
};

/** A chosen row: `<assessment id>:<version it was shown at>`. */
function parseChoice(value: string) {
	const [id, version] = value.split(':').map(Number);
	return Number.isInteger(id) && Number.isInteger(version)
		? { assessmentId: id, version }
		: { assessmentId: -1, version: -1 };
}

export const actions: Actions = {
	/** Approves the chosen assessments under one decision, all or none. */
	approve: async (event) => {
		const user = requireRole(event, 'assessment.approve');
		const { values, data } = await readForm(event.request);
		const selected = data.getAll('assessment').map(String);
		const echo = {
			selected,
			decisionNumber: values.decisionNumber ?? '',
			decisionDate: dateFromInput(values.decisionDate ?? '')
		};
		const actor = {
			id: user.id,
			username: user.username,
			role: user.role,
			scopePath: user.scopePath,
			areaId: user.areaId,
			ip: clientAddress(event)
		};
		const outcome = await attempt(
			() =>
				approveInBulk(getDb(), actor, {
					items: selected.map(parseChoice),
					decisionNumber: echo.decisionNumber,
					decisionDate: echo.decisionDate
				}),
			echo
		);
		if ('decisionId' in outcome) {
			redirect(
				303,
				localizeHref(
					`/review/decisions/${outcome.decisionId}?approved=${outcome.approved}&recognised=${outcome.recognised}`
				)
			);
		}
		return outcome;
	}
};
