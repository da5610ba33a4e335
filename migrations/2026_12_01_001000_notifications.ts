import { sql, type Kysely } from 'kysely';

// Notifications (issue 16): what happened to an assessment or a period, told to the users it
// concerns, in the app and, when SMTP is configured, by e-mail through an outbox.
// - A notification is written in the transaction of the event it tells of, one row per recipient.
// - A reminder ("the period closes in 7/3/1 days") is written once per unit, period, threshold and
//   recipient: the unique index makes a second run, or a second instance, a no-op.
// - Users may have an e-mail address; each notification to one of them enqueues a message in
//   mail_outbox in the same transaction, which a sender drains (at least once, see mail/outbox.ts).
// Portable between PostgreSQL 15 (server) and PGlite (PostgreSQL 17): plain SQL, no extensions.

const statements = [
	`ALTER TABLE users ADD COLUMN email text
		CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'))`,

	`CREATE TABLE notifications (
		id serial PRIMARY KEY,
		recipient_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
		kind text NOT NULL CHECK (kind IN
			('returned', 'submitted', 'verified', 'approved', 'revoked', 'extended', 'reminder')),
		campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
		unit_id integer NOT NULL REFERENCES units (id) ON DELETE CASCADE,
		period_id integer NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
		assessment_id integer REFERENCES assessments (id) ON DELETE CASCADE,
		params jsonb NOT NULL DEFAULT '{}',
		days_left smallint CHECK (days_left IS NULL OR days_left IN (7, 3, 1)),
		created_at timestamptz NOT NULL DEFAULT now(),
		read_at timestamptz,
		CHECK ((kind = 'reminder') = (days_left IS NOT NULL))
	)`,
	// The bell's count: a recipient's unread ones; the list: a recipient's newest first.
	`CREATE INDEX notifications_unread_idx ON notifications (recipient_id, read_at)`,
	`CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, id)`,
	`CREATE UNIQUE INDEX notifications_reminder_once_idx
		ON notifications (unit_id, period_id, days_left, recipient_id) WHERE kind = 'reminder'`,

	`CREATE TABLE mail_outbox (
		id serial PRIMARY KEY,
		notification_id integer REFERENCES notifications (id) ON DELETE SET NULL,
		recipient text NOT NULL,
		subject text NOT NULL,
		body text NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now(),
		attempts integer NOT NULL DEFAULT 0,
		next_attempt_at timestamptz NOT NULL DEFAULT now(),
		sent_at timestamptz,
		last_error text
	)`,
	`CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const statement of [
		`DROP TABLE mail_outbox`,
		`DROP TABLE notifications`,
		`ALTER TABLE users DROP COLUMN email`
	]) {
		await sql.raw(statement).execute(db);
	}
}
