// How roles and user problems read on the administration pages.
import { m } from '$lib/paraglide/messages';
import { ROLES } from '$lib/domain/authorization';

export { ROLES };
export { roleLabel } from '$lib/labels';

const PROBLEMS: Record<string, () => string> = {
	username_invalid: () => m.admin_users_error_username_invalid(),
	username_duplicate: () => m.admin_users_error_username_duplicate(),
	username_taken: () => m.admin_users_error_username_taken(),
	name_empty: () => m.admin_users_error_name_empty(),
	name_too_long: () => m.admin_users_error_name_too_long(),
	role_unknown: () => m.admin_users_error_role_unknown(),
	unit_unknown: () => m.admin_users_error_unit_unknown(),
	unit_out_of_scope: () => m.admin_users_error_unit_out_of_scope(),
	area_unknown: () => m.admin_users_error_area_unknown(),
	area_role: () => m.admin_users_error_area_role(),
	area_outside_unit: () => m.admin_users_error_area_outside_unit(),
	stale: () => m.admin_users_error_stale(),
	self_role: () => m.admin_users_error_self_role(),
	self_unit: () => m.admin_users_error_self_unit(),
	self: () => m.admin_users_error_self()
};

export function problemLabel(problem: string): string {
	return PROBLEMS[problem]?.() ?? problem;
}
