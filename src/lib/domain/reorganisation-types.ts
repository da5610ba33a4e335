// The plan of a reorganisation, as ./reorganisation.ts computes it and the preview shows it: the
// structure it starts from (the units in force the day before), and each consequence row by row.
import type { ReorganisationFormat, RowProblem } from './reorganisation-file';

/** A unit in force the day before the effective date, as the plan sees it. */
export interface SnapshotUnit {
	id: number;
	code: string;
	name: string;
	typeVi: string;
	kind: string;
	parentId: number | null;
	path: string;
	level: number;
	/** Still active now (not retired since). */
	active: boolean;
	/** Has a version starting on or after the effective date. */
	changedLater: boolean;
}

export interface PlanContext {
	effectiveOn: string;
	/** The units in force the day before the effective date. */
	units: readonly SnapshotUnit[];
	/** Codes held by active units now, with the holder's id. */
	activeCodes: ReadonlyMap<string, number>;
	/** The actor's scope: every unit the file touches must lie in it. */
	scopePath: string;
	users: readonly { username: string; role: string; unitId: number }[];
	campaigns: readonly { code: string; appliesTo: readonly string[] }[];
	/** Scopes the administrator gives to users whose unit disappears with no single successor. */
	scopes: Readonly<Record<string, { unitCode: string; areaCode?: string }>>;
	/** The area references ('SET/AREA') that exist. */
	areaRefs: ReadonlySet<string>;
}

export interface UnitLabel {
	code: string;
	name: string;
}
export interface CreatedUnit extends UnitLabel {
	typeVi: string;
	kind: string;
	parentCode: string;
	from: (UnitLabel & { part: 'full' | 'partial' })[];
}
export interface RenamedUnit {
	code: string;
	before: { name: string; typeVi: string; kind: string };
	after: { name: string; typeVi: string; kind: string };
}
export interface MovedUnit extends UnitLabel {
	parentBefore: UnitLabel | null;
	parentAfter: UnitLabel;
}
/** A unit the file does not list under a unit that disappears (a school under a merged commune). */
export interface HangingUnit extends UnitLabel {
	kind: string;
	from: UnitLabel;
	to: UnitLabel;
	/**
	 * Why `to`: the full successor of `from`; the first unit `from` splits into, as the file lists
	 * them; or, for a unit retired or emptied with no successor, the place of its parent.
	 */
	follows: 'successor' | 'first_of_split' | 'parent';
}
/** Hanging units counted by where they go: what the preview and the summary say in a sentence. */
export interface HangingGroup {
	to: UnitLabel;
	follows: HangingUnit['follows'];
	/** The unit split, when they go to its first successor; else null. */
	split: UnitLabel | null;
	count: number;
}
export interface UserScopeChange {
	username: string;
	role: string;
	from: UnitLabel;
	/** The single full successor, or the scope the administrator gave; null: still to give. */
	to: UnitLabel | null;
	area: string | null;
	given: boolean;
}
export interface CampaignChange extends UnitLabel {
	kindBefore: string;
	kindAfter: string;
	joins: string[];
	leaves: string[];
}
export interface PlannedAssessment {
	id: number;
	unitCode: string;
	campaignCode: string;
	periodLabel: string;
	status: string;
}

export interface ReorganisationCounts {
	created: number;
	merged: number;
	split: number;
	renamed: number;
	kindChanged: number;
	moved: number;
	retired: number;
	emptied: number;
	hanging: number;
	users: number;
	usersWithoutScope: number;
	assessments: number;
	campaigns: number;
	errors: number;
}

export interface ReorganisationPlan {
	format: ReorganisationFormat;
	fileName: string;
	effectiveOn: string;
	sha256: string;
	/** Set when this file was already applied on this date: nothing more to do. */
	applied: { id: number; appliedAt: string; counts: Partial<ReorganisationCounts> } | null;
	errors: RowProblem[];
	created: CreatedUnit[];
	/** Old units merged in full into a new unit. */
	merged: (UnitLabel & { into: UnitLabel })[];
	split: (UnitLabel & { into: UnitLabel[] })[];
	renamed: RenamedUnit[];
	moved: MovedUnit[];
	/** Retired with no recorded successor (a changes file). */
	retired: UnitLabel[];
	/** Parents whose units all leave: retired the same day. */
	emptied: UnitLabel[];
	hanging: HangingUnit[];
	users: UserScopeChange[];
	assessments: PlannedAssessment[];
	campaigns: CampaignChange[];
	counts: ReorganisationCounts;
}
