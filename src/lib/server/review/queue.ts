// Assessments waiting for review in a user's subtree: submitted ones wait for the district
// reviewer, verified ones for the province.
import type { Kysely } from 'kysely';
import type { AssessmentStatus, Database } from '../db/schema';
import { subtreePattern } from '../units/repository';

export interface QueueFilters {
	campaign?: string | null;
	period?: string | null;
	status: Extract<AssessmentStatus, 'submitted' | 'verified'>;
}

/** The queue shows this many at most; narrow the filters to see the rest. */
export const QUEUE_LIMIT = 500;

export function listReviewQueue(db: Kysely<Database>, scopePath: string, filters: QueueFilters) {
	let query = db
		.selectFrom('assessments as a')
		.innerJoin('units as u', 'u.id', 'a.unit_id')
		.leftJoin('units as parent', 'parent.id', 'u.parent_id')
		.innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
		.innerJoin('periods as p', 'p.id', 'a.period_id')
		.select([
			'a.id',
			'a.status',
			'a.score',
			'a.met_count as metCount',
			'a.criteria_count as criteriaCount',
			'a.mandatory_met as mandatoryMet',
			'a.eligible',
			'a.submitted_at as submittedAt',
			'a.verified_at as verifiedAt',
			'u.code as unitCode',
			'u.name as unitName',
			'parent.name as parentName',
			'c.code as campaignCode',
			'p.label as period'
		])
		.where('u.path', 'like', subtreePattern(scopePath))
		.where('a.status', '=', filters.status);
	if (filters.campaign) query = query.where('c.code', '=', filters.campaign);
	if (filters.period) query = query.where('p.label', '=', filters.period);
	return query
		.orderBy('p.starts_on', 'desc')
		.orderBy(filters.status === 'submitted' ? 'a.submitted_at' : 'a.verified_at')
		.limit(QUEUE_LIMIT)
		.execute();
}
