// A campaign's periods as the province runs them: plan a date range, open, close and reopen, move
// the closing time, name the criteria version, and grant one unit more time. Every write is audited.
import type { Kysely } from 'kysely';
import {
	closingMoment,
	MAX_PLANNED,
	planPeriods,
	stepTarget,
	type ExtensionInput,
	type PeriodSettings,
	type PeriodStep,
	type PlanInput
} from '../../domain/period-plan';
import { writeAudit, writeAuditEntries } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import { StaleForm } from '../campaigns/service';
import type { Database } from '../db/schema';
import { InvalidInput, NotFound, StaleRevision } from '../failure';
import { notifyExtension } from '../notifications/notify';
import {
	countAssessments,
	deleteExtension,
	findAdminPeriod,
	findExtensionGrant,
	findPublishedVersion,
	findScopedUnitFor,
	findVersionNumber,
	hasAssessments,
	insertNewPeriods,
	listExtensions,
	listPublishedVersions,
	lockPeriod,
	updatePeriodRow,
	upsertExtension
} from './repository';

export { listAdminPeriods } from './repository';

type Db = Kysely<Database>;

interface CampaignRef {
	id: number;
	code: string;
}

/** What a period's edit form was read at: its closing time and the version it names. */
export function periodRevision(period: { closes_at: Date | string; criteria_set_id: number }) {
	return `${new Date(period.closes_at).toISOString()}|${period.criteria_set_id}`;
}

/** The version numbers a period may name: published ones, newest first. */
export async function publishedVersionNumbers(db: Db, campaignId: number): Promise<number[]> {
	return (await listPublishedVersions(db, campaignId)).map((set) => set.version);
}

/** The period an administration address names, or 404. */
export async function periodOf(db: Db, campaignId: number, label: string) {
	const period = await findAdminPeriod(db, campaignId, label);
	if (!period) throw new NotFound();
	return period;
}

/** A period's page: the period, how many assessments it has, its versions and extensions. */
export async function loadPeriodDetail(
	db: Db,
	actor: AdminActor,
	campaignId: number,
	label: string
) {
	const period = await periodOf(db, campaignId, label);
	const [versions, extensions, assessments] = await Promise.all([
		publishedVersionNumbers(db, campaignId),
		listExtensions(db, period.id, actor.scopePath),
		countAssessments(db, period.id)
	]);
	return { period, versions, extensions, assessments };
}

/** Creates the planned periods a range covers; labels the campaign already has are left alone. */
export async function createPeriods(
	db: Db,
	actor: AdminActor,
	campaign: CampaignRef,
	input: PlanInput
): Promise<{ created: string[]; existing: string[] }> {
	const spans = planPeriods(input.kind, input.from, input.to);
	if (spans.length === 0) throw new InvalidInput({ to: 'nothing_planned' });
	if (spans.length > MAX_PLANNED) throw new InvalidInput({ to: 'too_many' });
	return db.transaction().execute(async (trx) => {
		const set = await findPublishedVersion(trx, campaign.id, input.version);
		if (!set) throw new InvalidInput({ version: 'version_unpublished' });
		const inserted = await insertNewPeriods(
			trx,
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
		);
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
			created: spans.filter((span) => created.has(span.label)).map((span) => span.label),
			existing: spans.filter((span) => !created.has(span.label)).map((span) => span.label)
		};
	});
}

/** Opens, closes or reopens; `expected` is the status the administrator saw. */
export async function stepPeriod(
	db: Db,
	actor: AdminActor,
	campaign: CampaignRef,
	label: string,
	step: PeriodStep,
	expected: string
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const period = await lockPeriod(trx, campaign.id, label);
		if (!period) throw new NotFound();
		const target = stepTarget(period.status, step);
		if (period.status !== expected || !target) throw new StaleForm();
		await updatePeriodRow(trx, period.id, { status: target });
		await writeAudit(trx, {
			actor,
			action: `period.${step}`,
			entityType: 'period',
			entityId: `${campaign.code}/${label}`,
			before: { status: period.status },
			after: { status: target },
			ip: actor.ip
		});
	});
}

/**
 * Moves the closing time or names another published version. The version may change only while
 * no assessment exists: an assessment keeps the set it was scored against.
 */
