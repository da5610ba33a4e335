import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/auth/guards';
import { findHome } from '$lib/server/auth/home';
import { getDb } from '$lib/server/db';
import { loadTodo } from '$lib/server/home/service';
import type { PageServerLoad } from './$types';

// Each role's home (PRODUCT.md): officers, reviewers and the province's approvers a to-do list
// across every campaign; leaders the dashboard of their scope (the province's, or a district's).
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const { home, campaignCode } = await findHome(db, user);
	if (home === 'todo') return { todo: await loadTodo(db, user) };
	if (!campaignCode) return {};
	if (home === 'dashboard') redirect(303, localizeHref(`/campaigns/${campaignCode}`));
	redirect(303, localizeHref(`/campaigns/${campaignCode}/units/${user.unitCode}`));
};
