import { QUEUE_STATUSES, queueStatusOf } from '$lib/domain/authorization';
import { requireRole } from '$lib/server/auth/guards';
import { loadReviewQueue } from '$lib/server/assessments/queue';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'review.queue');
	const params = event.url.searchParams;
	// Without a choice, what waits for this role's decision.
	const status =
		QUEUE_STATUSES.find((status) => status === params.get('status')) ?? queueStatusOf(user.role);
	const filters = { campaign: params.get('campaign'), period: params.get('period'), status };
	return loadReviewQueue(getDb(), user, filters);
};
