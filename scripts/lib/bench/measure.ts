// Timing one page: sequential requests, server time from the Server-Timing header, with nothing
// written between them or each right after an officer's save; throughput and latency under
// concurrent load with autocannon.
import autocannon from 'autocannon';
import * as devalue from 'devalue';
import { percentile } from '../../../src/lib/domain/stats';

const APP_DURATION = /(?:^|,)\s*app;dur=([\d.]+)/;
const round = (ms: number) => Math.round(ms * 10) / 10;

export interface PageTiming {
	p50: number;
	p95: number;
	samples: number;
	/** 'server' from Server-Timing; 'client' when the header was missing (includes the network). */
	source: 'server' | 'client';
}

export interface LoadResult {
	rps: number;
	/**
	 * Client-measured, under load: queueing included. Null when nothing was answered within the
	 * run (autocannon drops the requests still open when it stops): each took longer than it.
	 */
	p50: number | null;
	p99: number | null;
	max: number | null;
	requests: number;
	non2xx: number;
	/** Connection errors and timeouts (autocannon counts timeouts among its errors). */
	errors: number;
	timeouts: number;
	/** The distinct messages of those errors (timeouts, resets). */
	errorMessages: string[];
}

/**
 * A GET as a browser asks for a page. Once again if the connection fails before an answer: a
 * kept-alive connection the server closed while idle (after a load) fails the first request on it.
 */
async function get(url: string, cookie: string, retry = true): Promise<Response> {
	try {
		return await fetch(url, {
			headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
			redirect: 'manual'
		});
	} catch (error) {
		if (!retry) {
			const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
			throw new Error(`GET ${url} failed${cause ? `: ${cause.message}` : ''}`, { cause: error });
		}
		return get(url, cookie, false);
	}
}

async function timedGet(url: string, cookie: string) {
	const started = performance.now();
	const response = await get(url, cookie);
	await response.arrayBuffer();
	const clientMs = performance.now() - started;
	const match = response.headers.get('server-timing')?.match(APP_DURATION);
	return {
		status: response.status,
		location: response.headers.get('location'),
		ms: match ? Number(match[1]) : clientMs,
		fromServer: Boolean(match)
	};
}

/**
 * The page's HTML; fails unless it answers 200: a redirect to sign-in or an error must not be
 * timed. An empty cookie asks as a signed-out visitor.
 */
export async function checkPage(url: string, cookie: string): Promise<string> {
	const response = await get(url, cookie);
	const html = await response.text();
	if (response.status !== 200) {
		const location = response.headers.get('location');
		throw new Error(
			`${url} answered ${response.status}${location ? ` (to ${location})` : ''}, not 200.`
		);
	}
	return html;
}

function timingOf(times: number[], fromServer: boolean): PageTiming {
	const sorted = [...times].sort((a, b) => a - b);
	return {
		p50: round(percentile(sorted, 50)),
		p95: round(percentile(sorted, 95)),
		samples: times.length,
		source: fromServer ? 'server' : 'client'
	};
}

export async function timePage(
	url: string,
	cookie: string,
	{ warmUp, samples }: { warmUp: number; samples: number }
): Promise<PageTiming> {
	for (let i = 0; i < warmUp; i++) await timedGet(url, cookie);
	const times: number[] = [];
	let fromServer = true;
	for (let i = 0; i < samples; i++) {
		const response = await timedGet(url, cookie);
		if (response.status !== 200) throw new Error(`${url} answered ${response.status} while timed.`);
		times.push(response.ms);
		fromServer &&= response.fromServer;
	}
	return timingOf(times, fromServer);
}

export async function loadPage(
	url: string,
	cookie: string,
	{ connections, duration }: { connections: number; duration: number }
): Promise<LoadResult> {
	const latencies: number[] = [];
	const errorMessages = new Set<string>();
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon(
			// A slow page should lower the figure, not be cut off at autocannon's default 10 s.
			{
				url,
				connections,
				duration,
				timeout: 60,
				headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) }
			},
			(error, finished) => (error ? reject(error) : resolve(finished))
		);
		instance.on('response', (_client, _status, _bytes, responseTime) =>
			latencies.push(responseTime)
		);
		instance.on('reqError', (error: Error) => errorMessages.add(error.message));
	});
	latencies.sort((a, b) => a - b);
	const answered = latencies.length > 0;
	return {
		rps: round(result.requests.average),
		p50: answered ? round(percentile(latencies, 50)) : null,
		p99: answered ? round(percentile(latencies, 99)) : null,
		max: answered ? round(latencies.at(-1)!) : null,
		requests: result.requests.total,
		non2xx: result.non2xx,
		errors: result.errors,
		timeouts: result.timeouts,
		errorMessages: [...errorMessages]
	};
}

/** One save of the assessment page's form (a note), as the page's script posts it. */
async function timedSave(
	url: string,
	cookie: string,
	criterion: string,
	note: string,
	version: number
) {
	const started = performance.now();
	const response = await fetch(`${url}?/save`, {
		method: 'POST',
		headers: {
			origin: new URL(url).origin,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ version: String(version), [`note.${criterion}`]: note })
	}).catch((error: unknown) => {
		const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
		throw new Error(`Saving into ${url} failed${cause ? `: ${cause.message}` : ''}`, {
			cause: error
		});
	});
	const result = (await response.json()) as { type?: string; data?: string };
	const clientMs = performance.now() - started;
	const data = result.data ? devalue.parse(result.data) : {};
	if (result.type !== 'success' || !data?.done) {
		throw new Error(`Saving into ${url} answered ${response.status} ${JSON.stringify(result)}.`);
	}
	const match = response.headers.get('server-timing')?.match(APP_DURATION);
	return {
		version: data.version as number,
		ms: match ? Number(match[1]) : clientMs,
		fromServer: Boolean(match)
	};
}

export interface SaveTarget {
	/** The officer's assessment page, `…/periods/<label>`. */
	page: string;
	cookie: string;
	criterion: string;
}

/**
 * Sequential saves of a note into one draft (each a committed transaction), each followed at
 * once by a GET of `readUrl` as the leader: the saves' times, and the reads' right after a change.
 */
export async function timeAfterSaves(
	save: SaveTarget & { url: string },
	read: { url: string; cookie: string },
	{ warmUp, samples, version = 0 }: { warmUp: number; samples: number; version?: number }
): Promise<{ save: PageTiming; afterChange: PageTiming; version: number }> {
	const saves: number[] = [];
	const reads: number[] = [];
	let [savesFromServer, readsFromServer] = [true, true];
	for (let i = 0; i < warmUp + samples; i++) {
		const saved = await timedSave(save.url, save.cookie, save.criterion, `bench ${i}`, version);
		version = saved.version;
		const response = await timedGet(read.url, read.cookie);
		if (response.status !== 200) {
			throw new Error(`${read.url} answered ${response.status} after a save.`);
		}
		if (i < warmUp) continue;
		saves.push(saved.ms);
		reads.push(response.ms);
		savesFromServer &&= saved.fromServer;
		readsFromServer &&= response.fromServer;
	}
	return {
		save: timingOf(saves, savesFromServer),
		afterChange: timingOf(reads, readsFromServer),
		version
	};
}
