// The reminders as the built app sends them on its own schedule: a period closing in two days
// (Vietnam's calendar) for units that have submitted nothing; the app's notification jobs write
// each reminder once and e-mail it once through a real SMTP server, with two instances on one
// PostgreSQL database (one on the embedded PGlite, which one process holds), then stop on SIGTERM.
import { sql, type Kysely } from 'kysely';
import { afterEach, expect, test } from 'vitest';
import { audienceRoles } from '../../../src/lib/domain/notifications';
import { addDays, periodName, vnDate } from '../../../src/lib/domain/periods';
import type { Database } from '../../../src/lib/server/db/schema';
import { startApp, type RunningApp } from '../helpers/app';
import { freshData, kind, type AppData } from '../helpers/data';
import { logLines, within } from '../helpers/logs';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const INSTANCES = kind === 'postgres' ? 2 : 1;
/** 1.2 s between runs; the first run comes as soon (scheduler.ts: min(10 s, interval)). */
const INTERVAL_MINUTES = '0.02';
const FROM = 'nhacviec@kieumau.example.vn';
/** Units of the period whose officers get an e-mail address. */
const UNITS_WITH_EMAIL = 3;

let data: AppData | undefined;
let apps: RunningApp[] = [];
let smtp: TestSmtp | undefined;
afterEach(async () => {
	await Promise.all(apps.map((app) => app.stop('SIGKILL')));
	await smtp?.close();
	await data?.remove();
	apps = [];
	data = smtp = undefined;
});

interface Officer {
	unitId: number;
	unitName: string;
	officerId: number;
	username: string;
}

/**
 * The first open period now closes at 17:00 two days from today, Vietnam's date; the officers of
 * a few of its units with nothing submitted (and no extension) get an e-mail address.
 */
async function prepare(db: Kysely<Database>, now: Date) {
	const period = await db
		.selectFrom('periods as p')
		.innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
		.select(['p.id', 'p.label', 'c.code as campaign'])
		.where('p.status', '=', 'open')
		.orderBy('p.id')
		.executeTakeFirstOrThrow();
	const day = addDays(vnDate(now), 2);
	const deadline = new Date(`${day}T17:00:00+07:00`);
	await db
		.updateTable('periods')
		.set({ closes_at: deadline })
		.where('id', '=', period.id)
		.execute();
	const { rows } = await sql<Officer>`
		SELECT u.id AS "unitId", u.name AS "unitName", r.id AS "officerId", r.username
		FROM periods p
		JOIN campaigns c ON c.id = p.campaign_id
		JOIN units u ON u.kind = ANY (c.applies_to) AND u.status = 'active'
		JOIN users r ON r.unit_id = u.id AND r.active
			AND r.role IN (${sql.join(audienceRoles('reminder'))})
		WHERE p.id = ${period.id}
			AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.unit_id = u.id AND a.period_id = p.id
				AND a.status IN ('submitted', 'verified', 'approved'))
			AND NOT EXISTS (SELECT 1 FROM period_extensions x
				WHERE x.unit_id = u.id AND x.period_id = p.id)
		ORDER BY u.id, r.id
	`.execute(db);
	const units = [...new Set(rows.map((row) => row.unitId))].slice(0, UNITS_WITH_EMAIL);
	const officers = rows.filter((row) => units.includes(row.unitId));
	expect(units).toHaveLength(UNITS_WITH_EMAIL);
	for (const officer of officers) {
		await db
			.updateTable('users')
			.set({ email: `${officer.username}@phuong.example.vn` })
			.where('id', '=', officer.officerId)
			.execute();
	}
	const [year, month, date] = day.split('-');
	return { period, deadline, shown: `17:00 ${date}/${month}/${year}`, officers };
}

/** The app's runs of the notification jobs so far (LOG_LEVEL=debug logs the idle ones too). */
function runs(app: RunningApp) {
	return logLines(app.output)
		.filter((line) => line.msg === 'notification jobs')
		.map((line) => ({
			at: Date.parse(line.time),
			reminders: Number(line.reminders),
			sent: Number(line.sent),
			failed: Number(line.failed)
		}));
}

