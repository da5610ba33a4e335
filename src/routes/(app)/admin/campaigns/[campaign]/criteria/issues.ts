// How criteria set problems read on screen: where (group, criterion), which field, what is wrong.
import type { SheetProblem } from '$lib/domain/criteria-sheet';
import type { IssueField, IssueProblem, SetIssue } from '$lib/domain/criteria-set';
import type { CriterionType } from '$lib/domain/scoring';
import { formatPoints } from '$lib/format';
import { m } from '$lib/paraglide/messages';

export const FIELD_LABELS: Record<IssueField | 'group', () => string> = {
	code: () => m.admin_criteria_field_code(),
	name_vi: () => m.admin_criteria_field_name_vi(),
	name_en: () => m.admin_criteria_field_name_en(),
	title_vi: () => m.admin_criteria_field_title_vi(),
	title_en: () => m.admin_criteria_field_title_en(),
	type: () => m.admin_criteria_field_type(),
	comparator: () => m.admin_criteria_field_comparator(),
	target: () => m.admin_criteria_field_target(),
	points: () => m.admin_criteria_field_points(),
	mandatory: () => m.admin_criteria_field_mandatory(),
	evidence_required: () => m.admin_criteria_field_evidence_required(),
	guidance_vi: () => m.admin_criteria_field_guidance_vi(),
	guidance_en: () => m.admin_criteria_field_guidance_en(),
	criteria: () => m.admin_criteria_field_criteria(),
	group: () => m.admin_criteria_field_group()
};

export const TYPE_LABELS: Record<CriterionType, () => string> = {
	boolean: () => m.admin_criteria_type_boolean(),
	percent: () => m.admin_criteria_type_percent(),
	percent_change: () => m.admin_criteria_type_percent_change(),
	count: () => m.admin_criteria_type_count(),
	rating: () => m.admin_criteria_type_rating()
};

/** What is wrong with a field, as the sentence after its label. */
export function problemText(problem: IssueProblem | string, total = 0): string {
	switch (problem) {
		case 'required':
			return m.admin_criteria_problem_required();
		case 'bad_code':
			return m.admin_criteria_problem_bad_code();
		case 'duplicate_code':
			return m.admin_criteria_problem_duplicate_code();
		case 'bad_type':
			return m.admin_criteria_problem_bad_type();
		case 'comparator_required':
			return m.admin_criteria_problem_comparator_required();
		case 'comparator_not_allowed':
			return m.admin_criteria_problem_comparator_not_allowed();
		case 'target_required':
			return m.admin_criteria_problem_target_required();
		case 'target_not_allowed':
			return m.admin_criteria_problem_target_not_allowed();
		case 'target_percent':
			return m.admin_criteria_problem_target_percent();
		case 'target_count':
			return m.admin_criteria_problem_target_count();
		case 'target_number':
			return m.admin_criteria_problem_target_number();
		case 'target_rating':
			return m.admin_criteria_problem_target_rating();
		case 'points_range':
			return m.admin_criteria_problem_points_range();
		case 'not_a_number':
			return m.admin_criteria_problem_not_a_number();
		case 'group_empty':
			return m.admin_criteria_problem_group_empty();
		case 'set_empty':
			return m.admin_criteria_problem_set_empty();
		case 'points_total':
			return m.admin_criteria_problem_points_total({ total: formatPoints(total) });
		default:
			return problem;
	}
}

/** One problem of a set as a sentence: "Tiêu chí 1.3 (nhóm I) · Mục tiêu: …". */
export function issueText(issue: SetIssue): string {
	const problem = problemText(issue.problem, issue.total);
	const where = issue.criterion
		? m.admin_criteria_where_criterion({ criterion: issue.criterion, group: issue.group ?? '' })
		: issue.group
			? m.admin_criteria_where_group({ group: issue.group })
			: '';
	if (!where) return problem;
	const field = issue.field ? `${FIELD_LABELS[issue.field]()}: ` : '';
	return `${where} · ${field}${problem}`;
}

/** One problem of an imported file's shape (a JSON path, or a sheet's row and column). */
export function parseIssueText(issue: {
	path: string;
	problem: SheetProblem;
	detail?: string;
}): string {
	const path = issue.path;
	switch (issue.problem) {
		case 'json':
			return m.admin_criteria_parse_json({ detail: issue.detail ?? '' });
		case 'not_object':
			return m.admin_criteria_parse_not_object();
		case 'no_groups':
			return m.admin_criteria_parse_no_groups();
		case 'not_array':
			return m.admin_criteria_parse_not_array({ path });
		case 'not_object_item':
			return m.admin_criteria_parse_not_object_item({ path });
		case 'missing':
			return m.admin_criteria_parse_missing({ path });
		case 'not_string':
			return m.admin_criteria_parse_not_string({ path });
		case 'not_number':
			return m.admin_criteria_parse_not_number({ path });
		case 'not_boolean':
			return m.admin_criteria_parse_not_boolean({ path });
		case 'unknown_field':
			return m.admin_criteria_parse_unknown_field({ path });
		case 'bad_type':
			return m.admin_criteria_parse_bad_type({ path });
		case 'bad_comparator':
			return m.admin_criteria_parse_bad_comparator({ path });
		case 'bad_target':
			return m.admin_criteria_parse_bad_target({ path });
		case 'no_header':
			return m.admin_criteria_parse_no_header({ path });
		case 'group_names_differ':
			return m.admin_criteria_parse_group_names_differ({ path });
	}
}

/** The message of a refusal of the whole form. */
export function formProblemText(problem: string | undefined): string | null {
	switch (problem) {
		case 'stale':
			return m.admin_criteria_stale();
		case 'published':
			return m.admin_criteria_is_published();
		case 'not_found':
			return m.admin_criteria_not_found();
		case 'in_use':
			return m.admin_criteria_in_use();
		case 'invalid':
			return m.admin_criteria_publish_refused();
		case 'import_invalid':
			return m.admin_criteria_import_refused();
		default:
			return null;
	}
}
