// The review queue's queries: the assessments of one status in an actor's scope, and the period
// labels to filter them by.
import { sql, type Kysely } from 'kysely';
import type { Actor, QueueStatus } from '../../domain/authorization';
import { areaUnitFilter } from '../auth/area-scope';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import { inForceOn } from '../units/structure';

type Db = Kysely<Database>;

export interface QueueFilters {
	campaign?: string | null;
	period?: string | null;
	status: QueueStatus;
	/** A reporting area's reference `SET/AREA` (the former districts): its members' units only. */
	area?: string | null;
}

/**
 * The assessments of the actor's scope (the unit's subtree, narrowed to the area's members when the
 * actor has one) in one status of the review queue; those of a unit not in force at the period's
 * end are left out: they take no step (see ./service.ts).
 */
function queueQuery(db: Db, actor: Actor, filters: QueueFilters & { areaId?: number | null }) {
	let query = db
		.selectFrom('assessments as a')
		.innerJoin('units as u', 'u.id', 'a.unit_id')
		.innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
		.innerJoin('periods as p', 'p.id', 'a.period_id')
		.where('u.path', 'like', subtreePattern(actor.scopePath))
		.where(areaUnitFilter(actor, 'u.path'))
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('unit_versions as v')
					.select('v.unit_id')
					.whereRef('v.unit_id', '=', 'a.unit_id')
					.where(inForceOn('v', sql`p.ends_on`))
			)
		)
		.where('a.status', '=', filters.status);
	if (filters.campaign) query = query.where('c.code', '=', filters.campaign);
	if (filters.period) query = query.where('p.label', '=', filters.period);
	if (filters.areaId) query = query.where(areaUnitFilter({ areaId: filters.areaId }, 'u.path'));
	return query;
}

/** When an assessment joined the queue of a status. */
function arrivedColumn(status: QueueStatus) {
	return status === 'submitted' ? 'a.submitted_at' : 'a.verified_at';
}

/** The queue's assessments, latest period first and the longest waiting first within it. */
export function listReviewQueue(
	db: Db,
	actor: Actor,
	filters: QueueFilters & { areaId?: number | null },
	limit: number
) {
	return queueQuery(db, actor, filters)
		.leftJoin('units as parent', 'parent.id', 'u.parent_id')
		.select([
			'a.id',
			'a.version',
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
			'u.status as unitStatus',
			'u.retired_on as unitRetiredOn',
			'parent.name as parentName',
			'c.code as campaignCode',
			'p.label as period',
			// A unit recognised already in the campaign takes no new recognition (bulk approval).
			({ exists, selectFrom }) =>
				exists(
					selectFrom('recognitions as r')
						.select('r.id')
						.whereRef('r.unit_id', '=', 'a.unit_id')
						.whereRef('r.campaign_id', '=', 'a.campaign_id')
						.where('r.revoked_at', 'is', null)
				).as('recognised')
		])
		.orderBy('p.starts_on', 'desc')
		.orderBy(arrivedColumn(filters.status))
		.limit(limit)
		.execute();
}

/** The queue counted by campaign and period, with when the longest-waiting one arrived. */
export async function countReviewQueue(db: Db, actor: Actor, status: QueueStatus) {
	const rows = await queueQuery(db, actor, { status })
		.select((eb) => [
			'c.code as campaignCode',
			'p.label as period',
			eb.fn.countAll<string>().as('count'),
			eb.fn.min(arrivedColumn(status)).as('oldest')
		])
		.groupBy(['c.code', 'p.label'])
		.execute();
	return rows.map((row) => ({
		campaignCode: row.campaignCode,
		period: row.period,
		count: Number(row.count),
		oldest: new Date(row.oldest ?? 0)
	}));
}

/** Every period label of every campaign, newest first: the queue's period filter. */
export async function listPeriodLabels(db: Db) {
	const rows = await db
		.selectFrom('periods')
		.select('label')
		.distinct()
		.orderBy('label', 'desc')
		.execute();
	return rows.map((row) => row.label);
}
