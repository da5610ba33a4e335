// Whether a period names a criteria set for the audience of a unit's kind, in SQL: a unit whose
// audience has no set in the period cannot be assessed in it (no form, no to-do, no reminder).
// The CASE is domain/audiences.ts's audienceOf.
import { sql, type RawBuilder } from 'kysely';
import { AUDIENCES } from '../../domain/audiences';

const OWN_AUDIENCES = AUDIENCES.filter((audience) => audience !== 'area');

/** The audience of a unit of kind `kind` (a column reference such as 'u.kind'). */
export function audienceOfKind(kind: string): RawBuilder<string> {
	const own = sql.join(OWN_AUDIENCES.map((audience) => sql.lit(audience)));
	return sql<string>`(CASE WHEN ${sql.ref(kind)} IN (${own}) THEN ${sql.ref(kind)} ELSE 'area' END)`;
}

/** The period (a column reference such as 'p.id') names a set for the kind's audience. */
export function periodHasSetFor(periodId: string, kind: string): RawBuilder<boolean> {
	return sql<boolean>`EXISTS (SELECT 1 FROM period_criteria_sets pcs
		WHERE pcs.period_id = ${sql.ref(periodId)} AND pcs.audience = ${audienceOfKind(kind)})`;
}
