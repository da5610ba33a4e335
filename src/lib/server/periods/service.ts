// A campaign's periods as the province runs them: plan a date range, open, close and reopen, move
// the closing time, name each audience's criteria version, and grant one unit more time. Audited.
import type { Kysely } from 'kysely';
import { audiencesOf, type Audience } from '../../domain/audiences';
import { periodVersionKey } from '../../domain/audit-entry';
import {
	closingMoment,
	MAX_PLANNED,
	planPeriods,
	stepTarget,
	type ExtensionInput,
	type PeriodSettings,
	type PeriodStep,
	type PlanInput,
	versionField
} from '../../domain/period-plan';
import { writeAudit, writeAuditEntries } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import { StaleForm } from '../campaigns/service';
import type { Database } from '../db/schema';
import { InvalidInput, NotFound, StaleRevision } from '../failure';
import { notifyExtension } from '../notifications/notify';
import {
	countAssessments,
	countAssessmentsByAudience,
	deleteExtension,
	deletePeriodSet,
	findAdminPeriod,
	findCampaignKinds,
	findExtensionGrant,
	findScopedUnitFor,
	insertNewPeriods,
	listExtensions,
	listPeriodRows,
	listPeriodSets,
	lockPeriod,
	updatePeriodRow,
	upsertExtension,
	upsertPeriodSet
} from './repository';
import {
	periodAudiences,
	periodRevision,
	periodSets,
	publishedSets,
	publishedVersionNumbers
} from './sets';

export { periodAudiences, periodRevision, publishedVersionNumbers } from './sets';
export type { PeriodSet } from './sets';

type Db = Kysely<Database>;

interface CampaignRef {
	id: number;
	code: string;
}

/** The campaign's periods, latest first, each with the version every audience is scored against. */
export async function listAdminPeriods(db: Db, campaignId: number) {
	const periods = await listPeriodRows(db, campaignId);
	const sets = await listPeriodSets(
		db,
		periods.map((period) => period.id)
	);
	return periods.map((period) => ({
		...period,
		sets: periodSets(sets.filter((set) => set.period_id === period.id))
	}));
}

/** The period an administration address names with its sets, or 404. */
export async function periodOf(db: Db, campaignId: number, label: string) {
	const period = await findAdminPeriod(db, campaignId, label);
	if (!period) throw new NotFound();
	return { ...period, sets: periodSets(await listPeriodSets(db, [period.id])) };
}

/**
 * A period's page: the period, its assessments (in all and per audience), the audiences the
 * campaign needs with their published versions, and its extensions.
 */
export async function loadPeriodDetail(
	db: Db,
	actor: AdminActor,
	campaignId: number,
	label: string
) {
	const period = await periodOf(db, campaignId, label);
	const [versions, extensions, assessments, byAudience, kinds] = await Promise.all([
		publishedVersionNumbers(db, campaignId),
		listExtensions(db, period.id, actor.scopePath),
		countAssessments(db, period.id),
		countAssessmentsByAudience(db, period.id),
		findCampaignKinds(db, campaignId)
	]);
	const audiences = periodAudiences(kinds, period.sets);
	return { period, audiences, versions, extensions, assessments, byAudience };
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
		const audiences = audiencesOf(await findCampaignKinds(trx, campaign.id));
		const chosen = await publishedSets(trx, campaign.id, audiences, input.versions);
		// The first audience's set is the period's own; the trigger names it for its audience.
		const [own, ...others] = chosen;
		if (!own || own.audience !== audiences[0]) {
			throw new InvalidInput({ [versionField(audiences[0])]: 'version_unpublished' });
		}
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
				criteria_set_id: own.id
			}))
		);
		for (const period of inserted) {
			for (const other of others) {
				await upsertPeriodSet(trx, {
					periodId: period.id,
					campaignId: campaign.id,
					audience: other.audience,
					criteriaSetId: other.id
				});
			}
		}
		const versions = Object.fromEntries(
			chosen.map((chosenSet) => [periodVersionKey(chosenSet.audience), chosenSet.version])
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
					...versions,
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
 * Moves the closing time or names another published version for an audience. An audience's
 * version may change only while the period has no assessment of that audience: an assessment
 * keeps the set it was scored against. The period's own set (its first audience's) stays named.
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
		if (!period) throw new InvalidInput({ form: 'not_found' });
		const sets = periodSets(await listPeriodSets(trx, [period.id]));
		if (periodRevision(period, sets) !== revision) throw new StaleRevision({ form: 'stale' });
		const audiences = periodAudiences(await findCampaignKinds(trx, campaign.id), sets);
		const named = await publishedSets(trx, campaign.id, audiences, settings.versions);
		const assessed = await countAssessmentsByAudience(trx, period.id);
		const before: Record<string, unknown> = {};
		const after: Record<string, unknown> = {};
		const errors: Record<string, string> = {};
		const changes: { audience: Audience; setId: number | null }[] = [];
		for (const audience of audiences) {
			if (settings.versions[audience] === undefined) continue;
			const current = sets.find((set) => set.audience === audience);
			const wanted = named.find((set) => set.audience === audience);
			if ((current?.criteria_set_id ?? null) === (wanted?.id ?? null)) continue;
			const field = versionField(audience);
			if (current?.criteria_set_id === period.criteria_set_id && !wanted) {
				errors[field] = 'version_unpublished';
			} else if ((assessed[audience] ?? 0) > 0) errors[field] = 'has_assessments';
			else {
				const key = periodVersionKey(audience);
				before[key] = current?.version ?? null;
				after[key] = wanted?.version ?? null;
				changes.push({ audience, setId: wanted?.id ?? null });
			}
		}
		if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
		const closesAt = settings.closesAt.toISOString();
		if (closesAt !== new Date(period.closes_at).toISOString()) {
			before.closes_at = new Date(period.closes_at).toISOString();
			after.closes_at = closesAt;
		}
		if (Object.keys(after).length === 0) return;
		const own = sets.find((set) => set.criteria_set_id === period.criteria_set_id)?.audience;
		for (const change of changes) {
			if (change.audience === own) {
				await updatePeriodRow(trx, period.id, { criteria_set_id: change.setId! });
			} else if (change.setId === null) await deletePeriodSet(trx, period.id, change.audience);
			else {
				await upsertPeriodSet(trx, {
					periodId: period.id,
					campaignId: campaign.id,
					audience: change.audience,
					criteriaSetId: change.setId
				});
			}
		}
		await updatePeriodRow(trx, period.id, { closes_at: settings.closesAt });
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
