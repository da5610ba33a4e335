// Words for the periods' pages: statuses and the problems a period form can have.
import { m } from '$lib/paraglide/messages';

export { periodStatusLabel } from '$lib/labels';

const PROBLEMS: Record<string, () => string> = {
	required: () => m.admin_error_required(),
	date_format: () => m.admin_error_date(),
	moment_format: () => m.admin_error_moment(),
	range_order: () => m.admin_period_range_order(),
	close_days: () => m.admin_period_close_days_range(),
	too_many: () => m.admin_period_too_many(),
	nothing_planned: () => m.admin_period_range_order(),
	version_unpublished: () => m.admin_period_version_unpublished(),
	has_assessments: () => m.admin_period_has_assessments(),
	unit_unknown: () => m.admin_period_unit_unknown(),
	unit_not_in_force: () => m.admin_period_unit_not_in_force(),
	unit_not_assessed: () => m.admin_period_unit_not_assessed(),
	stale: () => m.admin_stale()
};

export function periodProblem(problem: string): string {
	return PROBLEMS[problem]?.() ?? problem;
}
