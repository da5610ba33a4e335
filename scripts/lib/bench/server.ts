// The built app on a free port of 127.0.0.1, stoppable. (scripts/lib/serve.ts is made for
// `npm start`: it ends the whole process with the server.)
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(import.meta.dirname, '../../..');

export interface RunningServer {
	url: string;
	stop(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

async function answers(url: string): Promise<boolean> {
	try {
		return (await fetch(`${url}/healthz`)).ok;
	} catch {
		return false;
	}
}

/**
 * Starts `node build` with `env` (the database settings) and resolves once it answers. Its log
 * (a JSON line per request) goes to `logFile`, not through this process: relaying thousands of
 * lines a second would take CPU from the server and the load generator alike.
 */
export async function startServer(
	env: NodeJS.ProcessEnv,
	log: (line: string) => void,
	logFile: string
): Promise<RunningServer> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const out = openSync(logFile, 'a');
	const child = spawn(process.execPath, [path.join(root, 'build/index.js')], {
		cwd: root,
		// A benchmark need not wait for open connections on shutdown (adapter-node waits 30 s).
		env: { ...env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, SHUTDOWN_TIMEOUT: '1' },
		// stdout carries the report alone; the server's errors still show on stderr.
		stdio: ['ignore', out, 'inherit']
	});
	closeSync(out);
	let stopping = false;
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code, signal) => {
			if (!stopping) log(`the app exited unasked (code ${code}, signal ${signal}); see ${logFile}`);
			resolve();
		})
	);
	const started = performance.now();
	while (!(await answers(url))) {
		if (child.exitCode !== null || child.signalCode !== null) {
			const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-10).join('\n');
			throw new Error(`The app exited with code ${child.exitCode} before listening:\n${tail}`);
		}
		if (performance.now() - started > 60_000) {
			child.kill('SIGKILL');
			throw new Error('The app did not start within 60 s.');
		}
		await sleep(100);
	}
	log(`app listening on ${url} (its log: ${logFile})`);
	return {
		url,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) {
				if (!stopping)
					log(`the app had exited (code ${child.exitCode}, signal ${child.signalCode})`);
				stopping = true;
				return;
			}
			stopping = true;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(timer);
		}
	};
}
