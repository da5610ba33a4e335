// The app's side of the control socket: POST /commands/{name} with a JSON object runs the
// registered command (./registry.ts) and answers {result} as JSON, or the bytes it streams;
// a refusal answers {error} with its status. Only the owner of DATA_DIR reaches the socket
// (../db/lock.ts makes it 0600 in a 0700 folder).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { Refusal } from '../failure';
import { log } from '../log';
import { findCommand } from './registry';

const MAX_ARGS_BYTES = 1 << 20;

function answer(response: ServerResponse, status: number, body: unknown) {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text)
	});
	response.end(text);
}

async function readArgs(request: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_ARGS_BYTES) throw new Refusal(413, {}, 'The arguments are too large.');
		chunks.push(chunk);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	const args: unknown = text ? JSON.parse(text) : {};
	if (typeof args !== 'object' || args === null || Array.isArray(args)) {
		throw new Refusal(400, {}, 'The arguments must be a JSON object.');
	}
	return args as Record<string, unknown>;
}

/** The command a request's path names (/commands/{name}), or undefined for anything else. */
function commandName(url = ''): string | undefined {
	const encoded = /^\/commands\/([^/?]+)$/.exec(url)?.[1];
	try {
		return encoded === undefined ? undefined : decodeURIComponent(encoded);
	} catch {
		return undefined;
	}
}

/** The request handler of the control socket, running commands on `db`. */
export function controlHandler(db: () => Kysely<Database>): RequestListener {
	return (request, response) => {
		const name = commandName(request.url);
		const command = name === undefined ? undefined : findCommand(name);
		if (request.method !== 'POST' || !command) {
			answer(response, 404, { error: `The app has no command ${name || request.url}.` });
			return;
		}
		const aborted = new AbortController();
		response.on('close', () => {
			if (!response.writableFinished) aborted.abort();
		});
		let streaming = false;
		const context = {
			db: db(),
			signal: aborted.signal,
			stream(contentType = 'application/octet-stream') {
				if (!streaming) response.writeHead(200, { 'content-type': contentType });
				streaming = true;
				return response;
			}
		};
		void (async () => {
			try {
				const result = await command(await readArgs(request), context);
				if (!streaming) answer(response, 200, { result: result ?? null });
				else if (!response.writableEnded) response.end();
			} catch (error) {
				if (streaming) {
					log.error({ err: error, command: name }, 'control command failed while streaming');
					response.destroy(error instanceof Error ? error : new Error(String(error)));
				} else if (error instanceof Refusal) {
					answer(response, error.status, { error: error.message });
				} else if (error instanceof SyntaxError) {
					answer(response, 400, { error: `The arguments are not JSON: ${error.message}` });
				} else {
					log.error({ err: error, command: name }, 'control command failed');
					answer(response, 500, { error: `The app failed to run ${name} (see its log).` });
				}
			}
		})();
	};
}
