// The pure decisions of the folder lock (./lock.ts): whether a lock socket's holder is alive,
// whether a take-over guard was left by a dead process, and what a refused process prints.

/** Who holds a PGlite folder, as written beside its lock socket. */
export interface Holder {
	pid: number;
	/** How it was started: `npm run db:seed (tsx scripts/seed.ts)`, `node build/index.js` … */
	command: string;
	/** ISO 8601 with the offset. */
	since: string;
	host: string;
}

/** What the refused process was going to do: it decides the advice. */
export type Purpose = 'app' | 'maintenance' | 'user-create' | 'other';

export type ProbeVerdict = 'alive' | 'dead' | 'gone';

/**
 * What connecting to the lock socket says about its holder, from the connect error's code
 * (null: connected). A refused connection means nobody listens: the holder died (kill -9, power
 * cut) and its socket file stayed. A full backlog (EAGAIN) means a live, busy holder.
 */
export function probeVerdict(code: string | null | undefined): ProbeVerdict {
	if (!code || code === 'EAGAIN') return 'alive';
	if (code === 'ECONNREFUSED') return 'dead';
	if (code === 'ENOENT') return 'gone';
	throw new Error(`Cannot tell whether the lock's holder is alive (${code}).`);
}

/**
 * A take-over takes milliseconds; a guard older than this was left by a process killed in
 * the middle of one, and may be removed.
 */
export const GUARD_STALE_MS = 5_000;

export function guardIsStale(ageMs: number): boolean {
	return ageMs > GUARD_STALE_MS;
}

const ADVICE: Record<Purpose, (holder: Holder | undefined) => string> = {
	app: () =>
		'Use the app that runs, or stop it first. Several app instances need a PostgreSQL server ' +
		'(DATABASE_URL).',
	maintenance: (holder) =>
		`Stop that process first (Ctrl+C in its terminal, ${holder ? `kill ${holder.pid}` : 'kill'}` +
		', or your service manager), then run this command again.',
	'user-create': () => 'Wait until that process ends, then run this command again.',
	other: () => 'Stop that process first, or wait until it ends.'
};

export function folderInUseMessage(dir: string, holder: Holder | undefined, purpose: Purpose) {
	const who = holder
		? `process ${holder.pid} (${holder.command})` +
			`${holder.host ? ` on ${holder.host}` : ''}, running since ${holder.since}`
		: 'another process';
	return (
		`The embedded database ${dir} is in use by ${who}. ` +
		`Only one process may open it at a time. ${ADVICE[purpose](holder)}`
	);
}

/** A holder file's content, or undefined when it is missing, partial or not one. */
export function readHolder(text: string | undefined): Holder | undefined {
	if (!text) return undefined;
	try {
		const value = JSON.parse(text);
		if (
			typeof value?.pid === 'number' &&
			typeof value.command === 'string' &&
			typeof value.since === 'string'
		) {
			return { pid: value.pid, command: value.command, since: value.since, host: value.host ?? '' };
		}
	} catch {
		// A holder killed while writing it: say nothing rather than something wrong.
	}
	return undefined;
}
