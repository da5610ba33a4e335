// The review queue: assessments waiting for review in a user's subtree (and area, if any). Submitted ones wait for the
// district reviewer, verified ones for the province; the user may look at either.
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/authorization';
import { findAreaByRef, listAreaRefs } from '../areas/repository';
import { listCampaigns } from '../campaigns/repository';
import type { Database } from '../db/schema';
import { unitRefSegment } from '../units/structure';
import { listPeriodLabels, listReviewQueue, type QueueFilters } from './queue-repository';

/** The queue shows this many at most; narrow the filters to see the rest. */
export const QUEUE_LIMIT = 500;

export async function loadReviewQueue(db: Kysely<Database>, actor: Actor, filters: QueueFilters) {
	// An area that does not exist narrows to nothing rather than to everything.
	const area = filters.area ? await findAreaByRef(db, filters.area) : undefined;
	const areaId = filters.area ? (area?.id ?? -1) : null;
	const [rows, campaigns, periods, areas] = await Promise.all([
		listReviewQueue(db, actor, { ...filters, areaId }, QUEUE_LIMIT),
		listCampaigns(db),
		listPeriodLabels(db),
		listAreaRefs(db)
	]);
	// Each item links to its assessment by the unit's address segment (see assessments/place.ts).
	const items = rows.map(({ unitStatus, unitRetiredOn, ...item }) => ({
		...item,
		unitRef: unitRefSegment({ code: item.unitCode, status: unitStatus, retired_on: unitRetiredOn })
	}));
	return { items, capped: rows.length === QUEUE_LIMIT, filters, campaigns, periods, areas };
}
