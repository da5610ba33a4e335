// The rows of a reorganisation file, checked against the structure of the day before and sorted
// into a draft: units created, renamed or re-kinded, placed (continuing, perhaps under a new parent)
// and leaving (merged, split or retired); every row refused with its reason.
import {
	type ChangeRow,
	dayBefore,
	displayDate,
	type MappingRow,
	type ReorganisationRowProblem,
	type RowProblem,
	typeOfName,
	CHANGES
} from './reorganisation-file';
import type {
	CreatedUnit,
	PlanContext,
	RenamedUnit,
	SnapshotUnit,
	UnitLabel
} from './reorganisation-types';
import { cleanText, isUnitKind } from './unit-rules';

/** A unit's name, type and kind, before or after the change. */
type Naming = { name: string; typeVi: string; kind: string };

export interface Draft {
	errors: RowProblem[];
	created: CreatedUnit[];
	renamed: RenamedUnit[];
	/** Continuing units and the parent code they go under. */
	placed: Map<string, string>;
	/** Old codes retiring: with their full successor's code, or null. */
	leaving: Map<string, { successor: string | null; splitInto?: string[] }>;
}

export const label = (unit: { code: string; name: string }): UnitLabel => ({
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

/** An empty draft, and its refusal of a row: the row's line, the code it is about, the problem. */
function startDraft<Row extends { line: number }>(codeOf: (row: Row) => string) {
	const draft: Draft = {
		errors: [],
		created: [],
		renamed: [],
		placed: new Map(),
		leaving: new Map()
	};
	const refuse = (row: Row, problem: ReorganisationRowProblem, detail?: Record<string, string>) =>
		draft.errors.push({
			line: row.line,
			code: codeOf(row),
			problem,
			...(detail ? { detail } : {})
		});
	return { draft, refuse };
}

/** The mapping's rows, grouped by new unit and checked; what each old unit becomes. */
export function draftMapping(
	rows: readonly MappingRow[],
	context: PlanContext,
	byCode: Map<string, SnapshotUnit>,
	root: SnapshotUnit | undefined
): Draft {
	const { draft, refuse } = startDraft((row: MappingRow) => row.oldCode || row.newCode);
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
	for (const [, [first]] of groups) {
		if (first.newParentCode && !parentExists(first.newParentCode, groups, byCode, draft)) {
			refuse(first, 'parent_not_found', { code: first.newParentCode });
		}
	}
	return draft;
}

/**
 * Whether a new parent code names a unit in force after the change: a unit of the file (new or
 * continuing: a school of a split commune may go under its second successor), or an active unit
 * the file does not retire. A chain of new units under one another must end outside the file.
 */
function parentExists(
	code: string,
	groups: Map<string, MappingRow[]>,
	byCode: Map<string, SnapshotUnit>,
	draft: Draft
): boolean {
	const seen = new Set<string>();
	let current = code;
	while (groups.has(current)) {
		if (seen.has(current)) return false;
		seen.add(current);
		const next = groups.get(current)![0].newParentCode;
		if (!next) return true;
		current = next;
	}
	return Boolean(byCode.get(current)?.active) && !draft.leaving.has(current);
}

function differs(before: Naming, after: Naming) {
	return before.name !== after.name || before.typeVi !== after.typeVi || before.kind !== after.kind;
}

/** The changes file's rows, checked: renamed, moved, retired. */
export function draftChanges(
	rows: readonly ChangeRow[],
	context: PlanContext,
	byCode: Map<string, SnapshotUnit>,
	byId: Map<number, SnapshotUnit>
): Draft {
	const { draft, refuse } = startDraft((row: ChangeRow) => row.code);
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
