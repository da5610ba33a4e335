// Assembles the dashboard of one unit's children (the province's districts, a district's units) or
// of the areas of a reporting area set, as the structure stood at the period's end.
import type { Kysely } from 'kysely';
import {
	audienceOf,
	audiencesOf,
	isBlock,
	type Audience,
	type Block
} from '../../domain/audiences';
import { blockView, firstOfEachAudience, structureKinds } from '../../domain/block-view';
import { countedRecognised, parseDataLevel, type DataLevel } from '../../domain/data-level';
import { assessPace, assessUnitPace, isAtRisk, type Pace } from '../../domain/pace';
import { periodsAfter, vnDate } from '../../domain/periods';
import { roadmapFor, roadmapShareAt, yearTarget } from '../../domain/roadmap';
import { listCampaigns, listPeriods, listRoadmap } from '../campaigns/repository';
import { trendBreaks } from '../../domain/trend-breaks';
import { m } from '$lib/paraglide/messages';
import type {
	DashboardData,
	GroupFigures,
	GroupRow,
	RiskUnit,
	TotalRow,
	UnitFigures,
	UnitRow,
	UnitsTable
} from '../../types/dashboard';
import type { Campaign, Database } from '../db/schema';
import { NotFound } from '../failure';
import { firstLookNote, firstLookOf } from './first-look';
import { districtMap } from './map';
import {
	findArea,
	findAreaById,
	hadChildOfKind,
	listAreaSetsOn,
	listReorganisationDays,
	loadCriterionRates,
	loadGroupFigures
} from './repository';
import { loadTrend } from './trend-repository';
import {
	countUnpacedUnits,
	listCriteriaGroups,
	loadGroupScores,
	loadUnitRows
} from './units-repository';

export interface DashboardRoot {
	id: number;
	code: string;
	name: string;
	path: string;
}

export interface DashboardOptions {
	period: string | null;
	level: DataLevel;
	today?: string;
	/** Every unit of the subtree with its figures, even on a dashboard of districts (exports). */
	allUnits?: boolean;
	/** 'tree', or an area set's code; absent: the set when the root's children are assessed. */
	by?: string | null;
	/** One area's dashboard: 'SET/AREA'. */
	area?: string | null;
	/** The area the user is scoped to: the dashboard shows it, whatever the address asks. */
	scopeAreaId?: number | null;
	/** One block's units only ('area' or 'institution'); absent: every block together. */
	block?: Block | null;
}

/** The dashboard's filters from its address: `?period=2026-Q4&level=provisional&by=SET&block=area`. */
export function dashboardOptions(url: URL): DashboardOptions {
	const block = url.searchParams.get('block');
	return {
		period: url.searchParams.get('period'),
		level: parseDataLevel(url.searchParams.get('level')),
		by: url.searchParams.get('by'),
		area: url.searchParams.get('area'),
		block: isBlock(block) ? block : null
	};
}

/** The grouping value that asks for the root's children. */
export const BY_TREE = 'tree';

type Area = NonNullable<Awaited<ReturnType<typeof findAreaById>>>;

/** The area a dashboard is narrowed to: the user's own if scoped, else the one the address names. */
async function narrowedTo(
	db: Kysely<Database>,
	{ area, scopeAreaId }: DashboardOptions
): Promise<Area | null> {
	if (scopeAreaId) return (await findAreaById(db, scopeAreaId)) ?? null;
	if (!area) return null;
	const [setCode, areaCode, ...rest] = area.split('/');
	const found = rest.length === 0 && areaCode ? await findArea(db, setCode, areaCode) : undefined;
	if (!found) throw new NotFound('Area not found');
	return found;
}

/**
 * The area set whose areas are the rows, or null for the root's children: the one asked for if
 * valid at the period's end; by default the first valid one when the root's children are
 * themselves assessed (the province after 01/07/2025 has 130 communes straight under it).
 */
function groupingSet<T extends { code: string }>(
	sets: T[],
	by: string | null | undefined,
	childrenAssessed: boolean
): T | null {
	if (by === BY_TREE) return null;
	const asked = by ? sets.find((set) => set.code === by) : undefined;
	if (asked) return asked;
	return childrenAssessed ? (sets[0] ?? null) : null;
}

/** How many at-risk units and weakest criteria a dashboard of districts lists. */
const LIST_LENGTH = 10;

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * A dashboard of one period: figures by group with the total, the trend on each period's own
 * denominator, the weakest criteria, the units at risk, the map, and every unit on request.
 */
