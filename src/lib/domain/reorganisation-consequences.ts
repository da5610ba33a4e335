// What a reorganisation does beyond the rows of its file: parents left empty, units hanging under a
// disappearing unit counted by where they go, users whose scope unit disappears, and units whose
// new kind brings them into or out of a campaign.
import { displayDate, HANGING_KINDS, type RowProblem } from './reorganisation-file';
import { type Draft, label } from './reorganisation-rows';
import type {
	CampaignChange,
	HangingGroup,
	HangingUnit,
	PlanContext,
	SnapshotUnit,
	UnitLabel,
	UserScopeChange
} from './reorganisation-types';

/** Parents whose listed units all leave, deepest first: retired the same day. */
export function findEmptied(
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
		if (parentCode === undefined) return false;
		return parentCode !== byId.get(unit.parentId ?? -1)?.code || draft.leaving.has(parentCode);
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
 * The hanging units counted by where they go, in the order they first appear: "3 đơn vị trực
 * thuộc chuyển theo Phường Thành Vinh". Those going to the first unit of a split are counted
 * apart, by the unit split, since the preview says the file could place them otherwise.
 */
export function groupHanging(hanging: readonly HangingUnit[]): HangingGroup[] {
	const groups = new Map<string, HangingGroup>();
	for (const unit of hanging) {
		const split = unit.follows === 'first_of_split' ? unit.from : null;
		const key = `${unit.to.code}\u0000${unit.follows}\u0000${split?.code ?? ''}`;
		const group = groups.get(key);
		if (group) group.count += 1;
		else groups.set(key, { to: unit.to, follows: unit.follows, split, count: 1 });
	}
	return [...groups.values()];
}

/**
 * Units the file does not list that move with a unit that does (a school under a moved or merged
 * commune) and already have a change on or after the date: their history is written in date
 * order, so the file is refused until the later change is undone or this one dated after it.
 */
export function carriedChangedLater(
	context: PlanContext,
	mentioned: ReadonlySet<string>,
	carriers: readonly { code: string }[]
): RowProblem[] {
	const paths = carriers
		.map((carrier) => context.units.find((unit) => unit.code === carrier.code)?.path)
		.filter((path): path is string => path !== undefined);
	return context.units
		.filter(
			(unit) =>
				unit.changedLater &&
				!mentioned.has(unit.code) &&
				paths.some((path) => unit.path.startsWith(path))
		)
		.map((unit) => ({
			line: 0,
			code: unit.code,
			problem: 'below_changed_later' as const,
			detail: { date: displayDate(context.effectiveOn) }
		}));
}

/** Users whose scope unit disappears: to its single full successor, or the scope given. */
export function planUsers(
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
export function planCampaigns(
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
