import { requireRole } from '$lib/server/auth/guards';
import { listCampaigns } from '$lib/server/campaigns/repository';
import { getDb } from '$lib/server/db';
import { listReviewQueue, QUEUE_LIMIT } from '$lib/server/review/queue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'review.queue');
	const params = event.url.searchParams;
	// What waits for this role: district reviewers verify, the province approves.
	const ownStatus = user.role === 'province_admin' ? 'verified' : 'submitted';
	const status =
		params.get('status') === 'submitted' || params.get('status') === 'verified'
			? (params.get('status') as 'submitted' | 'verified')
			: ownStatus;
	const filters = { campaign: params.get('campaign'), period: params.get('period'), status };
	const db = getDb();
	const [items, campaigns, periods] = await Promise.all([
		listReviewQueue(db, user.scopePath, filters),
		listCampaigns(db),
		db.selectFrom('periods').select('label').distinct().orderBy('label', 'desc').execute()
	]);
	return {
		items,
		capped: items.length === QUEUE_LIMIT,
		filters,
		campaigns,
		periods: periods.map((period) => period.label)
	};
};
