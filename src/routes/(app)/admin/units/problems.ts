// The units administration's problem codes in the reader's language.
import type { ImportFileProblem, ImportRowProblem } from '$lib/domain/unit-import';
import { m } from '$lib/paraglide/messages';
import type { UnitProblem } from '$lib/types/units';

const UNIT: Record<UnitProblem, (code: string) => string> = {
	code_required: () => m.admin_units_error_code_required(),
	code_invalid: () => m.admin_units_error_code_invalid(),
	code_taken: () => m.admin_units_error_code_taken(),
	name_required: () => m.admin_units_error_name_required(),
	name_too_long: () => m.admin_units_error_name_too_long(),
	type_too_long: () => m.admin_units_error_type_too_long(),
	kind_invalid: () => m.admin_units_error_kind_invalid(),
	not_found: () => m.admin_units_error_not_found(),
	stale: () => m.admin_units_error_stale(),
	parent_not_found: () => m.admin_units_error_parent_not_found(),
	parent_retired: () => m.admin_units_error_parent_retired(),
	parent_same: () => m.admin_units_error_parent_same(),
	parent_cycle: () => m.admin_units_error_parent_cycle(),
	scope_root: () => m.admin_units_error_scope_root(),
	retired: () => m.admin_units_error_retired(),
	date_invalid: () => m.admin_units_error_date_invalid(),
	before_established: () => m.admin_units_error_before_established(),
	later_change: () => m.admin_units_error_later_change(),
	has_active_children: (code) => m.admin_units_error_has_active_children({ code }),
	predecessors_required: () => m.admin_units_error_predecessors_required(),
	predecessor_not_found: (code) => m.admin_units_error_predecessor_not_found({ code }),
	predecessor_retired: (code) => m.admin_units_error_predecessor_retired({ code }),
	predecessor_self: () => m.admin_units_error_predecessor_self(),
	predecessor_ancestor: (code) => m.admin_units_error_predecessor_ancestor({ code })
};

export function unitProblem(problem: string, subject = ''): string {
	return UNIT[problem as UnitProblem]?.(subject) ?? problem;
}

const ROW: Record<ImportRowProblem, () => string> = {
	code_invalid: () => m.admin_units_row_code_invalid(),
	code_duplicate: () => m.admin_units_row_code_duplicate(),
	name_required: () => m.admin_units_row_name_required(),
	name_too_long: () => m.admin_units_row_name_too_long(),
	type_too_long: () => m.admin_units_row_type_too_long(),
	kind_invalid: () => m.admin_units_row_kind_invalid(),
	level_invalid: () => m.admin_units_row_level_invalid(),
	level_mismatch: () => m.admin_units_row_level_mismatch(),
	parent_missing: () => m.admin_units_row_parent_missing(),
	parent_retired: () => m.admin_units_row_parent_retired(),
	parent_self: () => m.admin_units_row_parent_self(),
	parent_cycle: () => m.admin_units_row_parent_cycle(),
	parent_invalid: () => m.admin_units_row_parent_invalid(),
	out_of_scope: () => m.admin_units_row_out_of_scope(),
	unit_retired: () => m.admin_units_row_unit_retired()
};

export function rowProblem(problem: ImportRowProblem): string {
	return ROW[problem]?.() ?? problem;
}

export function fileProblem(problem: ImportFileProblem | 'too_large', missing: string[] = []) {
	if (problem === 'header') return m.admin_units_file_header({ columns: missing.join(', ') });
	if (problem === 'too_many_rows') return m.admin_units_file_too_many_rows();
	if (problem === 'too_large') return m.admin_units_file_too_large();
	return m.admin_units_file_empty();
}
