// The built app on a free port of 127.0.0.1, stoppable. (scripts/lib/serve.ts is made for
// `npm start`: it ends the whole process with the server.)
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

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

/** Starts `node build` with `env` (the database settings) and resolves once it listens. */
export async function startServer(
	env: NodeJS.ProcessEnv,
	log: (line: string) => void
): Promise<RunningServer> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [path.join(root, 'build/index.js')], {
		cwd: root,
		// A benchmark need not wait for open connections on shutdown (adapter-node waits 30 s).
		env: { ...env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, SHUTDOWN_TIMEOUT: '1' },
		// The server's output goes to stderr: stdout carries the report alone.
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('The app did not start within 60 s.')), 60_000);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`The app exited with code ${code} before listening.`));
		});
		child.stdout.on('data', (chunk: Buffer) => {
			const text = chunk.toString();
			if (text.includes('Listening on')) {
				clearTimeout(timer);
				resolve();
			} else log(text.trimEnd());
		});
	});
	log(`app listening on ${url}`);
	return {
		url,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(timer);
		}
	};
}
