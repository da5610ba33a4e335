// Builds when the build is missing or older than the sources, then serves the built app.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const SOURCES = [
	'src',
	'messages',
	'static',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newestChange(entry: string): number {
	const full = path.join(root, entry);
	if (!existsSync(full)) return 0;
	const stat = statSync(full);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(full).reduce(
		(newest, child) =>
			child === 'paraglide' ? newest : Math.max(newest, newestChange(path.join(entry, child))),
		stat.mtimeMs
	);
}

export function buildIfNeeded(log = console.log) {
	const built = path.join(root, 'build/index.js');
	const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
	if (builtAt > Math.max(...SOURCES.map(newestChange))) return;
	log(builtAt ? 'Sources changed: rebuilding…' : 'No build yet: building…');
	const result = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
		{
			cwd: root,
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	if (result.status !== 0) throw new Error('The build failed (see above).');
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** How long the server finishes the requests in flight once asked to stop (adapter-node's). */
export const SHUTDOWN_TIMEOUT_SECONDS = 10;

/** 128 + the signal's number, as a shell reports a process that a signal ended. */
export function signalExitCode(signal: NodeJS.Signals): number {
	return 128 + (os.constants.signals[signal] ?? 0);
}

let server: { child: ChildProcess; shutdownSeconds: number } | undefined;
/** The signal relayed to the server, once: it stops on the first and ignores more. */
let stopSignal: NodeJS.Signals | undefined;

function onSignal(signal: NodeJS.Signals) {
	if (server) {
		if (stopSignal) return;
		stopSignal = signal;
		const { child, shutdownSeconds } = server;
		console.log(`\n${signal}: stopping; requests in flight may finish first (at most \
${shutdownSeconds} s)…`);
		child.kill(signal);
		// A server that hangs past its own limit is killed, and this process says so by its code.
		setTimeout(() => child.kill('SIGKILL'), (shutdownSeconds + 10) * 1000).unref();
		return;
	}
	// A build under way has finished by now (it runs synchronously); migrations and the demo seed
	// each run in one transaction, which the database rolls back when this process ends.
	console.error(`\n${signal} before the server started: stopped. Nothing is left half-done: \
a build under way was finished first, a migration or the demo seed under way is rolled back, \
and the next start runs it again.`);
	process.exit(signalExitCode(signal));
}

/**
 * SIGINT and SIGTERM from now on: before serve() they stop this process at once (exit code 128 +
 * the signal's number); after, they go to the server, which stops taking connections, finishes
 * the requests in flight, closes the database and exits, and this process exits as it did.
 * `npm start` runs this script with `exec`, so the signal a supervisor sends npm reaches it.
 */
export function handleSignals() {
	for (const signal of SIGNALS) {
		if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
	}
}

/**
 * Starts `node build` and resolves with its address once it listens. When the server ends, this
 * process ends too: with 0 when it stopped cleanly, else with its code, or 128 + the number of
 * the signal that killed it, so that a supervisor restarts it. `lockFd`, the PGlite folder's lock
 * socket, is inherited by the server as descriptor 3 (src/lib/server/db/lock.ts).
 */
export function serve(env: NodeJS.ProcessEnv, lockFd?: number): Promise<{ url: string }> {
	const port = env.PORT || '3000';
	const origin = env.ORIGIN || `http://localhost:${port}`;
	const shutdownSeconds = Number(env.SHUTDOWN_TIMEOUT) || SHUTDOWN_TIMEOUT_SECONDS;
	handleSignals();
	const child = spawn(process.execPath, [path.join(root, 'build/index.js')], {
		cwd: root,
		env: {
			// Evidence files reach 20 MiB: the body limit sits above it so the app, not the adapter,
			// answers an oversized file with a message beside the field.
			BODY_SIZE_LIMIT: '25M',
			...env,
			SHUTDOWN_TIMEOUT: String(shutdownSeconds),
			PORT: port,
			ORIGIN: origin,
			...(lockFd === undefined ? {} : { KIEUMAU_LOCK_FD: '3' })
		},
		stdio: ['ignore', 'pipe', 'inherit', ...(lockFd === undefined ? [] : [lockFd])]
	});
	server = { child, shutdownSeconds };
	child.on('exit', (code, signal) => {
		// Ctrl+C in a terminal signals the whole process group: the server gets SIGINT from the
		// terminal and from here, and the second can land as it exits, after its handlers are gone.
		// Dying by the very signal that asked it to stop is stopping as asked.
		const asked = signal !== null && signal === stopSignal;
		const status = asked ? 0 : signal ? signalExitCode(signal) : (code ?? 1);
		if (status !== 0) {
			console.error(
				`The server ${signal ? `was killed by ${signal}` : `exited with code ${code}`}: exiting with ${status}.`
			);
		}
		process.exit(status);
	});
	return new Promise((resolve) => {
		// The adapter's "Listening on" line gives way to the start message; the log lines pass.
		child.stdout!.on('data', (chunk: Buffer) => {
			const text = chunk.toString();
			const listening = /^Listening on .*\n?/m;
			if (listening.test(text)) resolve({ url: origin });
			const rest = text.replace(listening, '');
			if (rest) process.stdout.write(rest);
		});
	});
}
