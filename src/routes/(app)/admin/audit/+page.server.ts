import { isRootScope } from '$lib/domain/authorization';
import { parseDateInput } from '$lib/domain/date-input';
import { requireAdmin } from '$lib/server/auth/guards';
import {
	listAuditActions,
	loadAuditNames,
	readAudit,
	type AuditFilters
} from '$lib/server/audit/service';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** A real calendar day as 'yyyy-mm-dd' (typed 1/3/2023 or sent 2023-03-01), or null (31/02). */
function dateOf(value: string | null): string | null {
	return value ? parseDateInput(value) : null;
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
		/** The dates as typed, kept in their fields when they are not days. */
		typed: { from: text('from', 32), to: text('to', 32) },
		actions,
		rootScope: isRootScope(actor.scopePath),
		unitUnknown: result.unitUnknown,
		entries,
		names: await loadAuditNames(db, entries),
		hasNext: result.unitUnknown ? false : result.hasNext
	};
};
