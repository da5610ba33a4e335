// The audit trail as an administrator reads it: their scope only, filtered, newest first, a page
// at a time. An administrator of the whole tree also reads the entries about no unit (sign-ins of
// unknown usernames, imports, campaigns).
import type { Kysely } from 'kysely';
import { isRootScope } from '../../domain/authorization';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { findScopedUnit } from '../units/repository';
import { listAudit, type AuditQuery, type AuditRow } from './repository';

type Db = Kysely<Database>;

/** The actions the trail holds, for the filter's list: a plain read. */
export { AUDIT_PAGE_SIZE, listAuditActions, vnDayStart, type AuditRow } from './repository';
/** The names of what a page of entries is about, in a few batched queries. */
export { loadAuditNames } from './names';

export interface AuditFilters extends AuditQuery {
	/** The actor's username, exactly. */
	actor: string;
	/** A unit code: entries about that unit and its subtree. */
	unit: string;
	action: string;
	/** Vietnam calendar dates, 'yyyy-mm-dd', both included. */
	from: string | null;
	to: string | null;
	page: number;
}

export type AuditPage =
	{ unitUnknown: true } | { unitUnknown: false; entries: AuditRow[]; hasNext: boolean };

/** A page of the trail in the actor's scope; `unitUnknown` when the unit filter is not in it. */
export async function readAudit(
	db: Db,
	actor: Pick<AdminActor, 'scopePath'>,
	filters: AuditFilters
): Promise<AuditPage> {
	if (filters.unit) {
		const unit = await findScopedUnit(db, actor.scopePath, filters.unit);
		if (!unit) return { unitUnknown: true };
		const page = await listAudit(db, { subtreePath: unit.path, withoutUnit: false }, filters);
		return { unitUnknown: false, ...page };
	}
	const reach = { subtreePath: actor.scopePath, withoutUnit: isRootScope(actor.scopePath) };
	return { unitUnknown: false, ...(await listAudit(db, reach, filters)) };
}
