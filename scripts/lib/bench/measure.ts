// Timing one page: sequential requests, server time from the Server-Timing header; and
// throughput under concurrent load with autocannon.
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
	/** Client-measured, under load: queueing included. */
	latencyP95: number;
	requests: number;
	non2xx: number;
	errors: number;
	/** The distinct messages of those errors (timeouts, resets). */
	errorMessages: string[];
}

async function timedGet(url: string, cookie: string) {
	const started = performance.now();
	const response = await fetch(url, {
		headers: { accept: 'text/html', cookie },
		redirect: 'manual'
	});
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

/** Fails unless the page answers 200: a redirect to sign-in or an error must not be timed. */
export async function checkPage(url: string, cookie: string): Promise<void> {
	const { status, location } = await timedGet(url, cookie);
	if (status !== 200) {
		throw new Error(`${url} answered ${status}${location ? ` (to ${location})` : ''}, not 200.`);
	}
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
			{ url, connections, duration, timeout: 60, headers: { accept: 'text/html', cookie } },
			(error, finished) => (error ? reject(error) : resolve(finished))
		);
		instance.on('response', (_client, _status, _bytes, responseTime) =>
			latencies.push(responseTime)
		);
		instance.on('reqError', (error: Error) => errorMessages.add(error.message));
	});
	if (latencies.length === 0) throw new Error(`${url} answered nothing under load.`);
	latencies.sort((a, b) => a - b);
	return {
		rps: round(result.requests.average),
		latencyP95: round(percentile(latencies, 95)),
		requests: result.requests.total,
		non2xx: result.non2xx,
		errors: result.errors,
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

/** Sequential saves of a note into one draft: each is a committed transaction. */
export async function timeSaves(
	url: string,
	{ cookie, criterion }: { cookie: string; criterion: string },
	{ warmUp, samples }: { warmUp: number; samples: number }
): Promise<PageTiming> {
	let version = 0;
	const times: number[] = [];
	let fromServer = true;
	for (let i = 0; i < warmUp + samples; i++) {
		const save = await timedSave(url, cookie, criterion, `bench note ${i}`, version);
		version = save.version;
		if (i < warmUp) continue;
		times.push(save.ms);
		fromServer &&= save.fromServer;
	}
	return timingOf(times, fromServer);
}
