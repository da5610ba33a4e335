// What the dashboards, the report, the exports and a unit's page receive: the read model the
// server builds (src/lib/server/dashboard) and the pages and components show. Pure types.
import type { Audience, Block } from '../domain/audiences';
import type { DataLevel } from '../domain/data-level';
import type { Pace, PaceStatus } from '../domain/pace';
import type { Comparator, CriterionType, Rating } from '../domain/scoring';
import type { TrendBreak } from '../domain/trend-breaks';
import type { AssessmentStatus, PeriodStatus } from '../domain/vocabulary';
import type { LineageEvent, LinkedUnit } from '../domain/lineage';

/** Names in both languages, as `localized(thing, 'name')` reads them. */
interface Named {
	name_vi: string;
	name_en: string;
}

/** The figures of one child of a dashboard's unit (a district, a commune), or of them all. */
export interface GroupFigures {
	/** null for the total row. */
	code: string | null;
	name: string | null;
	/** A child of the root: its address segment in the period (`unitRefSegment`); null for areas. */
	ref: string | null;
	/** The boundary features the group is drawn with on the map. */
	mapCodes: string[] | null;
	units: number;
	recognised: number;
	awaiting: number;
	/** Assessments of the period the data level counts, and their average score. */
	assessed: number;
	averageScore: number | null;
	/** Units per workflow status in the period; `notStarted` have no assessment. */
	notStarted: number;
	draft: number;
	submitted: number;
	verified: number;
	approved: number;
}

/** A row of the districts' table and charts. */
export interface GroupRow extends GroupFigures {
	code: string;
	name: string;
	/** The units the data level counts as recognised, and their share of the units. */
	counted: number;
	share: number;
	pace: PaceStatus;
	/** Whether the district meets the campaign's district rule; null when it has none. */
	districtMet: boolean | null;
}

/** The total row: the whole dashboard's figures, its pace and this year's target. */
export interface TotalRow extends GroupFigures {
	counted: number;
	share: number;
	pace: Pace;
	target: YearTarget | null;
}

export interface YearTarget {
	year: number;
	share: number;
	/** How far the counted share is below the year's target, in share and in units. */
	gapShare: number;
	gapUnits: number;
}

/** A unit's assessment of a period; all null when it has none. */
interface AssessmentFigures {
	status: AssessmentStatus | null;
	score: number | null;
	metCount: number | null;
	criteriaCount: number | null;
	mandatoryMet: boolean | null;
	eligible: boolean | null;
	updatedAt: Date | null;
}

/**
 * One unit of the subtree in the period, as its figures are read from the database: its
 * assessment whatever the status, with the score and counts only where the data level counts it.
 */
export interface UnitFigures extends AssessmentFigures {
	code: string;
	/** Its name then, and its address segment (`code`, or `code@day` for an earlier holder). */
	name: string;
	ref: string;
	/** The child of the root the unit sits under (itself when it is a child). */
	groupCode: string;
	/** Its kind on the period's last day: the audience whose criteria set scores it. */
	kind: string;
	recognised: boolean;
	/** The counted score of the baseline period, and that period's end. */
	baselineScore: number | null;
	baselineEndsOn: string | null;
	/** A unit formed from others: how many, and how many of them were recognised the day before. */
	formedFrom: { predecessors: number; recognised: number } | null;
}

/** A row of a district's units table: the unit, its pace and its share per criteria group. */
export interface UnitRow extends UnitFigures {
	groupName: string;
	audience: Audience;
	pace: PaceStatus;
	/** Share of each criteria group's points earned, by group code. */
	groups: Record<string, number>;
}

export interface CriteriaGroupColumn extends Named {
	code: string;
	/** The audience whose set of the period the group belongs to. */
	audience: Audience;
}

export interface UnitsTable {
	/** The criteria groups of the period's sets, audience by audience: the heat map's columns. */
	columns: CriteriaGroupColumn[];
	rows: UnitRow[];
}

