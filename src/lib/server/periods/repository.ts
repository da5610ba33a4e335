// A campaign's periods in the database, as the administration reads and writes them, with the
// extensions granted to single units.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Audience } from '../../domain/audiences';
import type { PeriodStatus } from '../../domain/vocabulary';
import type { Database } from '../db/schema';
import { currentHolderFirst, subtreePattern } from '../units/repository';
import { inForceOn } from '../units/structure';

type Db = Kysely<Database>;

/** The campaign's periods, latest first, with their own set's version and what hangs on each. */
export function listPeriodRows(db: Db, campaignId: number) {
	return db
		.selectFrom('periods as p')
		.innerJoin('criteria_sets as s', 's.id', 'p.criteria_set_id')
		.select((eb) => [
			'p.id',
			'p.label',
			'p.kind',
			'p.starts_on',
			'p.ends_on',
			'p.closes_at',
			'p.status',
			's.version',
			eb
				.selectFrom('assessments as a')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('a.period_id', '=', 'p.id')
				.as('assessments'),
			eb
				.selectFrom('period_extensions as e')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('e.period_id', '=', 'p.id')
				.as('extensions')
		])
		.where('p.campaign_id', '=', campaignId)
		.orderBy('p.starts_on', 'desc')
		.orderBy('p.ends_on', 'desc')
		.execute();
}

export function findAdminPeriod(db: Db, campaignId: number, label: string) {
	return db
		.selectFrom('periods')
		.innerJoin('criteria_sets', 'criteria_sets.id', 'periods.criteria_set_id')
		.select([
			'periods.id',
			'periods.label',
			'periods.starts_on',
			'periods.ends_on',
			'periods.closes_at',
			'periods.status',
			'periods.criteria_set_id',
			'criteria_sets.version'
		])
		.where('periods.campaign_id', '=', campaignId)
		.where('periods.label', '=', label)
		.executeTakeFirst();
}

/** The kinds of unit a campaign counts: which audiences its periods name a set for. */
export async function findCampaignKinds(db: Db, campaignId: number): Promise<string[]> {
	const { applies_to } = await db
		.selectFrom('campaigns')
		.select('applies_to')
		.where('id', '=', campaignId)
		.executeTakeFirstOrThrow();
	return applies_to;
}

/** The versions a period may name: every audience's published ones, newest first. */
export function listPublishedVersions(db: Db, campaignId: number) {
	return db
		.selectFrom('criteria_sets')
		.select(['id', 'audience', 'version', 'published_at'])
		.where('campaign_id', '=', campaignId)
		.where('status', '=', 'published')
		.orderBy('audience')
		.orderBy('version', 'desc')
		.execute();
}

/** The audience's version if it is published; undefined otherwise. */
export function findPublishedVersion(
	db: Db,
	campaignId: number,
	audience: Audience,
	version: number
) {
	return db
		.selectFrom('criteria_sets')
		.select(['id', 'audience', 'version'])
		.where('campaign_id', '=', campaignId)
		.where('audience', '=', audience)
		.where('version', '=', version)
		.where('status', '=', 'published')
		.executeTakeFirst();
}

