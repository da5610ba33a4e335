// A unit's page in one campaign: for a unit the campaign applies to (a commune), its standing:
// the latest assessment's checklist, what is still missing for recognition, its history across
// periods, its recognitions and lineage; for a unit above such units, the dashboard of its children.
// A retired unit keeps its page (its history, where it went) but takes no new assessment.
import type { RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { vnDate } from '../../domain/periods';
import { requireScope } from '../auth/guards';
import { findCampaignByCode } from '../campaigns/repository';
import { getDb } from '../db';
import { inScope, mayOpenAssessment, type Actor } from '../../domain/authorization';
import type {
	Breadcrumb,
	ChecklistGroup,
	Lineage,
	RetiredRoot,
	UnitPageData,
	UnitStanding
} from '../../types/dashboard';
import type { Campaign, Database, Unit } from '../db/schema';
import { NotFound } from '../failure';
import { hasChildren, listUnitCampaigns } from '../units/repository';
import { parseUnitRef, resolveUnitCode, unitRefSegment } from '../units/structure';
import { loadDashboard, type DashboardOptions } from './service';
import {
	findLineage,
	findMergerContext,
	listChecklist,
	listUnitAncestors,
	listUnitHistory,
	listUnitRecognitions
} from './unit-page-repository';

type Db = Kysely<Database>;
type Reuse = <T>(parts: unknown[], compute: () => Promise<T>) => Promise<T>;

/**
 * The unit an address segment names (README, "Addresses and reused codes"): `code` is the unit
 * holding the code on `today` (else its last holder), `code@yyyy-mm-dd` the one holding it that day.
 */
export async function findUnitByRef(db: Db, segment: string, today: string) {
	const ref = parseUnitRef(segment);
	const id = ref ? await resolveUnitCode(db, ref.code, ref.on ?? today) : undefined;
	if (id === undefined) return undefined;
	return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The campaign and the unit a unit page's address names, checked against the user's scope. */
export async function resolveUnitPage(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	segment: string
) {
	const db = getDb();
	const campaign = await findCampaignByCode(db, event.params.campaign ?? '');
	if (!campaign) throw new NotFound('Campaign not found');
	const unit = await findUnitByRef(db, segment, vnDate(new Date()));
	const user = requireScope(event, 'dashboard.view', unit);
	return { db, user, campaign, unit: unit! };
}

/** The page of `unit` as `actor` sees it; NotFound when the campaign has nothing to show there. */
export async function loadUnitPage(
	db: Db,
	actor: Actor,
	campaign: Campaign,
	unit: Pick<Unit, 'id' | 'code' | 'name' | 'path' | 'kind' | 'status' | 'retired_on'>,
	options: DashboardOptions,
	/** Where a dashboard's figures may come from while the data has not changed. */
	reuse: Reuse = (_parts, compute) => compute()
): Promise<UnitPageData> {
	const breadcrumbs: Breadcrumb[] = (await listUnitAncestors(db, unit.id)).map((ancestor) => ({
		// The address segment: a retired ancestor is named by its code on its last day.
		code: ancestor.ref,
		name: ancestor.name,
		// Only units the user may open are links.
		linked: inScope(actor, ancestor.path) && ancestor.path !== unit.path
	}));
	if (!campaign.applies_to.includes(unit.kind)) {
		if (!(await hasChildren(db, unit.id)))
			throw new NotFound('Campaign does not apply to this unit');
		const retired = await retiredRoot(db, campaign, unit);
		// A retired unit's dashboard opens on the last period it lived through.
		const period = options.period ?? retired?.lastPeriod ?? null;
		return {
			view: 'dashboard',
			breadcrumbs,
			dashboard: await reuse(['dashboard', unit.id, options, period], () =>
				loadDashboard(db, campaign, unit, { ...options, period })
			),
			retired
		};
	}
	const standing = await loadUnitStanding(db, campaign, unit.id);
	const retired = unit.status === 'retired';
	return {
		view: 'unit',
		breadcrumbs,
		unit: {
			code: unit.code,
			name: unit.name,
			ref: unitRefSegment(unit),
			retiredOn: unit.retired_on
		},
		campaign: {
			code: campaign.code,
			name_vi: campaign.name_vi,
			name_en: campaign.name_en,
			min_score: campaign.min_score
		},
		campaigns: await listUnitCampaigns(db, unit.id),
		// A retired unit takes no new assessment, whatever the period.
		mayStartAssessment:
			!retired &&
			standing.current !== null &&
			standing.current.nameThen !== null &&
			standing.current.hasSet &&
			mayOpenAssessment(actor.role, standing.current.periodStatus),
		standing
	};
}

/** For a retired unit, the day it retired and the campaign's last period to end before it. */
async function retiredRoot(
	db: Db,
	campaign: Campaign,
	unit: Pick<Unit, 'status' | 'retired_on'>
): Promise<RetiredRoot | null> {
	if (unit.status !== 'retired' || !unit.retired_on) return null;
	const last = await db
		.selectFrom('periods')
		.select('label')
		.where('campaign_id', '=', campaign.id)
		.where('ends_on', '<', unit.retired_on)
		.orderBy('ends_on', 'desc')
		.limit(1)
		.executeTakeFirst();
	return { on: unit.retired_on, lastPeriod: last?.label ?? null };
}

export async function loadUnitStanding(
	db: Db,
	campaign: Campaign,
	unitId: number
): Promise<UnitStanding> {
	const history = await listUnitHistory(db, campaign.id, unitId);
	const latest = history.find((row) => row.assessmentId !== null) ?? null;
	const checklist = latest?.assessmentId ? await listChecklist(db, latest.assessmentId) : [];
	const recognitions = await listUnitRecognitions(db, campaign.id, unitId);
	const unmet = checklist.filter((criterion) => !criterion.met);
	const groups: ChecklistGroup[] = [];
	for (const row of checklist) {
		const last = groups[groups.length - 1];
		if (last?.code === row.groupCode) last.criteria.push(row);
		else
			groups.push({
				code: row.groupCode,
				name_vi: row.groupName_vi,
				name_en: row.groupName_en,
				criteria: [row]
			});
	}
	return {
		// The period under way (not one still planned), else the latest.
		current: history.find((row) => row.periodStatus !== 'planned') ?? history[0] ?? null,
		latest,
		groups,
		missing: {
			criteria: unmet,
			mandatory: unmet.filter((criterion) => criterion.mandatory),
			pointsGap: latest ? Math.max(0, campaign.min_score - (latest.score ?? 0)) : campaign.min_score
		},
		history,
		recognitions,
		standing: recognitions.find((recognition) => recognition.revoked_at === null) ?? null,
		lineage: await loadLineage(db, unitId),
		mergerContext: await findMergerContext(db, campaign.id, unitId)
	};
}

/** Merges, splits, renames and moves keep their history: shown on the unit's page and on its
 * administration page. */
export function loadLineage(db: Db, unitId: number): Promise<Lineage> {
	return findLineage(db, unitId);
}