/** The recognised share at the end of a period against the roadmap's share then. */
export interface TrendPoint {
	label: string;
	endsOn: string;
	/** null for the periods after the one shown and those not created yet. */
	share: number | null;
	roadmap: number | null;
	/** The units in force at the period's end: its own denominator; null for periods not shown. */
	units: number | null;
}

/** A criterion of an audience's set of the period, with how often the counted assessments met it. */
export interface CriterionRate {
	audience: Audience;
	code: string;
	title_vi: string;
	title_en: string;
	mandatory: boolean;
	assessed: number;
	met: number;
}

export interface WeakCriterion extends CriterionRate {
	rate: number;
}

export interface RiskUnit {
	code: string;
	ref: string;
	name: string;
	groupName: string;
	score: number | null;
	baselineScore: number | null;
	status: PaceStatus;
	ratio: number | null;
}

export interface AtRiskList {
	count: number;
	/** Unrecognised units without a counted score to judge. */
	noData: number;
	/** All of them on a district's dashboard; the first few on a dashboard of districts. */
	units: RiskUnit[];
}

export interface MapShape {
	/** The group's code, or the boundary feature's when no group is drawn with it. */
	code: string;
	/** Whether a group of the dashboard is drawn with this shape. */
	grouped: boolean;
	name: string;
	/** SVG path data in the map's viewBox. */
	d: string;
	/** Where a label sits: the shape's centroid. */
	x: number;
	y: number;
}

export interface DistrictMap {
	width: number;
	height: number;
	shapes: MapShape[];
}

/** The block a dashboard counts, and the blocks of the campaign (the filter shows with two). */
export interface DashboardBlocks {
	/** null: the units of every block together. */
	current: Block | null;
	choices: Block[];
}

export interface Figures {
	/** 'units' when the root's children are themselves assessed (a district's communes). */
	mode: 'units' | 'groups';
	total: TotalRow;
	groups: GroupRow[];
	trend: TrendPoint[];
	/** The criteria met least often, audience by audience: each set's own list, in AUDIENCES order. */
	weakest: WeakCriterion[];
	atRisk: AtRiskList;
	map: DistrictMap | null;
	/** Every unit with its figures: a district's dashboard, and every export. */
	units: UnitsTable | null;
	/** Where the trend crosses a change of the structure, up to the period shown. */
	breaks: TrendBreak[];
}

/** How a dashboard groups its units: the tree's children, or the areas of a reporting area set. */
export interface DashboardGrouping {
	/** 'tree', or the code of the area set whose areas are the rows. */
	by: string;
	/** The area sets valid at the period's end: the choices beside the tree. */
	sets: (Named & { code: string })[];
	/** The area the dashboard is narrowed to (its units, and those that became them), if any. */
	area: { set: string; code: string; name: string; setNames: Named } | null;
	/** The user is scoped to that area: the grouping cannot be changed. */
	locked: boolean;
}

export interface DashboardCampaign extends Named {
	code: string;
	target_date: string;
	target_share: number;
	min_score: number;
	district_min_share: number | null;
}

interface DashboardHead {
	campaign: DashboardCampaign;
	campaigns: (Named & { code: string })[];
	periods: { label: string; status: PeriodStatus }[];
	level: DataLevel;
	root: { code: string; name: string };
	grouping: DashboardGrouping | null;
	blocks: DashboardBlocks;
}

export interface DashboardPeriod {
	label: string;
	status: PeriodStatus;
	endsOn: string;
	/** The day pace is measured to: the period's end, or today while it runs. */
	asOf: string;
	/**
	 * Set when the address named no period and the dashboard opened on this one rather than the
	 * open period, where fewer than half of the units have sent their work (domain/first-look.ts).
	 */
	firstLook: FirstLook | null;
}

/** How far the shown period's work and the open period's went: units that sent, of all. */
export interface FirstLook {
	sent: number;
	units: number;
	open: { label: string; sent: number; units: number };
}

/** A dashboard of one unit's children; without figures while the campaign has no period. */
export type DashboardData = DashboardHead &
	({ period: null; figures: null } | { period: DashboardPeriod; figures: Figures });