/** The set each audience of the periods is scored against, with its version. */
export function listPeriodSets(db: Db, periodIds: readonly number[]) {
	if (periodIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('period_criteria_sets as p')
		.innerJoin('criteria_sets as s', 's.id', 'p.criteria_set_id')
		.select(['p.period_id', 'p.audience', 'p.criteria_set_id', 's.version'])
		.where('p.period_id', 'in', periodIds)
		.orderBy('p.period_id')
		.execute();
}

/** Names the set an audience of a period is scored against (not the period's own: a trigger's). */
export async function upsertPeriodSet(
	db: Db,
	row: { periodId: number; campaignId: number; audience: Audience; criteriaSetId: number }
) {
	await db
		.insertInto('period_criteria_sets')
		.values({
			period_id: row.periodId,
			campaign_id: row.campaignId,
			audience: row.audience,
			criteria_set_id: row.criteriaSetId
		})
		.onConflict((conflict) =>
			conflict
				.columns(['period_id', 'audience'])
				.doUpdateSet({ criteria_set_id: row.criteriaSetId })
		)
		.execute();
}

export async function deletePeriodSet(db: Db, periodId: number, audience: Audience) {
	await db
		.deleteFrom('period_criteria_sets')
		.where('period_id', '=', periodId)
		.where('audience', '=', audience)
		.execute();
}

export async function findVersionNumber(db: Db, criteriaSetId: number): Promise<number> {
	const { version } = await db
		.selectFrom('criteria_sets')
		.select('version')
		.where('id', '=', criteriaSetId)
		.executeTakeFirstOrThrow();
	return version;
}

export async function countAssessments(db: Db, periodId: number): Promise<number> {
	const { n } = await db
		.selectFrom('assessments')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('period_id', '=', periodId)
		.executeTakeFirstOrThrow();
	return Number(n);
}

/** A period's assessments per audience: the audience of the set each was scored against. */
export async function countAssessmentsByAudience(
	db: Db,
	periodId: number
): Promise<Partial<Record<Audience, number>>> {
	const rows = await db
		.selectFrom('assessments as a')
		.innerJoin('criteria_sets as s', 's.id', 'a.criteria_set_id')
		.select((eb) => ['s.audience', eb.fn.countAll<number>().as('n')])
		.where('a.period_id', '=', periodId)
		.groupBy('s.audience')
		.execute();
	return Object.fromEntries(rows.map((row) => [row.audience, Number(row.n)]));
}

/** Inserts the periods whose labels the campaign does not have yet; returns those inserted. */
export function insertNewPeriods(db: Db, periods: readonly Insertable<Database['periods']>[]) {
	return db
		.insertInto('periods')
		.values(periods)
		.onConflict((conflict) => conflict.columns(['campaign_id', 'label']).doNothing())
		.returning(['id', 'label', 'closes_at'])
		.execute();
}

/** The period a write is about, held until the transaction ends. */
export function lockPeriod(db: Db, campaignId: number, label: string) {
	return db
		.selectFrom('periods')
		.selectAll()
		.where('campaign_id', '=', campaignId)
		.where('label', '=', label)
		.forUpdate()
		.executeTakeFirst();
}

export async function updatePeriodRow(
	db: Db,
	periodId: number,
	changes: { status?: PeriodStatus; closes_at?: Date; criteria_set_id?: number }
) {
	await db.updateTable('periods').set(changes).where('id', '=', periodId).execute();
}

// ——— Extensions ———

/** The extensions of a period granted to units in the scope. */
export function listExtensions(db: Db, periodId: number, scopePath: string) {
	return db
		.selectFrom('period_extensions as e')
		.innerJoin('units as u', 'u.id', 'e.unit_id')
		.innerJoin('users as g', 'g.id', 'e.granted_by')
		.select(['u.code', 'u.name', 'e.until', 'e.reason', 'e.granted_at', 'g.username as grantedBy'])
		.where('e.period_id', '=', periodId)
		.where('u.path', 'like', subtreePattern(scopePath))
		.orderBy('u.code')
		.execute();
}

/**
 * A unit in the scope by code, and whether the campaign assesses units of its kind. Codes are
 * reused: the unit holding the code now, not a retired one that held it before.
 */
/**
 * The unit holding a code on a period's last day, within a scope, and whether the campaign
 * assesses its kind of that day; `inForce` false for a unit of the code that was not in force then.
 */
export async function findScopedUnitFor(
	db: Db,
	campaignId: number,
	scopePath: string,
	code: string,
	day: string
) {
	const then = await db
		.selectFrom('unit_versions as v')
		.innerJoin('campaigns', (join) => join.on('campaigns.id', '=', campaignId))
		.select([
			'v.unit_id as id',
			'v.code',
			sql<boolean>`v.kind = ANY (campaigns.applies_to)`.as('assessed')
		])
		.where('v.code', '=', code)
		.where('v.path', 'like', subtreePattern(scopePath))
		.where(inForceOn('v', day))
		.executeTakeFirst();
	if (then) return { ...then, inForce: true };
	const other = await db
		.selectFrom('units')
		.select(['units.id', 'units.code'])
		.where('units.code', '=', code)
		.where('units.path', 'like', subtreePattern(scopePath))
		.orderBy(currentHolderFirst)
		.executeTakeFirst();
	return other && { ...other, assessed: false, inForce: false };
}

export function findExtensionGrant(db: Db, periodId: number, unitId: number) {
	return db
		.selectFrom('period_extensions')
		.select(['until', 'reason'])
		.where('period_id', '=', periodId)
		.where('unit_id', '=', unitId)
		.executeTakeFirst();
}

/** Grants or replaces a unit's extension. */
export async function upsertExtension(
	db: Db,
	grant: { periodId: number; unitId: number; until: Date; reason: string; grantedBy: number }
) {
	await db
		.insertInto('period_extensions')
		.values({
			period_id: grant.periodId,
			unit_id: grant.unitId,
			until: grant.until,
			reason: grant.reason,
			granted_by: grant.grantedBy
		})
		.onConflict((conflict) =>
			conflict.columns(['period_id', 'unit_id']).doUpdateSet({
				until: grant.until,
				reason: grant.reason,
				granted_by: grant.grantedBy,
				granted_at: sql`now()`
			})
		)
		.execute();
}

/** Removes a unit's extension; returns what it was, or undefined when there was none. */
export function deleteExtension(db: Db, periodId: number, unitId: number) {
	return db
		.deleteFrom('period_extensions')
		.where('period_id', '=', periodId)
		.where('unit_id', '=', unitId)
		.returning(['until', 'reason'])
		.executeTakeFirst();
}
