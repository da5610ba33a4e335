// A reorganisation file, without I/O: read a mapping (new unit ← old units, full or partial, the
// format of reorganisation-2025-07-01.csv) or a changes file (renamed, moved, retired, the format of
// changes-2025-01-01.csv), check every row against the structure in force the day before the
// effective date, and say what applying it does: units created, merged, split, renamed, moved,
// retired, parents left empty, units hanging under a disappearing unit and where they go, users
// whose scope unit disappears, and units entering or leaving a campaign by their kind.
export * from './reorganisation-file';
import {
	type ChangeRow,
	dayBefore,
	displayDate,
	type MappingRow,
	type ParsedReorganisation,
	type ReorganisationFormat,
	type ReorganisationRowProblem,
	type RowProblem,
	typeOfName,
	CHANGES,
	HANGING_KINDS
} from './reorganisation-file';
import { isIsoDate } from './periods';
import { cleanText, isUnitKind } from './unit-rules';

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
export interface HangingUnit extends UnitLabel {
	kind: string;
	from: UnitLabel;
	to: UnitLabel;
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

/** What the plan's writer needs beyond the rows shown: units by code on the day before. */
type Naming = { name: string; typeVi: string; kind: string };

interface Draft {
	errors: RowProblem[];
	created: CreatedUnit[];
	renamed: RenamedUnit[];
	/** Continuing units and the parent code they go under. */
	placed: Map<string, string>;
	/** Old codes retiring: with their full successor's code, or null. */
	leaving: Map<string, { successor: string | null; splitInto?: string[] }>;
}

const label = (unit: { code: string; name: string }): UnitLabel => ({
	code: unit.code,
	name: unit.name
});

/** Names compared as written, spaces and Unicode form aside. */
const sameName = (a: string, b: string) => cleanText(a) === cleanText(b);

/** The checks every old unit of either format passes: in force, still active, unchanged since. */
function oldUnitProblem(
	unit: SnapshotUnit | undefined,
	context: PlanContext
): Pick<RowProblem, 'problem' | 'detail'> | null {
	if (!unit || !unit.active) {
		return {
			problem: 'old_not_active',
			detail: { date: displayDate(dayBefore(context.effectiveOn)) }
		};
	}
	if (!unit.path.startsWith(context.scopePath)) return { problem: 'out_of_scope' };
	if (unit.changedLater)
		return { problem: 'changed_later', detail: { date: displayDate(context.effectiveOn) } };
	return null;
}

/** The mapping's rows, grouped by new unit and checked; what each old unit becomes. */
function draftMapping(
	rows: readonly MappingRow[],
	context: PlanContext,
	byCode: Map<string, SnapshotUnit>,
	root: SnapshotUnit | undefined
): Draft {
	const draft: Draft = {
		errors: [],
		created: [],
		renamed: [],
		placed: new Map(),
		leaving: new Map()
	};
	const refuse = (
		row: MappingRow,
		problem: ReorganisationRowProblem,
		detail?: Record<string, string>
	) =>
		draft.errors.push({
			line: row.line,
			code: row.oldCode || row.newCode,
			problem,
			...(detail ? { detail } : {})
		});
	const groups = new Map<string, MappingRow[]>();
	const seen = new Set<string>();
	const oldParts = new Map<string, MappingRow[]>();
	for (const row of rows) {
		const missing = (['newCode', 'newName', 'newKind', 'oldCode', 'part'] as const).find(
			(key) => !row[key]
		);
		if (missing) {
			refuse(row, 'field_missing', {
				column: missing.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
			});
			continue;
		}
		if (row.part !== 'full' && row.part !== 'partial')
			refuse(row, 'part_invalid', { part: row.part });
		if (!isUnitKind(row.newKind)) refuse(row, 'kind_unknown', { kind: row.newKind });
		const key = `${row.newCode}\u0000${row.oldCode}`;
		if (seen.has(key)) {
			refuse(row, 'row_duplicate');
			continue;
		}
		seen.add(key);
		const first = groups.get(row.newCode)?.[0];
		if (
			first &&
			(first.newName !== row.newName ||
				first.newKind !== row.newKind ||
				first.newTypeVi !== row.newTypeVi ||
				first.newParentCode !== row.newParentCode)
		) {
			refuse(row, 'new_inconsistent', { line: String(first.line) });
		}
		groups.set(row.newCode, [...(groups.get(row.newCode) ?? []), row]);
		oldParts.set(row.oldCode, [...(oldParts.get(row.oldCode) ?? []), row]);
		const unit = byCode.get(row.oldCode);
		const fault = oldUnitProblem(unit, context);
		if (fault) refuse(row, fault.problem, fault.detail);
		else if (unit && !sameName(unit.name, row.oldName))
			refuse(row, 'old_name_mismatch', { expected: unit.name });
	}
	for (const [oldCode, parts] of oldParts) {
		const full = parts.filter((row) => row.part === 'full');
		if (full.length > 0 && parts.length > 1) {
			refuse(parts[1], 'full_in_two', { codes: parts.map((row) => row.newCode).join(', ') });
		} else if (full.length === 0 && parts.length === 1 && parts[0].part === 'partial') {
			refuse(parts[0], 'partial_in_one', { code: oldCode });
		}
	}
	for (const [newCode, group] of groups) {
		const first = group[0];
		const parentCode = first.newParentCode || root?.code || '';
		if (first.newParentCode && !byCode.get(first.newParentCode)?.active) {
			refuse(first, 'parent_not_found', { code: first.newParentCode });
		}
		const holder = context.activeCodes.get(newCode);
		const own = group.some((row) => byCode.get(row.oldCode)?.id === holder);
		if (holder !== undefined && !own) {
			const held = context.units.find((unit) => unit.id === holder);
			refuse(first, 'code_held', { code: newCode, name: held?.name ?? newCode });
		}
		const continuing = group.length === 1 && first.oldCode === newCode && first.part === 'full';
		if (continuing) {
			const unit = byCode.get(newCode);
			if (!unit) continue;
			const after = {
				name: first.newName,
				typeVi: first.newTypeVi || unit.typeVi,
				kind: first.newKind
			};
			const before = { name: unit.name, typeVi: unit.typeVi, kind: unit.kind };
			if (differs(before, after)) draft.renamed.push({ code: newCode, before, after });
			draft.placed.set(newCode, parentCode);
			continue;
		}
		draft.created.push({
			code: newCode,
			name: first.newName,
			typeVi: first.newTypeVi || typeOfName(first.newName) || '',
			kind: first.newKind,
			parentCode,
			from: group.map((row) => ({
				code: row.oldCode,
				name: byCode.get(row.oldCode)?.name ?? row.oldName,
				part: row.part === 'partial' ? 'partial' : 'full'
			}))
		});
	}
	for (const [oldCode, parts] of oldParts) {
		if (draft.placed.has(oldCode)) continue;
		const partial = parts.every((row) => row.part === 'partial') && parts.length > 1;
		draft.leaving.set(
			oldCode,
			partial
				? { successor: null, splitInto: parts.map((row) => row.newCode) }
				: { successor: parts[0].newCode }
		);
	}
	return draft;
}

function differs(before: Naming, after: Naming) {
	return before.name !== after.name || before.typeVi !== after.typeVi || before.kind !== after.kind;
}

/** The changes file's rows, checked: renamed, moved, retired. */
function draftChanges(
	rows: readonly ChangeRow[],
	context: PlanContext,
	byCode: Map<string, SnapshotUnit>,
	byId: Map<number, SnapshotUnit>
): Draft {
	const draft: Draft = {
		errors: [],
		created: [],
		renamed: [],
		placed: new Map(),
		leaving: new Map()
	};
	const refuse = (
		row: ChangeRow,
		problem: ReorganisationRowProblem,
		detail?: Record<string, string>
	) =>
		draft.errors.push({ line: row.line, code: row.code, problem, ...(detail ? { detail } : {}) });
	const retiring = new Set(rows.filter((row) => row.change === 'retired').map((row) => row.code));
	const seen = new Set<string>();
	for (const row of rows) {
		if (!row.code) {
			refuse(row, 'field_missing', { column: 'code' });
			continue;
		}
		if (seen.has(row.code)) refuse(row, 'row_duplicate');
		seen.add(row.code);
		if (!(CHANGES as readonly string[]).includes(row.change)) {
			refuse(row, 'change_invalid', { change: row.change });
			continue;
		}
		const unit = byCode.get(row.code);
		const fault = oldUnitProblem(unit, context);
		if (fault || !unit) {
			refuse(row, fault?.problem ?? 'old_not_active', fault?.detail);
			continue;
		}
		if (row.nameBefore && !sameName(unit.name, row.nameBefore))
			refuse(row, 'old_name_mismatch', { expected: unit.name });
		const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
		if (row.parentBefore && parent?.code !== row.parentBefore)
			refuse(row, 'parent_mismatch', { expected: parent?.code ?? '' });
		if (row.change === 'retired') {
			draft.leaving.set(row.code, { successor: null });
			continue;
		}
		if (row.change.includes('renamed') && !row.nameAfter)
			refuse(row, 'field_missing', { column: 'name_after' });
		if (row.change.includes('moved') && !row.parentAfter)
			refuse(row, 'field_missing', { column: 'parent_after' });
		if (row.kindAfter && !isUnitKind(row.kindAfter))
			refuse(row, 'kind_unknown', { kind: row.kindAfter });
		const parentAfter = row.parentAfter || parent?.code || '';
		if (
			row.parentAfter &&
			(!byCode.get(row.parentAfter)?.active || retiring.has(row.parentAfter))
		) {
			refuse(row, 'parent_not_found', { code: row.parentAfter });
		}
		const name = row.nameAfter || unit.name;
		const after = {
			name,
			typeVi: row.nameAfter ? (typeOfName(name) ?? unit.typeVi) : unit.typeVi,
			kind: row.kindAfter || unit.kind
		};
		const before = { name: unit.name, typeVi: unit.typeVi, kind: unit.kind };
		if (differs(before, after)) draft.renamed.push({ code: row.code, before, after });
		draft.placed.set(row.code, parentAfter);
	}
	return draft;
}

/** Parents whose listed units all leave, deepest first: retired the same day. */
function findEmptied(
	draft: Draft,
	context: PlanContext,
	byId: Map<number, SnapshotUnit>,
	root: SnapshotUnit | undefined
): SnapshotUnit[] {
	const listedKinds = new Set<string>();
	const mentioned = new Set([...draft.leaving.keys(), ...draft.placed.keys()]);
	for (const code of mentioned) {
		const unit = context.units.find((u) => u.code === code);
		if (unit) listedKinds.add(unit.kind);
	}
	for (const unit of draft.created) listedKinds.add(unit.kind);
	for (const unit of draft.renamed) listedKinds.add(unit.after.kind);
	for (const kind of HANGING_KINDS) listedKinds.delete(kind);
	const leaves = (unit: SnapshotUnit) => {
		if (draft.leaving.has(unit.code)) return true;
		const parentCode = draft.placed.get(unit.code);
		return parentCode !== undefined && parentCode !== byId.get(unit.parentId ?? -1)?.code;
	};
	const emptied = new Set<number>();
	const candidates = new Set<SnapshotUnit>();
	for (const unit of context.units) {
		if (mentioned.has(unit.code) && leaves(unit) && unit.parentId !== null) {
			const parent = byId.get(unit.parentId);
			if (parent) candidates.add(parent);
		}
	}
	const ordered = [...candidates].sort((a, b) => b.level - a.level);
	const result: SnapshotUnit[] = [];
	for (let i = 0; i < ordered.length; i++) {
		const parent = ordered[i];
		if (parent.id === root?.id || mentioned.has(parent.code) || emptied.has(parent.id)) continue;
		const children = context.units.filter((unit) => unit.parentId === parent.id);
		const empty = children.every(
			(child) =>
				leaves(child) ||
				emptied.has(child.id) ||
				(!mentioned.has(child.code) && !listedKinds.has(child.kind))
		);
		if (!empty) continue;
		emptied.add(parent.id);
		result.push(parent);
		const grand = parent.parentId === null ? undefined : byId.get(parent.parentId);
		if (grand && !ordered.includes(grand)) {
			ordered.push(grand);
			ordered.sort((a, b) => b.level - a.level);
			i = -1;
		}
	}
	return result.sort((a, b) => b.level - a.level || a.code.localeCompare(b.code));
}

/**
 * The plan of a parsed file against the structure of the day before the effective date: every
 * consequence row by row with counts, and every refusal with its line. Assessments come from the
 * database (the caller fills them in).
 */
export function planReorganisation(
	parsed: Extract<ParsedReorganisation, { ok: true }>,
	context: PlanContext,
	file: { fileName: string; sha256: string }
): ReorganisationPlan {
	const byCode = new Map(context.units.map((unit) => [unit.code, unit]));
	const byId = new Map(context.units.map((unit) => [unit.id, unit]));
	const firstOld = parsed.format === 'mapping' ? parsed.rows[0]?.oldCode : parsed.rows[0]?.code;
	const rootCode = byCode.get(firstOld ?? '')?.path.split('/')[1] ?? '';
	const root = byCode.get(rootCode);
	const draft =
		parsed.format === 'mapping'
			? draftMapping(parsed.rows, context, byCode, root)
			: draftChanges(parsed.rows, context, byCode, byId);
	const createdByCode = new Map(draft.created.map((unit) => [unit.code, unit]));
	/** A unit after the change: a new one, else one in force now. */
	const nameOf = (code: string): UnitLabel => {
		const unit = createdByCode.get(code) ?? byCode.get(code);
		return { code, name: unit?.name ?? code };
	};
	/** A unit before the change. */
	const oldName = (code: string): UnitLabel => ({ code, name: byCode.get(code)?.name ?? code });
	const emptied = findEmptied(draft, context, byId, root);
	const emptiedIds = new Set(emptied.map((unit) => unit.id));
	const disappearing = (unit: SnapshotUnit) =>
		draft.leaving.has(unit.code) || emptiedIds.has(unit.id);
	/** Where the units under a disappearing unit go: its full successor, else its parent's place. */
	const homeOf = (unit: SnapshotUnit): UnitLabel => {
		const successor = draft.leaving.get(unit.code)?.successor;
		if (successor) return nameOf(successor);
		const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
		if (!parent) return label(unit);
		return disappearing(parent) ? homeOf(parent) : label(parent);
	};
	const mentioned = new Set([...draft.leaving.keys(), ...draft.placed.keys()]);
	const hanging: HangingUnit[] = [];
	for (const unit of context.units) {
		const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
		if (!parent || !disappearing(parent) || mentioned.has(unit.code) || disappearing(unit))
			continue;
		hanging.push({ ...label(unit), kind: unit.kind, from: label(parent), to: homeOf(parent) });
	}
	const moved: MovedUnit[] = [];
	for (const [code, parentCode] of draft.placed) {
		const unit = byCode.get(code);
		const parent = unit?.parentId == null ? undefined : byId.get(unit.parentId);
		if (!unit || parent?.code === parentCode) continue;
		moved.push({
			...label(unit),
			parentBefore: parent ? label(parent) : null,
			parentAfter: nameOf(parentCode)
		});
	}
	const merged = [...draft.leaving]
		.filter(
			([code, leaving]) => leaving.successor && parsed.format === 'mapping' && byCode.has(code)
		)
		.map(([code, leaving]) => ({ ...oldName(code), into: nameOf(leaving.successor!) }));
	const split = [...draft.leaving]
		.filter(([, leaving]) => leaving.splitInto)
		.map(([code, leaving]) => ({ ...oldName(code), into: leaving.splitInto!.map(nameOf) }));
	const retired = [...draft.leaving]
		.filter(([, leaving]) => !leaving.successor && !leaving.splitInto)
		.map(([code]) => oldName(code));
	const users = planUsers(context, draft, byId, disappearing, nameOf);
	const campaigns = planCampaigns(context, draft, byCode);
	const plan: ReorganisationPlan = {
		format: parsed.format,
		fileName: file.fileName,
		effectiveOn: context.effectiveOn,
		sha256: file.sha256,
		applied: null,
		errors: [...draft.errors, ...users.errors].sort((a, b) => a.line - b.line),
		created: draft.created,
		merged,
		split,
		renamed: draft.renamed,
		moved,
		retired,
		emptied: emptied.map(label),
		hanging,
		users: users.changes,
		assessments: [],
		campaigns,
		counts: {} as ReorganisationCounts
	};
	return withCounts(plan);
}

/** The plan's counts, from its rows. */
export function withCounts(plan: ReorganisationPlan): ReorganisationPlan {
	plan.counts = {
		created: plan.created.length,
		merged: plan.merged.length,
		split: plan.split.length,
		renamed: plan.renamed.length,
		kindChanged: plan.renamed.filter((unit) => unit.before.kind !== unit.after.kind).length,
		moved: plan.moved.length,
		retired: plan.retired.length,
		emptied: plan.emptied.length,
		hanging: plan.hanging.length,
		users: plan.users.length,
		usersWithoutScope: plan.users.filter((user) => !user.to).length,
		assessments: plan.assessments.length,
		campaigns: plan.campaigns.length,
		errors: plan.errors.length
	};
	return plan;
}

/** Whether the plan may be applied: no refusal, every orphaned user given a scope. */
export function planIsReady(plan: ReorganisationPlan): boolean {
	return plan.applied === null && plan.counts.errors === 0 && plan.counts.usersWithoutScope === 0;
}

/** Users whose scope unit disappears: to its single full successor, or the scope given. */
function planUsers(
	context: PlanContext,
	draft: Draft,
	byId: Map<number, SnapshotUnit>,
	disappearing: (unit: SnapshotUnit) => boolean,
	nameOf: (code: string) => UnitLabel
): { changes: UserScopeChange[]; errors: RowProblem[] } {
	const changes: UserScopeChange[] = [];
	const errors: RowProblem[] = [];
	const survives = (code: string) => {
		const created = draft.created.some((unit) => unit.code === code);
		const unit = context.units.find((u) => u.code === code && u.active);
		return (
			created ||
			(unit !== undefined && !disappearing(unit) && unit.path.startsWith(context.scopePath))
		);
	};
	for (const user of context.users) {
		const unit = byId.get(user.unitId);
		if (!unit || !disappearing(unit)) continue;
		const successor = draft.leaving.get(unit.code)?.successor ?? null;
		const given = context.scopes[user.username];
		if (given?.unitCode && !survives(given.unitCode)) {
			errors.push({
				line: 0,
				code: user.username,
				problem: 'scope_unit_unknown',
				detail: { code: given.unitCode }
			});
		}
		if (given?.areaCode && !context.areaRefs.has(given.areaCode)) {
			errors.push({
				line: 0,
				code: user.username,
				problem: 'scope_area_unknown',
				detail: { code: given.areaCode }
			});
		}
		const to = given?.unitCode ? nameOf(given.unitCode) : successor ? nameOf(successor) : null;
		changes.push({
			username: user.username,
			role: user.role,
			from: label(unit),
			to,
			area: given?.areaCode || null,
			given: Boolean(given?.unitCode)
		});
	}
	return { changes: changes.sort((a, b) => a.username.localeCompare(b.username)), errors };
}

/** Units whose kind changes, and the campaigns they so join or leave. */
function planCampaigns(
	context: PlanContext,
	draft: Draft,
	byCode: Map<string, SnapshotUnit>
): CampaignChange[] {
	const applying = (kind: string) =>
		context.campaigns.filter((c) => c.appliesTo.includes(kind)).map((c) => c.code);
	const changes: CampaignChange[] = [];
	const compare = (unit: UnitLabel, kindsBefore: string[], kindAfter: string) => {
		const before = new Set(kindsBefore.flatMap(applying));
		const after = applying(kindAfter);
		const joins = after.filter((code) => !before.has(code));
		const leaves = [...before].filter((code) => !after.includes(code));
		if (joins.length + leaves.length === 0) return;
		changes.push({
			...unit,
			kindBefore: [...new Set(kindsBefore)].join(', '),
			kindAfter,
			joins,
			leaves
		});
	};
	for (const unit of draft.renamed) {
		if (unit.before.kind !== unit.after.kind)
			compare({ code: unit.code, name: unit.after.name }, [unit.before.kind], unit.after.kind);
	}
	for (const unit of draft.created) {
		const kinds = unit.from
			.map((from) => byCode.get(from.code)?.kind)
			.filter((kind): kind is string => Boolean(kind));
		compare(label(unit), kinds, unit.kind);
	}
	return changes;
}

/** The effective date's problem, when it is not a date. */
export function effectiveDateProblem(date: string): 'date_invalid' | null {
	return isIsoDate(date) ? null : 'date_invalid';
}
