// The audit trail: every write, sign-in and transition, with who, when, before and after; and
// the trail as an administrator reads it, newest first, a page at a time.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { subtreePattern } from '../units/repository';

export interface AuditEntry {
	actor: { id: number; username: string } | null;
	action: string;
	entityType: string;
	entityId: string | number;
	unitId?: number | null;
	before?: unknown;
	after?: unknown;
	reason?: string | null;
	ip?: string | null;
}

/** Writes one entry; call it with the transaction that makes the change it records. */
export function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
	return writeAuditEntries(db, [entry]);
}

/** Writes several entries in one statement, in the order given. */
export async function writeAuditEntries(
	db: Kysely<Database>,
	entries: readonly AuditEntry[]
): Promise<void> {
	if (entries.length === 0) return;
	await db
		.insertInto('audit_log')
		.values(
			entries.map((entry) => ({
				actor_id: entry.actor?.id ?? null,
				actor_name: entry.actor?.username ?? '',
				action: entry.action,
				entity_type: entry.entityType,
				entity_id: String(entry.entityId),
				unit_id: entry.unitId ?? null,
				before: entry.before === undefined ? null : JSON.stringify(entry.before),
				after: entry.after === undefined ? null : JSON.stringify(entry.after),
				reason: entry.reason ?? null,
				ip: entry.ip ?? null
			}))
		)
		.execute();
}

export const AUDIT_PAGE_SIZE = 50;

/** Which entries a reader sees: those about units of a subtree, and unit-less ones or not. */
export interface AuditReach {
	subtreePath: string;
	withoutUnit: boolean;
}

/** What the reader asks for, already checked: dates are Vietnam calendar days, both included. */
export interface AuditQuery {
	actor: string;
	action: string;
	from: string | null;
	to: string | null;
	page: number;
}

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

/** The start of a Vietnam calendar day (UTC+7, no daylight saving) as an instant. */
export function vnDayStart(date: string): Date {
	return new Date(`${date}T00:00:00+07:00`);
}

/** One page of entries, newest first, and whether another page follows. */
export async function listAudit(
	db: Kysely<Database>,
	reach: AuditReach,
	filters: AuditQuery
): Promise<{ entries: AuditRow[]; hasNext: boolean }> {
	let query = db
		.selectFrom('audit_log')
		.leftJoin('units', 'units.id', 'audit_log.unit_id')
		.leftJoin('users as actor', 'actor.id', 'audit_log.actor_id');
	const pattern = subtreePattern(reach.subtreePath);
	query = reach.withoutUnit
		? query.where((eb) =>
				eb.or([eb('audit_log.unit_id', 'is', null), eb('units.path', 'like', pattern)])
			)
		: query.where('units.path', 'like', pattern);
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
		entries: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, id: Number(row.id) })),
		hasNext: rows.length > AUDIT_PAGE_SIZE
	};
}

/** The actions the trail holds, for the filter's list. */
export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
	const rows = await db
		.selectFrom('audit_log')
		.select('action')
		.distinct()
		.orderBy('action')
		.execute();
	return rows.map((row) => row.action);
}
