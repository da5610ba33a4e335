import { sql, type RawBuilder } from 'kysely';

/**
 * A unit counts in a period while it existed: established by the period's end (a merged commune
 * from its merge date) and not retired by then (its predecessors until that date). The aliases
 * are the query's own names for the units and the period, never user input.
 */
export function existedIn(unit: 'u' | 'm', period: 'p' | 't'): RawBuilder<boolean> {
	return sql.raw<boolean>(
		`((${unit}.status = 'active' OR ${unit}.retired_on > ${period}.ends_on)` +
			` AND (${unit}.established_on IS NULL OR ${unit}.established_on <= ${period}.ends_on))`
	);
}
