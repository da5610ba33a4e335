// How the area pages' refusals read: a field's error, or a CSV row's problem.
import { m } from '$lib/paraglide/messages';

const ERRORS: Record<string, () => string> = {
	code_invalid: () => m.areas_error_code_invalid(),
	code_taken: () => m.areas_error_code_taken(),
	required: () => m.areas_error_required(),
	date_invalid: () => m.areas_error_date_invalid(),
	unit_unknown: () => m.areas_error_unit_unknown(),
	unit_out_of_scope: () => m.areas_error_unit_out_of_scope(),
	area_unknown: () => m.areas_error_area_unknown()
};

const PROBLEMS: Record<string, () => string> = {
	area_code_invalid: () => m.areas_problem_area_code_invalid(),
	area_name_empty: () => m.areas_problem_area_name_empty(),
	area_name_conflict: () => m.areas_problem_area_name_conflict(),
	map_code_invalid: () => m.areas_problem_map_code_invalid(),
	unit_unknown: () => m.areas_problem_unit_unknown(),
	unit_out_of_scope: () => m.areas_problem_unit_out_of_scope(),
	unit_repeated: () => m.areas_problem_unit_repeated(),
	unit_already_member: () => m.areas_problem_unit_already_member()
};

export function areaError(code: string): string {
	return ERRORS[code]?.() ?? code;
}

export function areaProblem(problem: string): string {
	return PROBLEMS[problem]?.() ?? problem;
}
