// A unit's lineage as its pages tell it: when it was established and retired, what it was formed
// from (merged from whole units, formed from part of one), what it went into (merged into, split
// into), and the renames and moves between its dated versions. Pure: the server reads the rows.

/** A unit another one is linked to, with the address segment its pages use. */
export interface LinkedUnit {
	code: string;
	name: string;
	/** `code`, or `code@yyyy-mm-dd` for a unit that no longer holds its code. */
	ref: string;
}

/** One dated state of the unit (a row of unit_versions), oldest first. */
export interface VersionRow {
	valid_from: string;
	code: string;
	name: string;
	kind: string;
	parent: LinkedUnit | null;
}

/** A unit_links row seen from the unit: the other unit, the day, and whether it was whole. */
export interface LinkRow {
	unit: LinkedUnit;
	effective_on: string;
	part: 'full' | 'partial';
}

export type LineageEvent =
	| { type: 'established'; date: string }
	| { type: 'retired'; date: string }
	| { type: 'merged_from' | 'formed_from_part_of'; date: string; units: LinkedUnit[] }
	| { type: 'merged_into' | 'split_into'; date: string; units: LinkedUnit[] }
	| { type: 'renamed'; date: string; from: string; to: string }
	| { type: 'recoded'; date: string; from: string; to: string }
	| { type: 'kind_changed'; date: string; from: string; to: string }
	| { type: 'moved'; date: string; from: LinkedUnit | null; to: LinkedUnit | null };

/** Days before every dated change and after every end: not shown as dates. */
const OPEN_DAYS = new Set(['-infinity', 'infinity']);

/** The changes between consecutive versions, each dated the day the later one took effect. */
export function versionChanges(versions: readonly VersionRow[]): LineageEvent[] {
	const events: LineageEvent[] = [];
	for (let i = 1; i < versions.length; i++) {
		const [before, after] = [versions[i - 1], versions[i]];
		const date = after.valid_from;
		if (before.name !== after.name)
			events.push({ type: 'renamed', date, from: before.name, to: after.name });
		if (before.code !== after.code)
			events.push({ type: 'recoded', date, from: before.code, to: after.code });
		if (before.kind !== after.kind)
			events.push({ type: 'kind_changed', date, from: before.kind, to: after.kind });
		if ((before.parent?.ref ?? null) !== (after.parent?.ref ?? null))
			events.push({ type: 'moved', date, from: before.parent, to: after.parent });
	}
	return events;
}

/** Links grouped by day and type: three wards merged on one day are one event. */
function groupLinks(
	links: readonly LinkRow[],
	types: { full: LineageEvent['type']; partial: LineageEvent['type'] }
): LineageEvent[] {
	const groups = new Map<string, LineageEvent & { units: LinkedUnit[] }>();
	for (const link of links) {
		const type = types[link.part];
		const key = `${link.effective_on}|${type}`;
		const group = groups.get(key);
		if (group) group.units.push(link.unit);
		else
			groups.set(key, {
				type,
				date: link.effective_on,
				units: [link.unit]
			} as LineageEvent & { units: LinkedUnit[] });
	}
	return [...groups.values()];
}

/**
 * The unit's whole lineage, oldest first: established, formed from, renamed and moved, merged or
 * split into, retired. On one day, what formed it comes before it exists, and its end after.
 */
export function buildLineage(input: {
	established_on: string | null;
	retired_on: string | null;
	versions: readonly VersionRow[];
	predecessors: readonly LinkRow[];
	successors: readonly LinkRow[];
}): LineageEvent[] {
	const events: LineageEvent[] = [
		...groupLinks(input.predecessors, { full: 'merged_from', partial: 'formed_from_part_of' }),
		...(input.established_on && !OPEN_DAYS.has(input.established_on)
			? [{ type: 'established' as const, date: input.established_on }]
			: []),
		...versionChanges(input.versions),
		...groupLinks(input.successors, { full: 'merged_into', partial: 'split_into' }),
		...(input.retired_on ? [{ type: 'retired' as const, date: input.retired_on }] : [])
	];
	// A stable sort keeps the order above among events of the same day.
	return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The day before `date` (yyyy-mm-dd): a holder's last day, what a predecessor was on the eve. */
export function dayBefore(date: string): string {
	const day = new Date(`${date}T00:00:00Z`);
	day.setUTCDate(day.getUTCDate() - 1);
	return day.toISOString().slice(0, 10);
}
