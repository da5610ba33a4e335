// The notifications' queries: who hears of an event on a unit, writing the rows, and a user's
// list, count and read marks.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Role } from '../../domain/authorization';
import type { Database } from '../db/schema';
import type { NotificationTable } from '../db/schema-notifications';

type Db = Kysely<Database>;

export interface Recipient {
	id: number;
	email: string | null;
}

/**
 * A condition on a unit's path (`unitPath`, SQL) and a user (alias `r`, with `s` their scope unit):
 * the unit lies in the user's scope, and in the user's area when they have one. The same rule as
 * the guards' (domain/authorization.ts's pathInScope, auth/area-scope.ts), written for many users.
 */
export function coversUnit(unitPath: ReturnType<typeof sql>) {
	return sql<boolean>`starts_with(${unitPath}, s.path) AND (r.area_id IS NULL OR EXISTS (
		SELECT 1 FROM area_members am INNER JOIN units m ON m.id = am.unit_id
		WHERE am.area_id = r.area_id AND starts_with(${unitPath}, m.path)))`;
}

/** The active users of these roles whose scope covers the unit at `unitPath`. */
export function listRecipients(db: Db, unitPath: string, roles: readonly Role[]) {
	if (roles.length === 0) return Promise.resolve([] as Recipient[]);
	return db
		.selectFrom('users as r')
		.innerJoin('units as s', 's.id', 'r.unit_id')
		.select(['r.id', 'r.email'])
		.where('r.active', '=', true)
		.where('r.role', 'in', roles)
		.where(coversUnit(sql`${unitPath}::text`))
		.orderBy('r.id')
		.execute();
}

export type NewNotification = Insertable<NotificationTable>;

export async function insertNotifications(db: Db, rows: readonly NewNotification[]) {
	if (rows.length === 0) return [];
	return db
		.insertInto('notifications')
		.values([...rows])
		.returning(['id', 'recipient_id as recipientId'])
		.execute();
}

/** Reminders, each at most once per unit, period, threshold and recipient: the rows written. */
export async function insertReminders(db: Db, rows: readonly NewNotification[]) {
	if (rows.length === 0) return [];
	return db
		.insertInto('notifications')
		.values([...rows])
		.onConflict((conflict) =>
			conflict
				.columns(['unit_id', 'period_id', 'days_left', 'recipient_id'])
				.where('kind', '=', 'reminder')
				.doNothing()
		)
		.returning(['id', 'recipient_id as recipientId', 'unit_id as unitId', 'period_id as periodId'])
		.execute();
}

/** The bell's number: one index lookup on (recipient_id, read_at). */
export async function countUnread(db: Db, userId: number): Promise<number> {
	const row = await db
		.selectFrom('notifications')
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.where('recipient_id', '=', userId)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** A user's notifications, newest first, with what their sentences and links name. */
export function listNotifications(db: Db, userId: number, limit: number) {
	return db
		.selectFrom('notifications as n')
		.innerJoin('units as u', 'u.id', 'n.unit_id')
		.innerJoin('campaigns as c', 'c.id', 'n.campaign_id')
		.innerJoin('periods as p', 'p.id', 'n.period_id')
		.select([
			'n.id',
			'n.kind',
			'n.params',
			'n.created_at as createdAt',
			'n.read_at as readAt',
			'u.name as unitName',
			'u.code as unitCode',
			'c.code as campaignCode',
			'p.label as periodLabel'
		])
		.where('n.recipient_id', '=', userId)
		.orderBy('n.id', 'desc')
		.limit(limit)
		.execute();
}

/** Marks one of the user's notifications read (if not yet); its link's parts, or undefined. */
export async function markRead(db: Db, userId: number, id: number, now: Date) {
	await db
		.updateTable('notifications')
		.set({ read_at: now })
		.where('id', '=', id)
		.where('recipient_id', '=', userId)
		.where('read_at', 'is', null)
		.execute();
	return db
		.selectFrom('notifications as n')
		.innerJoin('units as u', 'u.id', 'n.unit_id')
		.innerJoin('campaigns as c', 'c.id', 'n.campaign_id')
		.innerJoin('periods as p', 'p.id', 'n.period_id')
		.select(['u.code as unitCode', 'c.code as campaignCode', 'p.label as periodLabel'])
		.where('n.id', '=', id)
		.where('n.recipient_id', '=', userId)
		.executeTakeFirst();
}

/** Marks every unread notification of the user read; how many. */
export async function markAllRead(db: Db, userId: number, now: Date): Promise<number> {
	const result = await db
		.updateTable('notifications')
		.set({ read_at: now })
		.where('recipient_id', '=', userId)
		.where('read_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}
