// A campaign's periods as the province runs them: plan a date range, open, close and reopen, move
// the closing time, name the criteria version, and grant one unit more time. Every write is audited.
import { sql, type Kysely } from 'kysely';
import {
	closingMoment,
	MAX_PLANNED,
	planPeriods,
	stepTarget,
	type PeriodStep
} from '../../domain/period-plan';
import type { PeriodKind } from '../../domain/periods';
import { writeAudit, writeAuditEntries } from '../audit/repository';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';
import type { AdminActor } from '../auth/guards';

type Db = Kysely<Database>;

export type PeriodProblem =
	| 'not_found'
	| 'stale'
	| 'version_unpublished'
	| 'has_assessments'
	| 'unit_unknown'
	| 'unit_not_assessed'
	| 'nothing_planned'
	| 'too_many';

type Result<T = object> = ({ ok: true } & T) | { ok: false; problem: PeriodProblem };

export async function listAdminPeriods(db: Db, campaignId: number) {
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

/** What a period's edit form was read at: its closing time and the version it names. */
export function periodRevision(period: { closes_at: Date | string; criteria_set_id: number }) {
	return `${new Date(period.closes_at).toISOString()}|${period.criteria_set_id}`;
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

/** The versions a period may name: published ones, newest first. */
export function listPublishedVersions(db: Db, campaignId: number) {
	return db
		.selectFrom('criteria_sets')
		.select(['id', 'version', 'published_at'])
		.where('campaign_id', '=', campaignId)
		.where('status', '=', 'published')
		.orderBy('version', 'desc')
		.execute();
}

async function publishedSet(db: Db, campaignId: number, version: number) {
	return db
		.selectFrom('criteria_sets')
		.select(['id', 'version'])
		.where('campaign_id', '=', campaignId)
		.where('version', '=', version)
		.where('status', '=', 'published')
		.executeTakeFirst();
}

export interface PlanInput {
	kind: PeriodKind;
	from: string;
	to: string;
	closeDays: number;
	version: number;
}

/** Creates the planned periods a range covers; labels the campaign already has are left alone. */
export async function createPeriods(
	db: Db,
	actor: AdminActor,
	campaign: { id: number; code: string },
	input: PlanInput
): Promise<Result<{ created: string[]; existing: string[] }>> {
	const spans = planPeriods(input.kind, input.from, input.to);
	if (spans.length === 0) return { ok: false, problem: 'nothing_planned' };
	if (spans.length > MAX_PLANNED) return { ok: false, problem: 'too_many' };
	return db.transaction().execute(async (trx) => {
		const set = await publishedSet(trx, campaign.id, input.version);
		if (!set) return { ok: false as const, problem: 'version_unpublished' as const };
		const inserted = await trx
			.insertInto('periods')
			.values(
				spans.map((span) => ({
					campaign_id: campaign.id,
					label: span.label,
					kind: span.kind,
					starts_on: span.startsOn,
					ends_on: span.endsOn,
					closes_at: closingMoment(span.endsOn, input.closeDays),
					status: 'planned' as const,
					criteria_set_id: set.id
				}))
			)
			.onConflict((conflict) => conflict.columns(['campaign_id', 'label']).doNothing())
			.returning(['id', 'label', 'closes_at'])
			.execute();
		await writeAuditEntries(
			trx,
			inserted.map((period) => ({
				actor,
				action: 'period.create',
				entityType: 'period',
				entityId: `${campaign.code}/${period.label}`,
				after: {
					label: period.label,
					criteria_version: set.version,
					closes_at: new Date(period.closes_at).toISOString()
				},
				ip: actor.ip
			}))
		);
		const created = new Set(inserted.map((period) => period.label));
		return {
			ok: true as const,
			created: spans.filter((span) => created.has(span.label)).map((span) => span.label),
			existing: spans.filter((span) => !created.has(span.label)).map((span) => span.label)
		};
	});
}

async function lockPeriod(trx: Db, campaignId: number, label: string) {
	return trx
		.selectFrom('periods')
		.selectAll()
		.where('campaign_id', '=', campaignId)
		.where('label', '=', label)
		.forUpdate()
		.executeTakeFirst();
}

/** Opens, closes or reopens; `expected` is the status the administrator saw. */
export async function stepPeriod(
	db: Db,
	actor: AdminActor,
	campaign: { id: number; code: string },
	label: string,
	step: PeriodStep,
	expected: string
): Promise<Result> {
	return db.transaction().execute(async (trx) => {
		const period = await lockPeriod(trx, campaign.id, label);
		if (!period) return { ok: false as const, problem: 'not_found' as const };
		const target = stepTarget(period.status, step);
		if (period.status !== expected || !target) {
			return { ok: false as const, problem: 'stale' as const };
		}
		await trx.updateTable('periods').set({ status: target }).where('id', '=', period.id).execute();
		await writeAudit(trx, {
			actor,
			action: `period.${step}`,
			entityType: 'period',
			entityId: `${campaign.code}/${label}`,
			before: { status: period.status },
			after: { status: target },
			ip: actor.ip
		});
		return { ok: true as const };
	});
}

export interface PeriodSettings {
	closesAt: Date;
	version: number;
}

/**
 * Moves the closing time or names another published version. The version may change only while
 * no assessment exists: an assessment keeps the set it was scored against.
 */
export async function updatePeriod(
	db: Db,
	actor: AdminActor,
	campaign: { id: number; code: string },
	label: string,
	revision: string,
	settings: PeriodSettings
): Promise<Result> {
	return db.transaction().execute(async (trx) => {
		const period = await lockPeriod(trx, campaign.id, label);
		if (!period) return { ok: false as const, problem: 'not_found' as const };
		if (periodRevision(period) !== revision) {
			return { ok: false as const, problem: 'stale' as const };
		}
		const set = await publishedSet(trx, campaign.id, settings.version);
		if (!set) return { ok: false as const, problem: 'version_unpublished' as const };
		const current = await trx
			.selectFrom('criteria_sets')
			.select('version')
			.where('id', '=', period.criteria_set_id)
			.executeTakeFirstOrThrow();
		const before: Record<string, unknown> = {};
		const after: Record<string, unknown> = {};
		if (set.id !== period.criteria_set_id) {
			const used = await trx
				.selectFrom('assessments')
				.select('id')
				.where('period_id', '=', period.id)
				.limit(1)
				.executeTakeFirst();
			if (used) return { ok: false as const, problem: 'has_assessments' as const };
			before.criteria_version = current.version;
			after.criteria_version = set.version;
		}
		const closesAt = settings.closesAt.toISOString();
		if (closesAt !== new Date(period.closes_at).toISOString()) {
			before.closes_at = new Date(period.closes_at).toISOString();
			after.closes_at = closesAt;
		}
		if (Object.keys(after).length === 0) return { ok: true as const };
		await trx
			.updateTable('periods')
			.set({ closes_at: settings.closesAt, criteria_set_id: set.id })
			.where('id', '=', period.id)
			.execute();
		await writeAudit(trx, {
			actor,
			action: 'period.update',
			entityType: 'period',
			entityId: `${campaign.code}/${label}`,
			before,
			after,
			ip: actor.ip
		});
		return { ok: true as const };
	});
}

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

/** A unit of the campaign's kinds in the administrator's scope, or why not. */
async function assessedUnit(
	trx: Db,
	actor: AdminActor,
	campaignId: number,
	unitCode: string
): Promise<Result<{ unit: { id: number; code: string } }>> {
	const unit = await trx
		.selectFrom('units')
		.innerJoin('campaigns', (join) => join.on('campaigns.id', '=', campaignId))
		.select([
			'units.id',
			'units.code',
			sql<boolean>`units.kind = ANY (campaigns.applies_to)`.as('assessed')
		])
		.where('units.code', '=', unitCode)
		.where('units.path', 'like', subtreePattern(actor.scopePath))
		.executeTakeFirst();
	if (!unit) return { ok: false, problem: 'unit_unknown' };
	if (!unit.assessed) return { ok: false, problem: 'unit_not_assessed' };
	return { ok: true, unit };
}

/** Grants a unit time to submit after the period closes; a second grant replaces the first. */
export async function grantExtension(
	db: Db,
	actor: AdminActor,
	campaign: { id: number; code: string },
	label: string,
	input: { unitCode: string; until: Date; reason: string }
): Promise<Result> {
	return db.transaction().execute(async (trx) => {
		const period = await lockPeriod(trx, campaign.id, label);
		if (!period) return { ok: false as const, problem: 'not_found' as const };
		const found = await assessedUnit(trx, actor, campaign.id, input.unitCode);
		if (!found.ok) return found;
		const previous = await trx
			.selectFrom('period_extensions')
			.select(['until', 'reason'])
			.where('period_id', '=', period.id)
			.where('unit_id', '=', found.unit.id)
			.executeTakeFirst();
		await trx
			.insertInto('period_extensions')
			.values({
				period_id: period.id,
				unit_id: found.unit.id,
				until: input.until,
				reason: input.reason,
				granted_by: actor.id
			})
			.onConflict((conflict) =>
				conflict.columns(['period_id', 'unit_id']).doUpdateSet({
					until: input.until,
					reason: input.reason,
					granted_by: actor.id,
					granted_at: sql`now()`
				})
			)
			.execute();
		await writeAudit(trx, {
			actor,
			action: 'period.extend',
			entityType: 'period',
			entityId: `${campaign.code}/${label}`,
			unitId: found.unit.id,
			before: previous && {
				until: new Date(previous.until).toISOString(),
				reason: previous.reason
			},
			after: { unit: found.unit.code, until: input.until.toISOString(), reason: input.reason },
			reason: input.reason,
			ip: actor.ip
		});
		return { ok: true as const };
	});
}

export async function revokeExtension(
	db: Db,
	actor: AdminActor,
	campaign: { id: number; code: string },
	label: string,
	unitCode: string
): Promise<Result> {
	return db.transaction().execute(async (trx) => {
		const period = await lockPeriod(trx, campaign.id, label);
		if (!period) return { ok: false as const, problem: 'not_found' as const };
		const found = await assessedUnit(trx, actor, campaign.id, unitCode);
		if (!found.ok) return found;
		const removed = await trx
			.deleteFrom('period_extensions')
			.where('period_id', '=', period.id)
			.where('unit_id', '=', found.unit.id)
			.returning(['until', 'reason'])
			.executeTakeFirst();
		if (!removed) return { ok: false as const, problem: 'stale' as const };
		await writeAudit(trx, {
			actor,
			action: 'period.extension_revoke',
			entityType: 'period',
			entityId: `${campaign.code}/${label}`,
			unitId: found.unit.id,
			before: {
				unit: found.unit.code,
				until: new Date(removed.until).toISOString(),
				reason: removed.reason
			},
			ip: actor.ip
		});
		return { ok: true as const };
	});
}
