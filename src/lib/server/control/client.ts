// The script's side of the control socket: runs a named command inside the running app
// (./registry.ts) over HTTP on DATA_DIR/pglite.sock, a Unix socket only the owner of DATA_DIR
// can open. No TCP port is involved.
import http from 'node:http';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { lockSocketPath, socketAddress } from '../db/lock';

/** No app answers on the socket: nothing holds the folder, or a process that died left it. */
export class AppNotRunning extends Error {
	constructor(readonly dataDir: string) {
		super(`No app is running on ${dataDir}.`);
		this.name = 'AppNotRunning';
	}
}

/** The app answered, and refused or failed: `message` says why, in the app's words. */
export class CommandFailed extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = 'CommandFailed';
	}
}

/** The control socket of the PGlite folder under `dataDir` (DATA_DIR). */
export function controlSocket(dataDir: string): string {
	return lockSocketPath(path.join(dataDir, 'pglite'));
}

/**
 * Runs `name` with `args` inside the app serving `dataDir` (DATA_DIR). Resolves with the
 * command's JSON answer; when the command streams bytes instead, they are piped into `output`
 * and it resolves with undefined once the stream ended whole (it rejects if the app stopped
 * half-way). Rejects with AppNotRunning when no app listens, CommandFailed when it refused.
 */
export function runInApp(
	dataDir: string,
	name: string,
	args: Record<string, unknown> = {},
	output?: Writable
): Promise<unknown> {
	const body = JSON.stringify(args);
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				socketPath: socketAddress(controlSocket(dataDir)),
				path: `/commands/${encodeURIComponent(name)}`,
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body)
				}
			},
			(response) => {
				const json = response.headers['content-type']?.startsWith('application/json');
				if (json || (response.statusCode ?? 500) >= 400) {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('error', reject);
					response.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						let answer: { result?: unknown; error?: string } = {};
						try {
							answer = JSON.parse(text);
						} catch {
							answer = { error: text || `status ${response.statusCode}` };
						}
						if ((response.statusCode ?? 500) >= 400) {
							reject(new CommandFailed(response.statusCode ?? 500, answer.error ?? text));
						} else resolve(answer.result);
					});
					return;
				}
				if (!output) {
					response.destroy();
					reject(new Error(`The command ${name} answered a stream and no output was given.`));
					return;
				}
				// A response cut short (the app stopped or failed half-way) rejects: never a
				// truncated file taken for a whole one.
				pipeline(response, output).then(() => {
					if (response.complete) resolve(undefined);
					else reject(new CommandFailed(500, `The app stopped sending ${name} before the end.`));
				}, reject);
			}
		);
		request.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') {
				reject(new AppNotRunning(dataDir));
			} else reject(error);
		});
		request.end(body);
	});
}