/** A link up the unit tree; only the units the user may open are links. */
export interface Breadcrumb {
	code: string;
	name: string;
	linked: boolean;
}

/** A unit's assessment of one period, or the period alone when it has none. */
export interface HistoryRow extends AssessmentFigures {
	label: string;
	periodStatus: PeriodStatus;
	closesAt: Date;
	assessmentId: number | null;
	/** The unit's name on the period's last day; null when it was not in force then. */
	nameThen: string | null;
	/** The period names a criteria set for the unit's kind: it can be assessed in it. */
	hasSet: boolean;
}

/** A criterion of the latest assessment with its target, the value entered and whether it met. */
export interface ChecklistRow {
	groupCode: string;
	groupName_vi: string;
	groupName_en: string;
	code: string;
	title_vi: string;
	title_en: string;
	type: CriterionType;
	comparator: Comparator | null;
	targetNumber: number | null;
	targetRating: Rating | null;
	points: number;
	mandatory: boolean;
	valueBoolean: boolean | null;
	valueNumber: number | null;
	valueRating: Rating | null;
	met: boolean;
}

export interface ChecklistGroup extends Named {
	code: string;
	criteria: ChecklistRow[];
}

export interface RecognitionEntry {
	decision_number: string;
	decision_date: string;
	revoked_at: Date | null;
	revoke_reason: string | null;
}

/** Merges keep their history: the unit this one was merged into, and the units merged into it. */
export interface Lineage {
	retiredOn: string | null;
	mergedInto: { code: string; name: string; date: string } | null;
	predecessors: { code: string; name: string; date: string | null }[];
	/** Everything that happened to the unit, oldest first (src/lib/domain/lineage.ts). */
	events: LineageEvent[];
	/** The units it went into, in full or in part, when it retired: where its page sends readers. */
	successors: LinkedUnit[];
}

/** A commune-level unit's standing in one campaign. */
export interface UnitStanding {
	/** The period under way (not one still planned), else the latest. */
	current: HistoryRow | null;
	/** The latest period with an assessment. */
	latest: HistoryRow | null;
	/** The latest assessment's checklist, by criteria group. */
	groups: ChecklistGroup[];
	/** What the latest assessment still misses for recognition. */
	missing: { criteria: ChecklistRow[]; mandatory: ChecklistRow[]; pointsGap: number };
	/** Every period, latest first. */
	history: HistoryRow[];
	recognitions: RecognitionEntry[];
	/** The recognition in force, if any. */
	standing: RecognitionEntry | null;
	lineage: Lineage;
	/** For a unit formed by a merger: its predecessors recognised on the eve, as context only. */
	mergerContext: MergerContext | null;
}

/** How many of a merged unit's predecessors had a recognition in force the day before it formed. */
export interface MergerContext {
	formedOn: string;
	predecessors: number;
	recognised: LinkedUnit[];
}

/** A retired unit above assessed units: its dashboard explains why later periods are empty. */
export interface RetiredRoot {
	on: string;
	lastPeriod: string | null;
}

/** A unit's page: a dashboard of its children, or, for a unit the campaign applies to, its own. */
export type UnitPageData =
	| {
			view: 'dashboard';
			breadcrumbs: Breadcrumb[];
			dashboard: DashboardData;
			/** A retired unit: the day it retired and the last period it lived through. */
			retired: RetiredRoot | null;
	  }
	| {
			view: 'unit';
			breadcrumbs: Breadcrumb[];
			/** `ref` is the unit's address segment (`code@day` for a retired holder of a reused code). */
			unit: { code: string; name: string; ref: string; retiredOn: string | null };
			/** The campaigns that apply to the unit's kind: its page switches between them. */
			campaigns: (Named & { code: string })[];
			campaign: Named & { code: string; min_score: number };
			/** The user may open a new assessment of the current period (its officers, while open). */
			mayStartAssessment: boolean;
			standing: UnitStanding;
	  };