export async function loadDashboard(
	db: Kysely<Database>,
	campaign: Campaign,
	root: DashboardRoot,
	options: DashboardOptions
): Promise<DashboardData> {
	const { period: requestedPeriod, level, today = vnDate(new Date()), allUnits = false } = options;
	const [campaigns, periods, roadmapPoints] = await Promise.all([
		listCampaigns(db),
		listPeriods(db, campaign.id),
		listRoadmap(db, campaign.id)
	]);
	// The area first: a refused address leaves no query of the page running behind it.
	const area = await narrowedTo(db, options);
	const blocks = blockView(campaign.applies_to, options.block);
	const { kinds } = blocks;
	const trendRows = await loadTrend(db, {
		campaignId: campaign.id,
		kinds,
		root,
		areaId: area?.id ?? null
	});
	const period = requestedPeriod
		? periods.find((candidate) => candidate.label === requestedPeriod)
		: firstLookOf(periods, trendRows, today);
	if (requestedPeriod && !period) throw new NotFound('Period not found');
	const head = {
		campaign: {
			code: campaign.code,
			name_vi: campaign.name_vi,
			name_en: campaign.name_en,
			target_date: campaign.target_date,
			target_share: campaign.target_share,
			min_score: campaign.min_score,
			district_min_share: campaign.district_min_share
		},
		campaigns: campaigns.map(({ code, name_vi, name_en }) => ({ code, name_vi, name_en })),
		periods: periods.map(({ label, status }) => ({ label, status })),
		level,
		root: { code: root.code, name: root.name },
		grouping: null,
		blocks: { current: blocks.current, choices: blocks.choices }
	};
	if (!period) return { ...head, period: null, figures: null };

	const [sets, childrenAssessed, reorganised] = await Promise.all([
		listAreaSetsOn(db, period.ends_on),
		hadChildOfKind(db, root.id, structureKinds(campaign.applies_to), period.ends_on),
		listReorganisationDays(db)
	]);
	const set = area ? null : groupingSet(sets, options.by, childrenAssessed);
	const query = {
		campaignId: campaign.id,
		kinds,
		periodId: period.id,
		root,
		level,
		areaSetId: set?.id ?? null,
		areaId: area?.id ?? null
	};
	const grouping = {
		by: set?.code ?? BY_TREE,
		sets: sets.map(({ code, name_vi, name_en }) => ({ code, name_vi, name_en })),
		area: area && {
			set: area.setCode,
			code: area.code,
			name: area.name,
			setNames: { name_vi: area.setName_vi, name_en: area.setName_en }
		},
		locked: !!options.scopeAreaId
	};
	// A district's units are its children, and the page lists them all; a dashboard of districts
	// or areas only needs the units not yet recognised, for the risk list.
	const unitsMode = !set && childrenAssessed;
	const listsUnits = unitsMode || allUnits;
	const [rows, rates, unitRows, unpaced] = await Promise.all([
		loadGroupFigures(db, query),
		loadCriterionRates(db, query),
		loadUnitRows(db, query, { pacedOnly: !listsUnits }),
		// Without the list, only the units whose pace is measured come back: the others are counted.
		listsUnits ? 0 : countUnpacedUnits(db, query)
	]);
	// Pace is measured to the period's end, or to today while the period runs.
	const asOf = period.ends_on < today ? period.ends_on : today;
	// A block's view reads its own targets where the campaign sets them.
	const roadmapOf = (code: string | null) => roadmapFor(roadmapPoints, code, blocks.current);
	const finalShare = (code: string | null) =>
		roadmapOf(code).at(-1)?.share ?? campaign.target_share;
	const paceOf = (row: GroupFigures, code: string | null) =>
		assessPace({
			// Recognitions come from the campaign's own assessments: none predates its start.
			baseline: { date: campaign.start_date, value: 0 },
			current: { date: asOf, value: share(countedRecognised(row, level), row.units) },
			target: { date: campaign.target_date, value: finalShare(code) }
		});

	const groups: GroupRow[] = rows
		// A child with no unit of the campaign's kinds (a district without wards) has nothing to show.
		.filter((row) => row.code !== null && row.units > 0)
		.map((row) => {
			const counted = countedRecognised(row, level);
			const groupShare = share(counted, row.units);
			return {
				...row,
				code: row.code!,
				// The units of the set in no area of it.
				name: row.name ?? m.figures_unassigned(),
				counted,
				share: groupShare,
				pace: paceOf(row, row.code).status,
				districtMet:
					campaign.district_min_share === null ? null : groupShare >= campaign.district_min_share
			};
		});
	const totalRow = rows.find((row) => row.code === null)!;
	const totalCounted = countedRecognised(totalRow, level);
	const totalShare = share(totalCounted, totalRow.units);
	const year = Number(asOf.slice(0, 4));
	const yearShare = yearTarget(roadmapOf(null), year);
	const total: TotalRow = {
		...totalRow,
		counted: totalCounted,
		share: totalShare,
		pace: paceOf(totalRow, null),
		target:
			yearShare === null
				? null
				: {
						year,
						share: yearShare,
						gapShare: Math.max(0, yearShare - totalShare),
						gapUnits: Math.max(0, Math.ceil(yearShare * totalRow.units - 1e-9) - totalCounted)
					}
	};

	const groupOrder = new Map(
		groups.map((row, index) => [row.code, { index, name: row.name }] as const)
	);
	const units = unitRows.map((row) => ({
		...row,
		audience: audienceOf(row.kind),
		groupName: groupOrder.get(row.groupCode)?.name ?? row.name,
		pace: unitPaceOf(row, asOf, campaign)
	}));
	// A listed unit comes in the order of its group (as the groups are listed), then by name.
	if (listsUnits)
		units.sort(
			(a, b) =>
				groupOrder.get(a.groupCode)!.index - groupOrder.get(b.groupCode)!.index ||
				a.name.localeCompare(b.name, 'vi') ||
				a.code.localeCompare(b.code)
		);
	const atRisk = units
		.filter((row) => !row.recognised && isAtRisk(row.pace.status))
		.sort((a, b) => (a.pace.ratio ?? 0) - (b.pace.ratio ?? 0) || (a.score ?? 0) - (b.score ?? 0));

	const shown = trendRows.filter((point) => point.endsOn <= period.ends_on);
	return {
		...head,
		root: area ? { code: area.code, name: area.name } : head.root,
		grouping,
		period: {
			label: period.label,
			status: period.status,
			endsOn: period.ends_on,
			asOf,
			firstLook: requestedPeriod ? null : firstLookNote(period.label, periods, trendRows)
		},
		figures: {
			/** 'units' when the root's children are themselves assessed (a district's communes). */
			mode: unitsMode ? 'units' : 'groups',
			total,
			groups,
			trend: [
				// Up to the period shown: a report on a past period reads the same later on.
				// Each period's share of its own units: those in force at its end.
				...trendRows.map((point) => {
					const past = point.endsOn <= period.ends_on;
					return {
						label: point.label,
						endsOn: point.endsOn,
						share: past ? share(countedRecognised(point, level), point.units) : null,
						units: past ? point.units : null
					};
				}),
				// The roadmap runs on to the target date, past the periods created so far.
				...periodsAfter(trendRows.at(-1)?.label ?? '', campaign.target_date).map((span) => ({
					label: span.label,
					endsOn: span.endsOn,
					share: null,
					units: null
				}))
			].map((point) => ({
				...point,
				roadmap: roadmapShareAt(roadmapOf(null), campaign.start_date, point.endsOn)
			})),
			// Each audience's own list: the first few of its set.
			weakest: firstOfEachAudience(
				rates.filter((rate) => rate.assessed > 0),
				LIST_LENGTH
			).map((rate) => ({ ...rate, rate: share(rate.met, rate.assessed) })),
			atRisk: {
				count: atRisk.length,
				noData:
					unpaced + units.filter((row) => !row.recognised && row.pace.status === 'no_data').length,
				units: (unitsMode ? atRisk : atRisk.slice(0, LIST_LENGTH)).map(summariseRisk)
			},
			map: unitsMode ? null : districtMap(groups),
			units: listsUnits ? await withGroupScores(db, query, units) : null,
			breaks: trendBreaks(shown, reorganised)
		}
	};
}

