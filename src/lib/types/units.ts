// What the units administration pages are told when a write is refused: a problem code beside
// each field (translated in the route's problems.ts), and the unit it is about when it is another.
import type { UnitFieldProblem } from '../domain/unit-rules';

export type UnitProblem =
	| UnitFieldProblem
	| 'code_taken'
	| 'not_found'
	| 'stale'
	| 'parent_not_found'
	| 'parent_retired'
	| 'parent_same'
	| 'parent_cycle'
	| 'scope_root'
	| 'retired'
	| 'date_invalid'
	| 'before_established'
	| 'later_change'
	| 'has_active_children'
	| 'predecessors_required'
	| 'predecessor_not_found'
	| 'predecessor_retired'
	| 'predecessor_self'
	| 'predecessor_ancestor';

export type UnitErrors = Partial<Record<string, UnitProblem>>;

/** The body of a refused unit write: field → UnitProblem, and the other unit a problem names. */
export type UnitRefusalBody = {
	errors: Record<string, string>;
	subject?: string;
};
