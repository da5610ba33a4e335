// The review queue: assessments waiting for review in a user's subtree. Submitted ones wait for the
// district reviewer, verified ones for the province; the user may look at either.
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/authorization';
import { listCampaigns } from '../campaigns/repository';
import type { Database } from '../db/schema';
import { listPeriodLabels, listReviewQueue, type QueueFilters } from './repository';

/** The queue shows this many at most; narrow the filters to see the rest. */
export const QUEUE_LIMIT = 500;

export async function loadReviewQueue(db: Kysely<Database>, actor: Actor, filters: QueueFilters) {
	const [items, campaigns, periods] = await Promise.all([
		listReviewQueue(db, actor.scopePath, filters, QUEUE_LIMIT),
		listCampaigns(db),
		listPeriodLabels(db)
	]);
	return { items, capped: items.length === QUEUE_LIMIT, filters, campaigns, periods };
}
