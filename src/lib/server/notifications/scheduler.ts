// The notification jobs inside the server: every NOTIFY_INTERVAL_MINUTES (15 by default) the
// reminders are written under the cluster lock (one instance at a time; the unique index makes a
// repeat a no-op anyway), then the outbox is drained when SMTP is configured (several instances
// may drain together: each message is claimed by one, see mail/outbox.ts). The timer never keeps
// the process alive, and stops when the server shuts down. A failure is logged and retried on the
// next tick: the server stays up.
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import { withClusterLock } from '../db/cluster-lock';
import type { Database } from '../db/schema';
import { log } from '../log';
import { createTransport, mailConfig } from '../mail/config';
import { drainOutbox } from '../mail/outbox';
import { sendReminders } from './reminders';

type Db = Kysely<Database>;
type Env = Record<string, string | undefined>;

export const DEFAULT_INTERVAL_MINUTES = 15;
/** The first run waits this long after the start, so the server answers first. */
const FIRST_RUN_MS = 10_000;

export function intervalMs(env: Env = process.env): number {
	const minutes = Number(env.NOTIFY_INTERVAL_MINUTES);
	return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_INTERVAL_MINUTES) * 60_000;
}

let transport: Transporter | undefined;

/** One run: reminders under the cluster lock, then the outbox. */
export async function runNotificationJobs(db: Db, now = new Date()) {
	const reminders = await withClusterLock(db, 'notification-reminders', (locked) =>
		sendReminders(locked, now)
	);
	const config = mailConfig();
	if (!config) return { reminders, sent: 0, failed: 0 };
	transport ??= createTransport(config);
	const { sent, failed } = await drainOutbox(db, transport, config.from);
	return { reminders, sent, failed };
}

/** Starts the timer; returns the function that stops it. */
export function startNotificationJobs(getDb: () => Db, env: Env = process.env): () => void {
	const every = intervalMs(env);
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	const tick = async () => {
		try {
			const result = await runNotificationJobs(getDb());
			// A run that did something is news; an idle one is only for debugging (the tests count them).
			const busy = result.reminders || result.sent || result.failed;
			log[busy ? 'info' : 'debug'](result, 'notification jobs');
		} catch (failure) {
			log.warn({ err: failure }, 'notification jobs failed; retried at the next run');
		}
		schedule(every);
	};
	const schedule = (ms: number) => {
		if (stopped) return;
		timer = setTimeout(() => void tick(), ms);
		timer.unref();
	};
	schedule(Math.min(FIRST_RUN_MS, every));
	log.info(
		`Notification jobs every ${every / 60_000} min; e-mail ${mailConfig(env) ? 'on (SMTP_URL)' : 'off'}.`
	);
	const stop = () => {
		stopped = true;
		clearTimeout(timer);
		transport?.close();
		transport = undefined;
	};
	process.once('sveltekit:shutdown', stop);
	return stop;
}
