import { roleAllows } from '$lib/domain/authorization';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user && {
		username: locals.user.username,
		displayName: locals.user.displayName,
		role: locals.user.role,
		unitName: locals.user.unitName,
		canReview: roleAllows(locals.user.role, 'review.queue'),
		canAdmin: roleAllows(locals.user.role, 'admin.manage')
	}
});
