// The built app as a real process: started on a free port with a database of its own, its output
// kept for assertions, stopped by a signal of the test's choosing.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../../scripts/lib/bench/server';

export { freePort };

export const root = path.resolve(import.meta.dirname, '../../..');

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface RunningApp {
	url: string;
	child: ChildProcess;
	/** Everything the process wrote to stdout and stderr so far, line by line. */
	output: string[];
	exited: Promise<Exit>;
	/** Sends `signal` (SIGTERM by default) and resolves with how the process ended. */
	stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface StartOptions {
	/** DATA_DIR and, on PostgreSQL, DATABASE_URL (see ./data.ts), plus anything else to set. */
	env: NodeJS.ProcessEnv;
	/** What to run from the project's root; `node build/index.js` by default. */
	command?: string[];
	/** Resolves once a line matches; 'Listening on' (the adapter's) by default. */
	ready?: RegExp;
	timeoutMs?: number;
}

/** Starts the app and resolves once it listens on 127.0.0.1. */
export async function startApp(options: StartOptions): Promise<RunningApp> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const [program, ...args] = options.command ?? [process.execPath, 'build/index.js'];
	const child = spawn(program, args, {
		cwd: root,
		env: {
			...process.env,
			BODY_SIZE_LIMIT: '25M',
			...options.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: url
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	const exited = new Promise<Exit>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	const ready = options.ready ?? /Listening on/;
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`The app did not start:\n${output.join('\n')}`)),
			options.timeoutMs ?? 120_000
		);
		void exited.then(({ code, signal }) => {
			clearTimeout(timer);
			reject(
				new Error(`The app ended (${code ?? signal}) before listening:\n${output.join('\n')}`)
			);
		});
		for (const stream of [child.stdout!, child.stderr!]) {
			let rest = '';
			stream.on('data', (chunk: Buffer) => {
				const lines = (rest + chunk.toString()).split('\n');
				rest = lines.pop()!;
				for (const line of lines) {
					output.push(line);
					if (ready.test(line)) {
						clearTimeout(timer);
						resolve();
					}
				}
			});
		}
	});
	return {
		url,
		child,
		output,
		exited,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
			const exit = await exited;
			clearTimeout(timer);
			return exit;
		}
	};
}
