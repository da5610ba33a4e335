// What an operator relies on, on either database: health probes, one JSON log line per request
// (with its request id, never a cookie or a password), failed sign-ins and refused actions in
// the log, and metrics only for those configured.
import { afterEach, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { freshData, officers, type AppData } from '../helpers/data';
import { LOCAL_TIME, logLines } from '../helpers/logs';
import { saveNote, signIn } from '../helpers/officer';

let data: AppData | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
	await app?.stop();
	await data?.remove();
	app = data = undefined;
});

/** Log lines are written asynchronously: wait for the one wanted. */
async function logLine(running: RunningApp, where: (line: Record<string, unknown>) => boolean) {
	for (let i = 0; i < 50; i++) {
		const found = logLines(running.output).find(where);
		if (found) return found;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`No such log line in:\n${running.output.join('\n')}`);
}

test('probes answer without a session, requests are logged as JSON lines without secrets', async () => {
	data = await freshData();
	app = await startApp({ env: { ...data.env, LOG_LEVEL: 'info', METRICS_TOKEN: '' } });
	const { url } = app;

	const health = await fetch(`${url}/healthz`);
	expect(health.status).toBe(200);
	expect(await health.text()).toBe('ok\n');
	const ready = await fetch(`${url}/readyz`);
	expect(ready.status).toBe(200);
	expect(await ready.text()).toBe('ready\n');
	// A signed-in browser's probe (cookie, English locale) is not redirected either.
	const officer = officers()[0];
	const cookie = await signIn(url, officer.username);
	const probed = await fetch(`${url}/readyz`, {
		headers: { cookie: `${cookie}; PARAGLIDE_LOCALE=en`, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(probed.status).toBe(200);

	// Metrics are off unless configured: as if there were no such page.
	expect((await fetch(`${url}/metrics`)).status).toBe(404);
	expect(
		(await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer guess' } })).status
	).toBe(404);

	// A request id is made for each request and sent back; a sane one from a proxy is kept.
	const page = await fetch(`${url}${officer.page}?token=do-not-log-me`, { headers: { cookie } });
	expect(page.status).toBe(200);
	const made = page.headers.get('x-request-id')!;
	expect(made).toMatch(/^[0-9a-f]{16}$/);
	const line = await logLine(app, (entry) => entry.requestId === made);
	expect(line).toMatchObject({
		level: 'info',
		msg: 'request',
		method: 'GET',
		route: '/(app)/campaigns/[campaign]/units/[unit]/periods/[period]',
		path: officer.page,
		status: 200
	});
	expect(line.time).toMatch(LOCAL_TIME);
	expect(typeof line.ms).toBe('number');
	expect(typeof line.userId).toBe('number');

	const kept = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
	expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
	const forged = await fetch(`${url}/healthz`, {
		headers: { 'x-request-id': 'x"} {"level":"fatal' }
	});
	expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);

	// A failed sign-in: the username as typed, the address, the reason; never the password.
	const wrong = await fetch(`${url}/login`, {
		method: 'POST',
		headers: {
			origin: url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ username: officer.username, password: 'Wrong-Horse-9' }),
		redirect: 'manual'
	});
	expect(wrong.status).toBe(400);
	expect(await logLine(app, (entry) => entry.msg === 'sign-in failed')).toMatchObject({
		level: 'warn',
		username: officer.username,
		address: '127.0.0.1',
		reason: 'wrong_password'
	});
	// What was typed for no account may be a password in the wrong box: it is not logged.
	const typo = 'Wrong-Horse-9-in-the-username-box';
	await fetch(`${url}/login`, {
		method: 'POST',
		headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username: typo, password: 'Wrong-Horse-9' }),
		redirect: 'manual'
	});
	const unknown = await logLine(app, (entry) => entry.reason === 'unknown_user');
	expect(unknown).toMatchObject({ level: 'warn', msg: 'sign-in failed' });
	expect(app.output.join('\n')).not.toContain(typo);

	// A refused action: its status, kind, route and user; not what was typed.
	const stale = await saveNote(url, cookie, officer, 'a note nobody may read', 999_999);
	expect(stale).toMatchObject({ saved: false, status: 409 });
	const refusal = await logLine(
		app,
		(entry) => entry.msg === 'action refused' && entry.status === 409
	);
	expect(refusal).toMatchObject({
		status: 409,
		route: '/(app)/campaigns/[campaign]/units/[unit]/periods/[period]',
		userId: line.userId
	});
	expect(typeof refusal.refusal).toBe('string');

	const everything = app.output.join('\n');
	const token = cookie.split('=')[1];
	for (const secret of [token, 'Wrong-Horse-9', 'kieumau-demo', 'do-not-log-me', 'nobody may']) {
		expect(everything).not.toContain(secret);
	}
});

test('metrics answer only the configured token', async () => {
	data = await freshData();
	app = await startApp({ env: { ...data.env, METRICS_TOKEN: 'scrape-4f9c2a' } });
	const { url } = app;
	await fetch(`${url}/login`);
	const metrics = (authorization?: string) =>
		fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });

	const granted = await metrics('Bearer scrape-4f9c2a');
	expect(granted.status).toBe(200);
	const text = await granted.text();
	expect(text).toMatch(
		/^http_request_duration_seconds_count\{.*route="\/\(auth\)\/login".*\} \d+/m
	);
	expect(text).toContain('process_cpu_user_seconds_total');
	if (data.name) expect(text).toMatch(/^pg_pool_clients \d+/m);
	else expect(text).not.toContain('pg_pool_clients');

	for (const wrong of [undefined, 'Bearer scrape-4f9c2', 'Basic c2NyYXBl']) {
		const refused = await metrics(wrong);
		expect([401, 403, 404]).toContain(refused.status);
		expect(await refused.text()).not.toContain('http_request');
	}
});
