// The reorganisation's refusals in the reader's language.
import type {
	ReorganisationFileProblem,
	ReorganisationRowProblem,
	RowProblem
} from '$lib/domain/reorganisation';
import { m } from '$lib/paraglide/messages';

type Detail = Record<string, string>;

const ROW: Record<ReorganisationRowProblem, (detail: Detail) => string> = {
	field_missing: (d) => m.reorganise_problem_field_missing({ column: d.column ?? '' }),
	part_invalid: (d) => m.reorganise_problem_part_invalid({ part: d.part ?? '' }),
	kind_unknown: (d) => m.reorganise_problem_kind_unknown({ kind: d.kind ?? '' }),
	change_invalid: (d) => m.reorganise_problem_change_invalid({ change: d.change ?? '' }),
	row_duplicate: () => m.reorganise_problem_row_duplicate(),
	new_inconsistent: (d) => m.reorganise_problem_new_inconsistent({ line: d.line ?? '' }),
	old_not_active: (d) => m.reorganise_problem_old_not_active({ date: d.date ?? '' }),
	old_name_mismatch: (d) => m.reorganise_problem_old_name_mismatch({ expected: d.expected ?? '' }),
	parent_mismatch: (d) => m.reorganise_problem_parent_mismatch({ expected: d.expected ?? '' }),
	full_in_two: (d) => m.reorganise_problem_full_in_two({ codes: d.codes ?? '' }),
	partial_in_one: (d) => m.reorganise_problem_partial_in_one({ code: d.code ?? '' }),
	code_held: (d) => m.reorganise_problem_code_held({ code: d.code ?? '', name: d.name ?? '' }),
	changed_later: (d) => m.reorganise_problem_changed_later({ date: d.date ?? '' }),
	below_changed_later: (d) => m.reorganise_problem_below_changed_later({ date: d.date ?? '' }),
	parent_not_found: (d) => m.reorganise_problem_parent_not_found({ code: d.code ?? '' }),
	out_of_scope: () => m.reorganise_problem_out_of_scope(),
	scope_unit_unknown: (d) => m.reorganise_problem_scope_unit_unknown({ code: d.code ?? '' }),
	scope_area_unknown: (d) => m.reorganise_problem_scope_area_unknown({ code: d.code ?? '' })
};

export function rowProblem(problem: RowProblem): string {
	return ROW[problem.problem]?.(problem.detail ?? {}) ?? problem.problem;
}

export function fileProblem(
	problem: ReorganisationFileProblem | 'too_large',
	missing: string[]
): string {
	if (problem === 'empty') return m.reorganise_file_empty();
	if (problem === 'unknown_format') return m.reorganise_file_unknown_format();
	if (problem === 'missing_columns') {
		return m.reorganise_file_missing_columns({ columns: missing.join(', ') });
	}
	return m.reorganise_file_too_large();
}