function unitPaceOf(row: UnitFigures, asOf: string, campaign: Campaign): Pace {
	if (row.recognised)
		return { status: 'met', ratio: null, actualPerYear: null, requiredPerYear: null };
	return assessUnitPace({
		current: row.score === null ? null : { date: asOf, value: row.score },
		baseline:
			row.baselineScore === null || row.baselineEndsOn === null
				? null
				: { date: row.baselineEndsOn, value: row.baselineScore },
		eligible: row.eligible === true,
		minScore: campaign.min_score,
		targetDate: campaign.target_date
	});
}

function summariseRisk(row: UnitFigures & { groupName: string; pace: Pace }): RiskUnit {
	return {
		code: row.code,
		ref: row.ref,
		name: row.name,
		groupName: row.groupName,
		score: row.score,
		baselineScore: row.baselineScore,
		status: row.pace.status,
		ratio: row.pace.ratio
	};
}

/** The units table of a district: each unit with its share of points per criteria group. */
async function withGroupScores(
	db: Kysely<Database>,
	query: Parameters<typeof loadGroupScores>[1],
	units: (UnitFigures & { groupName: string; audience: Audience; pace: Pace })[]
): Promise<UnitsTable> {
	const [scores, columns] = await Promise.all([
		loadGroupScores(db, query),
		listCriteriaGroups(db, query.periodId, audiencesOf(query.kinds))
	]);
	const byUnit = new Map<string, Record<string, number>>();
	for (const score of scores) {
		const shares = byUnit.get(score.unitCode) ?? {};
		shares[score.groupCode] = score.possible > 0 ? score.earned / score.possible : 0;
		byUnit.set(score.unitCode, shares);
	}
	return {
		columns,
		rows: units.map(({ pace, ...row }): UnitRow => ({
			...row,
			pace: pace.status,
			groups: byUnit.get(row.code) ?? {}
		}))
	};
}
