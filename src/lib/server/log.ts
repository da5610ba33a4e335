// The server's one logger: JSON lines on standard output, one per request, per error, per refused
// action and per failed sign-in, for whatever collects the process's output (journald, a container
// runtime). Times carry the local offset, as an operator in Vietnam reads them. Never log cookies,
// passwords, form contents or query strings.
import { randomBytes } from 'node:crypto';
import pino from 'pino';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function pad(value: number, width = 2): string {
	return String(Math.trunc(Math.abs(value))).padStart(width, '0');
}

/** ISO 8601 with milliseconds and the offset of the process's time zone: 2026-12-01T14:03:00.123+07:00. */
export function localIsoTime(date: Date): string {
	const offset = -date.getTimezoneOffset();
	const sign = offset >= 0 ? '+' : '-';
	return (
		`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
		`T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
		`.${pad(date.getMilliseconds(), 3)}${sign}${pad(offset / 60)}:${pad(offset % 60)}`
	);
}

export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
	const level = (env.LOG_LEVEL ?? '').trim().toLowerCase();
	return LEVELS.has(level) ? level : 'info';
}

/**
 * An error as pino writes it, less what PostgreSQL adds about the rows involved ("Failing row
 * contains (…)" may hold a password hash or a user's note).
 */
function errorWithoutRows(error: Error) {
	const serialized = pino.stdSerializers.err(error) as Record<string, unknown>;
	delete serialized.detail;
	delete serialized.where;
	delete serialized.parameters;
	return serialized;
}

export const log = pino({
	level: logLevel(),
	base: { pid: process.pid },
	timestamp: () => `,"time":"${localIsoTime(new Date())}"`,
	formatters: { level: (label) => ({ level: label }) },
	serializers: { err: errorWithoutRows }
});

/**
 * The request id a client or proxy sent, when it is a plain token of reasonable length (so it
 * cannot forge log lines or carry a payload); otherwise a new one, short enough to read out.
 */
export function requestIdFrom(header: string | null): string {
	if (header && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(header)) return header;
	return randomBytes(8).toString('hex');
}
