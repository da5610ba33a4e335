// The tables of notifications and the e-mail outbox (src/lib/server/notifications, mail).
import type { ColumnType, Generated } from 'kysely';
import type { NotificationKind } from '../../domain/notifications';
import type { CreatedAt, DefaultedTimestamp, Timestamp } from './columns';

/** One thing told to one user (src/lib/server/notifications). */
export interface NotificationTable {
	id: Generated<number>;
	recipient_id: number;
	kind: NotificationKind;
	campaign_id: number;
	unit_id: number;
	period_id: number;
	assessment_id: number | null;
	/** What the sentence needs beyond the references: a reason, a decision number, a date. */
	params: ColumnType<Record<string, string>, string | undefined, string>;
	/** A reminder's threshold (7, 3 or 1 days before the period closes); null otherwise. */
	days_left: number | null;
	created_at: CreatedAt;
	read_at: Timestamp | null;
}

/** An e-mail to send (src/lib/server/mail/outbox.ts). */
export interface MailOutboxTable {
	id: Generated<number>;
	notification_id: number | null;
	recipient: string;
	subject: string;
	body: string;
	created_at: CreatedAt;
	attempts: Generated<number>;
	next_attempt_at: DefaultedTimestamp;
	sent_at: Timestamp | null;
	last_error: string | null;
}
