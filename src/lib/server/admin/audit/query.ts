// The audit trail as an admin reads it: their scope only, filtered, newest first, a page at a time.
import { sql, type Kysely } from 'kysely';
import { isRootScope } from '../../../domain/authorization';
import type { Database } from '../../db/schema';
import { subtreePattern } from '../../units/repository';

type Db = Kysely<Database>;

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
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

/** The start of a Vietnam calendar day (UTC+7, no daylight saving) as an instant. */
export function vnDayStart(date: string): Date {
	return new Date(`${date}T00:00:00+07:00`);
}

export type AuditPage =
	{ unitUnknown: true } | { unitUnknown: false; entries: AuditRow[]; hasNext: boolean };

export interface AuditRow {
	id: number;
	at: Date;
	actor_id: number | null;
	actor_name: string;
	actor_display: string | null;
	action: string;
	entity_type: string;
	entity_id: string;
	subject_username: string | null;
	unit_code: string | null;
	unit_name: string | null;
	before: unknown;
	after: unknown;
	reason: string | null;
	ip: string | null;
}

export async function listAudit(
	db: Db,
	scopePath: string,
	filters: AuditFilters
): Promise<AuditPage> {
	let query = db
		.selectFrom('audit_log')
		.leftJoin('units', 'units.id', 'audit_log.unit_id')
		.leftJoin('users as actor', 'actor.id', 'audit_log.actor_id');
	if (filters.unit) {
		const unit = await db
			.selectFrom('units')
			.select('path')
			.where('code', '=', filters.unit)
			.where('path', 'like', subtreePattern(scopePath))
			.executeTakeFirst();
		if (!unit) return { unitUnknown: true };
		query = query.where('units.path', 'like', subtreePattern(unit.path));
	} else if (isRootScope(scopePath)) {
		query = query.where((eb) =>
			eb.or([
				eb('audit_log.unit_id', 'is', null),
				eb('units.path', 'like', subtreePattern(scopePath))
			])
		);
	} else {
		query = query.where('units.path', 'like', subtreePattern(scopePath));
	}
	if (filters.actor) query = query.where('audit_log.actor_name', '=', filters.actor);
	if (filters.action) query = query.where('audit_log.action', '=', filters.action);
	if (filters.from) query = query.where('audit_log.at', '>=', vnDayStart(filters.from));
	if (filters.to) {
		const end = vnDayStart(filters.to);
		end.setUTCDate(end.getUTCDate() + 1);
		query = query.where('audit_log.at', '<', end);
	}
	const rows = await query
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.actor_id',
			'audit_log.actor_name',
			'actor.display_name as actor_display',
			'audit_log.action',
			'audit_log.entity_type',
			'audit_log.entity_id',
			'units.code as unit_code',
			'units.name as unit_name',
			'audit_log.before',
			'audit_log.after',
			'audit_log.reason',
			'audit_log.ip'
		])
		.select((eb) =>
			eb
				.selectFrom('users as subject')
				.select('subject.username')
				.where('audit_log.entity_type', '=', 'user')
				.where(sql<string>`subject.id::text`, '=', eb.ref('audit_log.entity_id'))
				.as('subject_username')
		)
		.orderBy('audit_log.at', 'desc')
		.orderBy('audit_log.id', 'desc')
		.limit(AUDIT_PAGE_SIZE + 1)
		.offset((filters.page - 1) * AUDIT_PAGE_SIZE)
		.execute();
	return {
		unitUnknown: false,
		entries: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, id: Number(row.id) })),
		hasNext: rows.length > AUDIT_PAGE_SIZE
	};
}

/** The actions the trail holds, for the filter's list. */
export async function listAuditActions(db: Db): Promise<string[]> {
	const rows = await db
		.selectFrom('audit_log')
		.select('action')
		.distinct()
		.orderBy('action')
		.execute();
	return rows.map((row) => row.action);
}
