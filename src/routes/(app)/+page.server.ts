import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/auth/guards';
import { findHome } from '$lib/server/auth/home';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

// Each role's home (PRODUCT.md): officer → its unit, reviewer → the review queue,
// admin and leader → the dashboard of their scope (the province's, or a district's).
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { home, campaignCode } = await findHome(getDb(), user);
	if (home === 'review') redirect(303, localizeHref('/review'));
	if (!campaignCode) return {};
	if (home === 'dashboard') redirect(303, localizeHref(`/campaigns/${campaignCode}`));
	redirect(303, localizeHref(`/campaigns/${campaignCode}/units/${user.unitCode}`));
};
