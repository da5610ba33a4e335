// The audit trail: every write, sign-in and transition, with who, when, before and after.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

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