export async function updatePeriod(
	db: Db,
	actor: AdminActor,
	campaign: CampaignRef,
	label: string,
	revision: string,
	settings: PeriodSettings
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const period = await lockPeriod(trx, campaign.id, label);
		if (!period) throw new InvalidInput({ version: 'not_found' });
		if (periodRevision(period) !== revision) throw new StaleRevision({ form: 'stale' });
		const set = await findPublishedVersion(trx, campaign.id, settings.version);
		if (!set) throw new InvalidInput({ version: 'version_unpublished' });
		const before: Record<string, unknown> = {};
		const after: Record<string, unknown> = {};
		if (set.id !== period.criteria_set_id) {
			if (await hasAssessments(trx, period.id)) {
				throw new InvalidInput({ version: 'has_assessments' });
			}
			before.criteria_version = await findVersionNumber(trx, period.criteria_set_id);
			after.criteria_version = set.version;
		}
		const closesAt = settings.closesAt.toISOString();
		if (closesAt !== new Date(period.closes_at).toISOString()) {
			before.closes_at = new Date(period.closes_at).toISOString();
			after.closes_at = closesAt;
		}
		if (Object.keys(after).length === 0) return;
		await updatePeriodRow(trx, period.id, {
			closes_at: settings.closesAt,
			criteria_set_id: set.id
		});
		await writeAudit(trx, {
			actor,
			action: 'period.update',
			entityType: 'period',
			entityId: `${campaign.code}/${label}`,
			before,
			after,
			ip: actor.ip
		});
	});
}

type UnitProblem = 'not_found' | 'unit_unknown' | 'unit_not_in_force' | 'unit_not_assessed';

/** The period and a unit of the campaign's kinds in the administrator's scope, or why not. */
async function periodAndUnit(
	trx: Db,
	actor: AdminActor,
	campaign: CampaignRef,
	label: string,
	unitCode: string
): Promise<UnitProblem | { period: { id: number }; unit: { id: number; code: string } }> {
	const period = await lockPeriod(trx, campaign.id, label);
	if (!period) return 'not_found';
	// The code's holder on the period's last day: a unit retired by then has nothing to submit.
	const unit = await findScopedUnitFor(trx, campaign.id, actor.scopePath, unitCode, period.ends_on);
	if (!unit) return 'unit_unknown';
	if (!unit.inForce) return 'unit_not_in_force';
	if (!unit.assessed) return 'unit_not_assessed';
	return { period, unit };
}

/** Grants a unit time to submit after the period closes; a second grant replaces the first. */
export async function grantExtension(
	db: Db,
	actor: AdminActor,
	campaign: CampaignRef,
	label: string,
	input: ExtensionInput
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const found = await periodAndUnit(trx, actor, campaign, label, input.unitCode);
		if (typeof found === 'string') throw new InvalidInput({ unit: found });
		const { period, unit } = found;
		const previous = await findExtensionGrant(trx, period.id, unit.id);
		await upsertExtension(trx, {
			periodId: period.id,
			unitId: unit.id,
			until: input.until,
			reason: input.reason,
			grantedBy: actor.id
		});
		await writeAudit(trx, {
			actor,
			action: 'period.extend',
			entityType: 'period',
			entityId: `${campaign.code}/${label}`,
			unitId: unit.id,
			before: previous && {
				until: new Date(previous.until).toISOString(),
				reason: previous.reason
			},
			after: { unit: unit.code, until: input.until.toISOString(), reason: input.reason },
			reason: input.reason,
			ip: actor.ip
		});
		await notifyExtension(trx, {
			campaignId: campaign.id,
			periodId: period.id,
			unitId: unit.id,
			until: input.until
		});
	});
}

/** Takes a unit's extension back; refused as out of date when there is none to take. */
export async function revokeExtension(
	db: Db,
	actor: AdminActor,
	campaign: CampaignRef,
	label: string,
	unitCode: string
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const found = await periodAndUnit(trx, actor, campaign, label, unitCode);
		if (typeof found === 'string') throw new StaleForm();
		const { period, unit } = found;
		const removed = await deleteExtension(trx, period.id, unit.id);
		if (!removed) throw new StaleForm();
		await writeAudit(trx, {
			actor,
			action: 'period.extension_revoke',
			entityType: 'period',
			entityId: `${campaign.code}/${label}`,
			unitId: unit.id,
			before: {
				unit: unit.code,
				until: new Date(removed.until).toISOString(),
				reason: removed.reason
			},
			ip: actor.ip
		});
	});
}
