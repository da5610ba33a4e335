// PostgreSQL going away under the app: connections ended by the server (a restart, a failover, an
// administrator) and a database that refuses connections for a while. The process never exits,
// pages say the data is temporarily unavailable (503) rather than failing, forms keep what was
// typed, and the app serves again by itself within seconds.
import * as devalue from 'devalue';
import pg from 'pg';
import { afterEach, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import {
	databaseUrl,
	freshData,
	notesHeld,
	officers,
	onServer,
	type AppData
} from '../helpers/data';
import { logLines, within } from '../helpers/logs';
import { saveSteadily, signIn } from '../helpers/officer';

let data: AppData | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
	if (data?.name) await allowConnections(data.name, true);
	await app?.stop();
	await data?.remove();
	app = data = undefined;
});

/** Ends every connection to the database, as pg_terminate_backend by an administrator does. */
function terminateBackends(name: string): Promise<number> {
	return onServer(async (client) => {
		const { rows } = await client.query(
			`SELECT count(pg_terminate_backend(pid))::int AS ended
			 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
			[name]
		);
		return rows[0].ended as number;
	});
}

function allowConnections(name: string, allow: boolean) {
	return onServer((client) => client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${allow}`));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('backends terminated under load: the process stays up and serves again within 5 s', async () => {
	data = await freshData();
	app = await startApp({ env: data.env });
	const { url } = app;
	const team = officers().slice(0, 4);
	const cookies = await Promise.all(team.map((officer) => signIn(url, officer.username)));

	let stop!: () => void;
	const stopped = new Promise<void>((resolve) => (stop = resolve));
	let reading = true;
	void stopped.then(() => (reading = false));
	const statuses = new Map<number, number>();
	const reader = (async () => {
		while (reading) {
			const response = await fetch(`${url}${team[0].page}`, {
				headers: { cookie: cookies[0] }
			}).catch(() => null);
			const status = response?.status ?? 0;
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
			if (status === 503) expect(response!.headers.get('retry-after')).toMatch(/^\d+$/);
			await response?.arrayBuffer();
		}
	})();
	const saving = team.map((officer, i) =>
		saveSteadily(url, cookies[i], officer, { until: stopped })
	);

	const recoveries: number[] = [];
	let ended = 0;
	for (let round = 0; round < 5; round++) {
		await pause(600);
		ended += await terminateBackends(data.name!);
		const running = app;
		recoveries.push(
			await within(5_000, async () => {
				if (running.child.exitCode !== null) {
					throw new Error(`The app exited:\n${running.output.join('\n')}`);
				}
				const response = await fetch(`${url}${team[1].page}`, {
					headers: { cookie: cookies[1] }
				});
				await response.arrayBuffer();
				return response.status === 200;
			})
		);
	}
	stop();
	const runs = await Promise.all(saving);
	await reader;

	expect(ended).toBeGreaterThanOrEqual(5);
	expect(app.child.exitCode).toBeNull();
	expect(app.child.signalCode).toBeNull();
	// Pages answered or said the data was unavailable; none failed with a 500 or no answer.
	expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
	expect(statuses.get(200)).toBeGreaterThan(0);
	expect(Math.max(...recoveries)).toBeLessThanOrEqual(5_000);
	expect(logLines(app.output).filter((line) => line.level === 'error')).toEqual([]);

	await app.stop();
	app = undefined;
	// Every save the app acknowledged is stored.
	const held = await notesHeld(data);
	for (const [i, officer] of team.entries()) {
		expect(runs[i].acknowledged.length).toBeGreaterThan(0);
		const n = Number((held.get(officer.username) ?? '').split(' ').at(-1));
		expect(n).toBeGreaterThanOrEqual(runs[i].acknowledged.length);
	}
});

test('database down for a while: 503 pages and forms, probes tell, and it comes back', async () => {
	data = await freshData();
	app = await startApp({ env: data.env });
	const { url } = app;
	const officer = officers()[0];
	const cookie = await signIn(url, officer.username);
	expect((await fetch(`${url}${officer.page}`, { headers: { cookie } })).status).toBe(200);

	await allowConnections(data.name!, false);
	await terminateBackends(data.name!);

	const page = await fetch(`${url}${officer.page}`, {
		headers: { cookie, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(page.status).toBe(503);
	expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
	const html = await page.text();
	expect(html).toContain('Dữ liệu tạm thời không truy cập được');
	expect(html).toContain('Không có dữ liệu nào bị mất');
	expect(html).toContain(page.headers.get('x-request-id'));

	const english = await fetch(`${url}/en${officer.page}`, {
		headers: { cookie, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(english.status).toBe(503);
	expect(await english.text()).toContain('Data temporarily unavailable');

	// The session cookie is neither cleared nor exchanged for a sign-in page.
	expect(page.headers.getSetCookie()).toEqual([]);
	const signInPage = await fetch(`${url}/login`, { redirect: 'manual' });
	expect(signInPage.status).toBe(503);
	const signOut = await fetch(`${url}/logout`, {
		method: 'POST',
		headers: { cookie, origin: url, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(signOut.status).toBe(503);
	expect(signOut.headers.getSetCookie()).toEqual([]);

	// A save that could not be stored comes back as a failed form saying so; the page keeps what
	// was typed, and nothing typed travels back.
	const note = `${officer.username} typed during the outage`;
	const save = await fetch(`${url}${officer.page}?/save`, {
		method: 'POST',
		headers: {
			origin: url,
			cookie,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ version: '0', [`note.${officer.criterion}`]: note })
	});
	expect(save.status).toBe(503);
	const result = await save.json();
	expect(result).toMatchObject({ type: 'failure', status: 503 });
	const echoed = devalue.parse(result.data);
	expect(echoed.unavailable).toBe(true);
	expect(JSON.stringify(echoed)).not.toContain(note);

	expect((await fetch(`${url}/healthz`)).status).toBe(200);
	const ready = await fetch(`${url}/readyz`);
	expect(ready.status).toBe(503);
	expect(await ready.text()).toBe('not ready: database\n');
	expect(app.child.exitCode).toBeNull();

	await allowConnections(data.name!, true);
	const back = await within(5_000, async () => (await fetch(`${url}/readyz`)).status === 200);
	expect(back).toBeLessThanOrEqual(5_000);
	expect((await fetch(`${url}${officer.page}`, { headers: { cookie } })).status).toBe(200);
});

test('a fault of the app answers 500 with the request id the log holds, with its stack', async () => {
	data = await freshData();
	app = await startApp({ env: data.env });
	const { url } = app;
	const officer = officers()[0];
	const cookie = await signIn(url, officer.username);
	// A table the page reads goes missing: a bug or a bad migration, not an outage.
	const direct = new pg.Client({ connectionString: databaseUrl(data.name!) });
	await direct.connect();
	try {
		await direct.query('ALTER TABLE criterion_results RENAME TO criterion_results_away');
		const page = await fetch(`${url}${officer.page}`, { headers: { cookie, accept: 'text/html' } });
		expect(page.status).toBe(500);
		const id = page.headers.get('x-request-id')!;
		const html = await page.text();
		expect(html).toContain(`Mã yêu cầu: <code`);
		expect(html).toContain(id);
		await within(2_000, async () =>
			logLines(app!.output).some((line) => line.level === 'error' && line.requestId === id)
		);
		const line = logLines(app.output).find((entry) => entry.requestId === id && entry.err)!;
		expect(String((line.err as { stack: string }).stack)).toContain('criterion_results');
	} finally {
		await direct.query('ALTER TABLE criterion_results_away RENAME TO criterion_results');
		await direct.end();
	}
});
