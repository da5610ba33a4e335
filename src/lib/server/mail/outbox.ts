// The e-mail outbox. A message is queued in the transaction of the notification it carries, so a
// notification is never lost between the database and the mail server; a sender drains the queue.
//
// Sending is at least once, never at most once: a message is claimed (attempt counted, a lease set
// by pushing next_attempt_at five minutes on) in a short transaction that skips rows another
// instance has locked (FOR UPDATE SKIP LOCKED), then sent with no transaction open, then marked
// sent once the SMTP server has accepted it. An instance that dies after the server accepted a
// message but before marking it sends it again when the lease ends: a rare duplicate rather than a
// lost message. A failure keeps its error and waits longer each time (domain/notifications.ts).
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import { m } from '$lib/paraglide/messages';
import { MAIL_MAX_ATTEMPTS, retryDelayMs, type NotificationKind } from '../../domain/notifications';
import { assessmentPath } from '../../paths';
import type { Database } from '../db/schema';
import { log } from '../log';
import { kindLabel, noticeText, type NoticeParams, type NoticeRefs } from '../notifications/text';
import type { MailConfig } from './config';

type Db = Kysely<Database>;

/** How long a claimed message is left to its sender before another may try it. */
export const LEASE_MS = 5 * 60_000;

export interface MailNotice {
	notificationId: number;
	to: string;
	kind: NotificationKind;
	refs: NoticeRefs;
	params: NoticeParams;
	link: { campaign: string; unit: string; period: string };
	now: Date;
}

/** The message: Vietnamese first, then English, with a link to the page when ORIGIN is known. */
export function composeMail(config: MailConfig, notice: MailNotice) {
	const subject = m.mail_subject(
		{ kind: kindLabel(notice.kind, 'vi'), unit: notice.refs.unit },
		{ locale: 'vi' }
	);
	const href = assessmentPath(notice.link.campaign, notice.link.unit, notice.link.period);
	const body = (['vi', 'en'] as const)
		.map((locale) => {
			const lines = [noticeText(notice.kind, notice.refs, notice.params, locale)];
			if (config.origin) lines.push(openLine(`${config.origin}${href}`, locale));
			return lines.join('\n\n');
		})
		.concat(footer())
		.join('\n\n-----\n\n');
	return { subject, body };
}

function openLine(link: string, locale: 'vi' | 'en') {
	return m.mail_open({ link }, { locale });
}

function footer() {
	return `${m.mail_footer({}, { locale: 'vi' })}\n${m.mail_footer({}, { locale: 'en' })}`;
}

/** Queues the messages; call it in the transaction that writes their notifications. */
export async function enqueueMail(db: Db, config: MailConfig, notices: readonly MailNotice[]) {
	if (notices.length === 0) return;
	await db
		.insertInto('mail_outbox')
		.values(
			notices.map((notice) => ({
				notification_id: notice.notificationId,
				recipient: notice.to,
				...composeMail(config, notice),
				created_at: notice.now,
				next_attempt_at: notice.now
			}))
		)
		.execute();
}

/** Takes the next message due, if any, for this sender: counted as an attempt, leased. */
async function claimNext(db: Db, now: Date) {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('mail_outbox')
			.select(['id', 'recipient', 'subject', 'body', 'attempts'])
			.where('sent_at', 'is', null)
			.where('next_attempt_at', '<=', now)
			.where('attempts', '<', MAIL_MAX_ATTEMPTS)
			.orderBy('id')
			.limit(1)
			.forUpdate()
			.skipLocked()
			.executeTakeFirst();
		if (!row) return null;
		await trx
			.updateTable('mail_outbox')
			.set({
				attempts: row.attempts + 1,
				next_attempt_at: new Date(now.getTime() + LEASE_MS)
			})
			.where('id', '=', row.id)
			.execute();
		return { ...row, attempts: row.attempts + 1 };
	});
}

export interface DrainResult {
	sent: number;
	failed: number;
}

/** Sends the messages due, one at a time, up to `limit`; what was sent and what failed. */
export async function drainOutbox(
	db: Db,
	transport: Transporter,
	from: string,
	{ now = () => new Date(), limit = 100 }: { now?: () => Date; limit?: number } = {}
): Promise<DrainResult> {
	const result: DrainResult = { sent: 0, failed: 0 };
	for (let i = 0; i < limit; i++) {
		const message = await claimNext(db, now());
		if (!message) break;
		try {
			await transport.sendMail({
				from,
				to: message.recipient,
				subject: message.subject,
				text: message.body
			});
		} catch (failure) {
			const error = failure instanceof Error ? failure.message : String(failure);
			await db
				.updateTable('mail_outbox')
				.set({
					last_error: error.slice(0, 2000),
					next_attempt_at: new Date(now().getTime() + retryDelayMs(message.attempts))
				})
				.where('id', '=', message.id)
				.execute();
			log.warn({ outboxId: message.id, attempts: message.attempts, error }, 'mail not sent');
			result.failed++;
			continue;
		}
		await db
			.updateTable('mail_outbox')
			.set({ sent_at: now(), last_error: null })
			.where('id', '=', message.id)
			.execute();
		result.sent++;
	}
	return result;
}
