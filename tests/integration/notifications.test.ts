// Notifications on the seeded demo: each workflow step tells those it concerns in its own
// transaction, the officer's list and read marks, e-mail through the outbox to a real SMTP server
// (smtp-server), and reminders written once however many runs or instances write them.
import type { Kysely } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pathInScope } from '../../src/lib/domain/authorization';
import type { Actor } from '../../src/lib/server/assessments/service';
import { inAreaScope } from '../../src/lib/server/auth/area-scope';
import type { AssessmentPlace } from '../../src/lib/server/assessments/repository';
import { createDatabase } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { uploadEvidence } from '../../src/lib/server/evidence/service';
import { grantExtension } from '../../src/lib/server/periods/service';
import { createTransport, mailConfig } from '../../src/lib/server/mail/config';
import { drainOutbox } from '../../src/lib/server/mail/outbox';
import { sendReminders } from '../../src/lib/server/notifications/reminders';
import { runNotificationJobs } from '../../src/lib/server/notifications/scheduler';
import {
	countUnread,
	listNotifications,
	markAllRead,
	markRead
} from '../../src/lib/server/notifications/repository';
import {
	actorNamed,
	at,
	COMPLETE,
	ctx,
	freshPlace,
	openAssessmentDatabase,
	pdf,
	placeOf,
	save,
	step
} from './helpers/assessments';
import { expectKeptFiguresFresh } from './helpers/kept';

const UNIT = '16681';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let place: AssessmentPlace;
let officer: Actor;
let reviewer: Actor;
let admin: Actor;
let smtp: SMTPServer;
let port: number;
const received: { to: string[]; subject: string; text: string }[] = [];
const saved = { SMTP_URL: process.env.SMTP_URL, ORIGIN: process.env.ORIGIN };

