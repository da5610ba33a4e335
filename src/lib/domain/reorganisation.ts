// A reorganisation file, without I/O: read a mapping (new unit ← old units, full or partial, the
// format of reorganisation-2025-07-01.csv) or a changes file (renamed, moved, retired, the format of
// changes-2025-01-01.csv), check every row against the structure in force the day before the
// effective date, and say what applying it does: units created, merged, split, renamed, moved,
// retired, parents left empty, units hanging under a disappearing unit and where they go, users
// whose scope unit disappears, and units entering or leaving a campaign by their kind.
// Reading the file: ./reorganisation-file.ts; the plan's shape: ./reorganisation-types.ts; checking
// the rows: ./reorganisation-rows.ts; consequences beyond them: ./reorganisation-consequences.ts.
export * from './reorganisation-file';
export * from './reorganisation-types';
export { groupHanging } from './reorganisation-consequences';
import type { ParsedReorganisation } from './reorganisation-file';
import {
	carriedChangedLater,
	findEmptied,
	planCampaigns,
	planUsers
} from './reorganisation-consequences';
import { draftChanges, draftMapping, label } from './reorganisation-rows';
import type {
	HangingUnit,
	MovedUnit,
	PlanContext,
	ReorganisationCounts,
	ReorganisationPlan,
	SnapshotUnit,
	UnitLabel
} from './reorganisation-types';
import { isIsoDate } from './periods';

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
	/** Why the units under a disappearing unit go where they go (see HangingUnit). */
	const followsOf = (unit: SnapshotUnit): HangingUnit['follows'] => {
		const leaving = draft.leaving.get(unit.code);
		if (leaving?.successor) return 'successor';
		return leaving?.splitInto?.length ? 'first_of_split' : 'parent';
	};
	/** Where the units under a disappearing unit go: its full successor, else the first unit it
	 * splits into, else its parent's place. */
	const homeOf = (unit: SnapshotUnit): UnitLabel => {
		const leaving = draft.leaving.get(unit.code);
		const successor = leaving?.successor ?? leaving?.splitInto?.[0];
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
		hanging.push({
			...label(unit),
			kind: unit.kind,
			from: label(parent),
			to: homeOf(parent),
			follows: followsOf(parent)
		});
	}
	const moved: MovedUnit[] = [];
	for (const [code, parentCode] of draft.placed) {
		const unit = byCode.get(code);
		const parent = unit?.parentId == null ? undefined : byId.get(unit.parentId);
		// The same parent code is another parent when the old one leaves and a new unit takes it.
		if (!unit || (parent?.code === parentCode && !draft.leaving.has(parentCode))) continue;
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
		errors: [
			...draft.errors,
			...users.errors,
			...carriedChangedLater(context, mentioned, [...hanging, ...moved])
		].sort((a, b) => a.line - b.line),
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

/**
 * The new units in an order they can be created in: a unit placed under another new unit of the
 * file after it. The rows checked that such chains end outside the file.
 */
export function parentsFirst<Unit extends { code: string; parentCode: string }>(
	created: readonly Unit[]
): Unit[] {
	const byCode = new Map(created.map((unit) => [unit.code, unit]));
	const depth = (unit: Unit, steps = 0): number => {
		const parent = byCode.get(unit.parentCode);
		return parent && steps < created.length ? 1 + depth(parent, steps + 1) : 0;
	};
	return [...created].sort((a, b) => depth(a) - depth(b));
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

/** The effective date's problem, when it is not a date. */
export function effectiveDateProblem(date: string): 'date_invalid' | null {
	return isIsoDate(date) ? null : 'date_invalid';
}