test(`each reminder is written once and e-mailed once by ${INSTANCES} running instance(s)`, async () => {
	data = await freshData();
	const db = data.open();
	const now = new Date();
	let prepared: Awaited<ReturnType<typeof prepare>>;
	try {
		prepared = await prepare(db, now);
	} finally {
		await db.destroy();
	}
	const { period, deadline, shown, officers } = prepared;

	smtp = await startSmtp();
	const env = {
		...data.env,
		SMTP_URL: smtp.url,
		MAIL_FROM: `Kiểu mẫu <${FROM}>`,
		NOTIFY_INTERVAL_MINUTES: INTERVAL_MINUTES,
		LOG_LEVEL: 'debug'
	};
	apps = await Promise.all(Array.from({ length: INSTANCES }, () => startApp({ env })));

	// Done when mail has come and every instance has since run twice and found nothing to do
	// (the second idle run started after the last message), having run at least four times.
	const inbox = smtp.received;
	await within(45_000, async () => {
		if (inbox.length === 0) return false;
		const last = Math.max(...inbox.map((mail) => mail.at));
		return apps.every((app) => {
			const done = runs(app);
			const idle = done.filter((run) => run.at > last && run.reminders + run.sent === 0);
			return done.length >= 4 && idle.length >= 2;
		});
	});

	const exits = await Promise.all(apps.map((app) => app.stop('SIGTERM')));
	expect(exits).toEqual(apps.map(() => ({ code: 0, signal: null })));
	for (const app of apps) expect(runs(app).every((run) => run.failed === 0)).toBe(true);

	const check = data.open();
	try {
		const reminders = await check
			.selectFrom('notifications as n')
			.innerJoin('users as r', 'r.id', 'n.recipient_id')
			.select([
				'n.id',
				'n.unit_id as unitId',
				'n.period_id as periodId',
				'n.days_left as daysLeft',
				'n.recipient_id as recipientId',
				'n.params',
				'r.email'
			])
			.where('n.kind', '=', 'reminder')
			.execute();
		const outbox = await check
			.selectFrom('mail_outbox')
			.select(['notification_id as notificationId', 'recipient', 'subject', 'body'])
			.select(['attempts', 'sent_at as sentAt'])
			.execute();

		// Each (unit, period, threshold, recipient) once, and as many as the instances wrote.
		const keys = reminders.map((n) => `${n.unitId}/${n.periodId}/${n.daysLeft}/${n.recipientId}`);
		expect(new Set(keys).size).toBe(reminders.length);
		const written = apps.flatMap(runs).reduce((sum, run) => sum + run.reminders, 0);
		expect(written).toBe(reminders.length);

		// The officers given an address were reminded: three days' threshold, two days left.
		for (const officer of officers) {
			const mine = reminders.filter(
				(n) => n.recipientId === officer.officerId && n.periodId === period.id
			);
			expect(mine, officer.username).toHaveLength(1);
			expect(mine[0]).toMatchObject({
				unitId: officer.unitId,
				daysLeft: 3,
				params: { days: '2', deadline: deadline.toISOString() }
			});
		}

		// One message queued per reminder with an address, each sent once, and received once.
		const mailed = reminders.filter((n) => n.email);
		expect(mailed.length).toBeGreaterThanOrEqual(officers.length);
		expect(outbox.map((row) => `${row.notificationId} ${row.recipient}`).sort()).toEqual(
			mailed.map((n) => `${n.id} ${n.email}`).sort()
		);
		for (const row of outbox) {
			expect(row.sentAt).not.toBeNull();
			expect(row.attempts).toBe(1);
		}
		const sent = apps.flatMap(runs).reduce((sum, run) => sum + run.sent, 0);
		expect(sent).toBe(mailed.length);
		const expected = outbox
			.map((row) => ({
				from: FROM,
				to: [row.recipient],
				subject: row.subject,
				text: row.body.trimEnd()
			}))
			.sort(order);
		const got = inbox.map(({ from, to, subject, text }) => ({ from, to, subject, text }));
		expect(got.sort(order)).toEqual(expected);

		// What an officer of the period reads: the deadline in the subject and the text.
		for (const officer of officers) {
			const mails = inbox.filter(
				(mail) =>
					mail.to[0] === `${officer.username}@phuong.example.vn` &&
					mail.text.includes(`${periodName(period.label, 'vi')} (${period.campaign})`)
			);
			expect(mails, officer.username).toHaveLength(1);
			expect(mails[0].subject).toBe(`[Kiểu mẫu] Sắp hết hạn: ${officer.unitName}`);
			expect(mails[0].text).toContain(`đóng sau 2 ngày, hạn ${shown}; ${officer.unitName}`);
		}
	} finally {
		await check.destroy();
	}
});

function order(a: { to: string[]; text: string }, b: { to: string[]; text: string }) {
	return `${a.to}\n${a.text}`.localeCompare(`${b.to}\n${b.text}`);
}
