// What the pages ask of notifications: the bell's count, the list as sentences, opening one.
import type { Kysely } from 'kysely';
import { isNotificationKind } from '../../domain/notifications';
import { assessmentPath } from '../../paths';
import type { Database } from '../db/schema';
import { isDatabaseUnavailable } from '../db/faults';
import { log } from '../log';
import { countUnread, listNotifications, markAllRead, markRead } from './repository';
import { kindLabel, noticeText, type NoticeParams } from './text';

type Db = Kysely<Database>;

/** How many the list shows: the newest. */
export const LIST_LIMIT = 100;

/**
 * The bell's number. A failure to count never fails the page around it: the bell shows none, and
 * an unavailable database is answered by the page's own queries.
 */
export async function unreadCount(db: Db, userId: number): Promise<number> {
	try {
		return await countUnread(db, userId);
	} catch (failure) {
		if (!isDatabaseUnavailable(failure)) log.warn({ err: failure }, 'unread count failed');
		return 0;
	}
}

/** The user's notifications, newest first, each as a sentence in the request's language. */
export async function loadNotifications(db: Db, userId: number) {
	const rows = await listNotifications(db, userId, LIST_LIMIT);
	return rows
		.filter((row) => isNotificationKind(row.kind))
		.map((row) => ({
			id: row.id,
			kind: row.kind,
			label: kindLabel(row.kind),
			text: noticeText(
				row.kind,
				{ unit: row.unitName, campaign: row.campaignCode, period: row.periodLabel },
				row.params as NoticeParams
			),
			createdAt: new Date(row.createdAt).toISOString(),
			unread: row.readAt === null
		}));
}

/** Marks the notification read and answers where it leads (undefined: not the user's). */
export async function openNotification(db: Db, userId: number, id: number, now = new Date()) {
	const target = await markRead(db, userId, id, now);
	return target && assessmentPath(target.campaignCode, target.unitCode, target.periodLabel);
}

export function markAllNotificationsRead(db: Db, userId: number, now = new Date()) {
	return markAllRead(db, userId, now);
}
