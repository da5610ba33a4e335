import { vnDate } from '$lib/domain/periods';
import { requireAreaScope } from '$lib/server/auth/area-scope';
import { requireUser } from '$lib/server/auth/guards';
import { dashboardOptions } from '$lib/server/dashboard/service';
import { loadUnitPage, resolveUnitPage } from '$lib/server/dashboard/unit-page';
import { reuseFigures } from '$lib/server/freshness/pages';
import { orError } from '$lib/server/http/respond';
import { listUnitDecisionScans } from '$lib/server/recognitions/decisions';
import type { PageServerLoad } from './$types';

// A unit the campaign applies to gets its own page; a unit above such units, a dashboard of them.
// `{unit}` is an address segment: a code (its holder today) or `code@yyyy-mm-dd`.
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const { db, user, campaign, unit } = await orError(resolveUnitPage(event, event.params.unit));
	// A user scoped to a reporting area opens only its members' own pages, as it does their
	// assessments. Areas group today's units: a retired unit's page (its history) is not checked.
	if (unit.status === 'active' && campaign.applies_to.includes(unit.kind)) {
		await requireAreaScope(db, user, unit.path);
	}
	// The day is part of the reuse's key: the figures are computed for that day too.
	const today = vnDate(new Date());
	const [page, decisionScans] = await Promise.all([
		orError(
			loadUnitPage(
				db,
				user,
				campaign,
				unit,
				{ ...dashboardOptions(event.url), today },
				(parts, compute) => reuseFigures(event, parts, compute)
			)
		),
		// The scanned decisions that recognised the unit, linked beside its recognitions.
		listUnitDecisionScans(db, campaign.id, unit.id)
	]);
	return { ...page, decisionScans };
};
