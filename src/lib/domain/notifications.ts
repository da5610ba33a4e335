// Notifications: what each event is called, who hears of it, when a period's reminders fall due,
// and how an e-mail that failed is retried. Pure; the writes are in src/lib/server/notifications.
import { roleAllows, ROLES, type Action, type Role } from './authorization';
import { vnDate } from './periods';
import type { Transition } from './workflow';

export const NOTIFICATION_KINDS = [
	'returned',
	'submitted',
	'verified',
	'approved',
	'revoked',
	'extended',
	'reminder'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
	return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The notification a workflow step sends. */
export function kindOfTransition(transition: Transition): NotificationKind {
	switch (transition) {
		case 'submit':
			return 'submitted';
		case 'verify':
			return 'verified';
		case 'return':
			return 'returned';
		case 'approve':
			return 'approved';
		case 'reopen':
			return 'revoked';
	}
}

/**
 * Who hears of it, by what they may do, among the users whose scope covers the unit: a submission
 * goes to those who verify, a verification to those who approve, anything else to the unit's
 * officers (those who enter its values).
 */
export function audienceAction(kind: NotificationKind): Action {
	if (kind === 'submitted') return 'assessment.verify';
	if (kind === 'verified') return 'assessment.approve';
	return 'assessment.edit';
}

export function audienceRoles(kind: NotificationKind): Role[] {
	const action = audienceAction(kind);
	return ROLES.filter((role) => roleAllows(role, action));
}

/** The reminders before a period closes, in days, furthest first. */
export const REMINDER_DAYS = [7, 3, 1] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

const DAY = 86_400_000;

/** Whole days from today to the deadline's day, both in Vietnam's date: 0 on the closing day. */
export function daysLeft(deadline: Date, now: Date): number {
	return Math.round((Date.parse(vnDate(deadline)) - Date.parse(vnDate(now))) / DAY);
}

/**
 * The reminder due with `days` left: the nearest threshold at or above it (7 from 7 to 4 days,
 * 3 from 3 to 2, 1 on the eve and the closing day), none before 7 days or once closed. A reminder
 * missed (the app was down) is not sent late: only the one that applies now.
 */
export function reminderDue(days: number): ReminderDays | null {
	if (days < 0) return null;
	for (const threshold of [...REMINDER_DAYS].reverse()) if (days <= threshold) return threshold;
	return null;
}

/** Sending an e-mail is tried at most this many times. */
export const MAIL_MAX_ATTEMPTS = 10;

/** The wait after the n-th failed attempt: one minute, doubling, at most six hours. */
export function retryDelayMs(attempts: number): number {
	return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

export const EMAIL_MAX_LENGTH = 254;

/** An e-mail address as typed (trimmed): one '@', no spaces, a dot in the domain. */
export function isEmailAddress(text: string): boolean {
	return text.length <= EMAIL_MAX_LENGTH && /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/.test(text);
}
