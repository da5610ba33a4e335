// The order tables are restored in: a table after every table it refers to. References of a table
// to itself (a unit's parent) are left to the restore, which lifts them while rows load.

export interface Reference {
	/** The table holding the foreign key. */
	from: string;
	/** The table it refers to. */
	to: string;
}

/** Tables in dependency order, alphabetical among equals; throws on a cycle between tables. */
export function dependencyOrder(tables: readonly string[], references: readonly Reference[]) {
	const known = new Set(tables);
	const needs = new Map(tables.map((table) => [table, new Set<string>()]));
	for (const { from, to } of references) {
		if (from === to || !known.has(from) || !known.has(to)) continue;
		needs.get(from)!.add(to);
	}
	const order: string[] = [];
	const placed = new Set<string>();
	while (order.length < tables.length) {
		const ready = [...needs]
			.filter(([table, needed]) => !placed.has(table) && [...needed].every((n) => placed.has(n)))
			.map(([table]) => table)
			.sort();
		if (ready.length === 0) {
			const left = tables.filter((table) => !placed.has(table)).sort();
			throw new Error(`Tables refer to each other in a cycle: ${left.join(', ')}`);
		}
		for (const table of ready) {
			order.push(table);
			placed.add(table);
		}
	}
	return order;
}
