import { isRootScope } from '$lib/domain/authorization';
import { isIsoDate } from '$lib/domain/periods';
import { requireAdmin } from '$lib/server/auth/guards';
import {
	listAuditActions,
	loadAuditNames,
	readAudit,
	type AuditFilters
} from '$lib/server/audit/service';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** A real calendar date 'yyyy-mm-dd', or null (a typed 31/02 is not a day). */
function dateOf(value: string | null): string | null {
	return value && isIsoDate(value) ? value : null;
}

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const params = event.url.searchParams;
	const text = (name: string, max: number) => (params.get(name) ?? '').trim().slice(0, max);
	const page = Number(params.get('page'));
	const filters: AuditFilters = {
		actor: text('actor', 64).toLowerCase(),
		unit: text('unit', 32),
		action: text('action', 64),
		from: dateOf(params.get('from')),
		to: dateOf(params.get('to')),
		page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1
	};
	const db = getDb();
	const [result, actions] = await Promise.all([
		readAudit(db, actor, filters),
		listAuditActions(db)
	]);
	const entries = result.unitUnknown ? [] : result.entries;
	return {
		filters,
		badFrom: Boolean(params.get('from')) && filters.from === null,
		badTo: Boolean(params.get('to')) && filters.to === null,
		actions,
		rootScope: isRootScope(actor.scopePath),
		unitUnknown: result.unitUnknown,
		entries,
		names: await loadAuditNames(db, entries),
		hasNext: result.unitUnknown ? false : result.hasNext
	};
};