beforeAll(async () => {
	database = await openAssessmentDatabase();
	db = ctx.db;
	place = await freshPlace(UNIT, { recognitions: true });
	officer = await actorNamed(`officer.${UNIT}`);
	reviewer = await actorNamed('reviewer.vinh');
	admin = await actorNamed('admin');
	await db
		.updateTable('users')
		.set({ email: 'canbo@phuong.gov.vn' })
		.where('id', '=', officer.id)
		.execute();
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				received.push({
					to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
					subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '',
					text: raw
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	port = (smtp.server.address() as { port: number }).port;
	process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
	process.env.ORIGIN = 'https://kieumau.example.vn';
});

afterAll(async () => {
	process.env.SMTP_URL = saved.SMTP_URL;
	process.env.ORIGIN = saved.ORIGIN;
	if (saved.SMTP_URL === undefined) delete process.env.SMTP_URL;
	if (saved.ORIGIN === undefined) delete process.env.ORIGIN;
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
	await database.drop();
});
afterEach(() => expectKeptFiguresFresh(db));

/** The notifications of the place's unit, by recipient username. */
async function noticesOfUnit(kind: string) {
	return db
		.selectFrom('notifications as n')
		.innerJoin('users as r', 'r.id', 'n.recipient_id')
		.select(['r.username', 'r.role', 'n.params', 'n.assessment_id as assessmentId'])
		.where('n.unit_id', '=', place.unit.id)
		.where('n.kind', '=', kind as never)
		.orderBy('r.username')
		.execute();
}

describe('notifications of the workflow', () => {
	it('tells the reviewers whose scope covers the unit of a submission', async () => {
		await save(officer, place, { values: COMPLETE }, at(1));
		for (const criterion of ctx.criteria.filter((c) => c.evidenceRequired)) {
			await uploadEvidence(
				db,
				ctx.storage,
				officer,
				place,
				{ criterionCode: criterion.code, fileName: 'minh-chung.pdf', bytes: pdf(criterion.code) },
				at(2)
			);
		}
		// One reviewer scoped to the unit's area, one to another area: only the first hears of it.
		const areaOf = await db
			.selectFrom('area_members')
			.select(['area_id', 'area_set_id'])
			.where('unit_id', '=', place.unit.id)
			.executeTakeFirstOrThrow();
		const elsewhere = await db
			.selectFrom('areas')
			.select('id')
			.where('area_set_id', '=', areaOf.area_set_id)
			.where('id', '!=', areaOf.area_id)
			.executeTakeFirstOrThrow();
		await db
			.updateTable('users')
			.set({ area_id: areaOf.area_id })
			.where('username', '=', 'reviewer.vinh')
			.execute();
		await db
			.updateTable('users')
			.set({ area_id: elsewhere.id })
			.where('username', '=', 'reviewer.413')
			.execute();
		await step(officer, place, { transition: 'submit' }, at(3));
		const told = await noticesOfUnit('submitted');
		expect(told.length).toBeGreaterThan(0);
		expect(told.every((row) => row.role === 'district_reviewer')).toBe(true);
		expect(told.map((row) => row.username)).toContain('reviewer.vinh');
		// Exactly the reviewers the guards let act on the unit (scope, then area).
		const reviewers = await db
			.selectFrom('users as r')
			.innerJoin('units as s', 's.id', 'r.unit_id')
			.select(['r.username', 's.path', 'r.area_id as areaId'])
			.where('r.role', '=', 'district_reviewer')
			.orderBy('r.username')
			.execute();
		const covering = [];
		for (const r of reviewers) {
			if (pathInScope(place.unit.path, r.path) && (await inAreaScope(db, r, place.unit.path))) {
				covering.push(r.username);
			}
		}
		expect(covering.length).toBeLessThan(reviewers.length);
		expect(told.map((row) => row.username)).toEqual(covering);
		expect(covering).not.toContain('reviewer.413');
	});

	it('tells the officers of a return with the reason, and queues their e-mail', async () => {
		await step(reviewer, place, { transition: 'return', reason: 'Thiếu biên bản họp dân.' }, at(4));
		const told = await noticesOfUnit('returned');
		expect(told.map((row) => row.username)).toContain(`officer.${UNIT}`);
		expect(told.every((row) => row.role === 'ward_officer')).toBe(true);
		expect(told[0].params).toEqual({ reason: 'Thiếu biên bản họp dân.' });
		const outbox = await db.selectFrom('mail_outbox').selectAll().execute();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({ recipient: 'canbo@phuong.gov.vn', sent_at: null });
		expect(outbox[0].subject).toContain('Bị trả lại');
		expect(outbox[0].body).toContain('Thiếu biên bản họp dân.');
		expect(outbox[0].body).toContain(
			`https://kieumau.example.vn/campaigns/CAP-DHKM/units/${UNIT}/periods/2026-Q4`
		);
	});

	it('sends the e-mail through SMTP once, and marks it sent', async () => {
		const config = mailConfig()!;
		const transport = createTransport(config);
		expect(await drainOutbox(db, transport, config.from)).toEqual({ sent: 1, failed: 0 });
		expect(await drainOutbox(db, transport, config.from)).toEqual({ sent: 0, failed: 0 });
		transport.close();
		expect(received).toHaveLength(1);
		expect(received[0].to).toEqual(['canbo@phuong.gov.vn']);
		expect(received[0].subject).toMatch(/^=\?UTF-8\?|Kiểu mẫu/);
		const row = await db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
		expect(row.sent_at).not.toBeNull();
		expect(row.attempts).toBe(1);
	});

	it('keeps a failed send for later, with its error and a longer wait', async () => {
		await step(officer, place, { transition: 'submit' }, at(5));
		await step(reviewer, place, { transition: 'verify' }, at(6));
		const verified = await noticesOfUnit('verified');
		expect(verified.length).toBeGreaterThan(0);
		expect(verified.every((row) => row.role === 'province_admin')).toBe(true);
		expect(verified.map((row) => row.username)).toContain('admin');
		await step(
			admin,
			place,
			{ transition: 'approve', decisionNumber: '12/QĐ-UBND', decisionDate: '2026-11-27' },
			at(7)
		);
		const approved = await noticesOfUnit('approved');
		expect(approved.map((row) => row.username)).toContain(`officer.${UNIT}`);
		expect(approved[0].params).toEqual({ decision: '12/QĐ-UBND' });
		// The server is down: the message stays, with its error, for a later try.
		const dead = createTransport({ url: 'smtp://127.0.0.1:1', from: 'x@y.vn', origin: '' });
		const now = new Date();
		expect(await drainOutbox(db, dead, 'x@y.vn', { now: () => now })).toEqual({
			sent: 0,
			failed: 1
		});
		const row = await db
			.selectFrom('mail_outbox')
			.selectAll()
			.where('sent_at', 'is', null)
			.executeTakeFirstOrThrow();
		expect(row.attempts).toBe(1);
		expect(row.last_error).toBeTruthy();
		expect(new Date(row.next_attempt_at).getTime()).toBe(now.getTime() + 60_000);
		// Not due yet: nothing is tried.
		expect(await drainOutbox(db, dead, 'x@y.vn', { now: () => now })).toEqual({
			sent: 0,
			failed: 0
		});
	});

	it('lists the officer’s notifications newest first, marks one read, then all', async () => {
		const list = await listNotifications(db, officer.id, 50);
		expect(list.map((row) => row.kind)).toEqual(['approved', 'returned']);
		expect(await countUnread(db, officer.id)).toBe(2);
		const link = await markRead(db, officer.id, list[1].id, at(8));
		expect(link).toEqual({ unitCode: UNIT, campaignCode: 'CAP-DHKM', periodLabel: '2026-Q4' });
		expect(await countUnread(db, officer.id)).toBe(1);
		// Another user's notification is neither marked nor revealed.
		expect(await markRead(db, reviewer.id, list[0].id, at(8))).toBeUndefined();
		expect(await countUnread(db, officer.id)).toBe(1);
		expect(await markAllRead(db, officer.id, at(9))).toBe(1);
		expect(await countUnread(db, officer.id)).toBe(0);
	});
});

describe('notifications of an extension', () => {
	it('tells the unit’s officers until when they may submit, in the grant’s transaction', async () => {
		const other = await placeOf('16702');
		const until = new Date('2027-01-20T16:59:00Z');
		await grantExtension(
			db,
			{ ...admin, scopePath: '/40/', ip: null },
			{ id: ctx.campaign.id, code: ctx.campaign.code },
			'2026-Q4',
			{ unitCode: '16702', until, reason: 'Mất điện kéo dài' }
		);
		const told = await db
			.selectFrom('notifications as n')
			.innerJoin('users as r', 'r.id', 'n.recipient_id')
			.select(['r.username', 'r.role', 'n.params'])
			.where('n.kind', '=', 'extended')
			.where('n.unit_id', '=', other.unit.id)
			.execute();
		expect(told.map((row) => row.username)).toContain('officer.16702');
		expect(told.every((row) => row.role === 'ward_officer')).toBe(true);
		expect(told[0].params).toEqual({ until: until.toISOString() });
	});
});

describe('reminders', () => {
	const threeDaysBefore = async () => {
		// The period closes at the end of a Vietnamese day three days after "now".
		const now = new Date('2026-12-28T09:00:00+07:00');
		await db
			.updateTable('periods')
			.set({ closes_at: new Date('2026-12-31T23:59:59+07:00') })
			.where('id', '=', place.period.id)
			.execute();
		return now;
	};

	it('reminds each officer of a unit that has not submitted, once per threshold', async () => {
		const now = await threeDaysBefore();
		const other = await freshPlace('16690');
		const written = await sendReminders(db, now);
		expect(written).toBeGreaterThan(0);
		expect(await sendReminders(db, now)).toBe(0);
		const rows = await db
			.selectFrom('notifications as n')
			.innerJoin('users as r', 'r.id', 'n.recipient_id')
			.select(['r.username', 'n.days_left', 'n.params'])
			.where('n.kind', '=', 'reminder')
			.where('n.unit_id', '=', other.unit.id)
			.execute();
		expect(rows.map((row) => row.username)).toContain('officer.16690');
		expect(new Set(rows.map((row) => row.username)).size).toBe(rows.length);
		for (const row of rows) {
			expect(row).toMatchObject({
				days_left: 3,
				params: { days: '3', deadline: '2026-12-31T16:59:59.000Z' }
			});
		}
		// The approved unit is not reminded.
		const approvedUnit = await db
			.selectFrom('notifications')
			.select('id')
			.where('kind', '=', 'reminder')
			.where('unit_id', '=', place.unit.id)
			.execute();
		expect(approvedUnit).toEqual([]);
	});

	if (process.env.TEST_DATABASE_URL)
		it('writes each reminder once when two instances run at the same time', async () => {
			const now = new Date('2026-12-30T09:00:00+07:00'); // one day left
			const url = new URL(process.env.TEST_DATABASE_URL!);
			const name = await db
				.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
				.executeTakeFirstOrThrow();
			url.pathname = `/${name.name}`;
			const second = createDatabase({ url: url.toString(), poolSize: 2 });
			try {
				// The scheduler's job on each instance: under the cluster lock, then the unique index.
				const [a, b] = await Promise.all([
					runNotificationJobs(db, now),
					runNotificationJobs(second, now)
				]);
				const total = await db
					.selectFrom('notifications')
					.select((eb) => eb.fn.countAll<string>().as('n'))
					.where('kind', '=', 'reminder')
					.where('days_left', '=', 1)
					.executeTakeFirstOrThrow();
				expect(a.reminders + b.reminders).toBe(Number(total.n));
				expect(await sendReminders(second, now)).toBe(0);
				expect(Number(total.n)).toBeGreaterThan(0);
			} finally {
				await second.destroy();
			}
		});
});
