// One process per PGlite folder: while the app serves officers' saves, a second app or a
// maintenance command on its DATA_DIR is refused at once, naming the app; a restart right after
// kill -9 is not blocked; nothing acknowledged is lost. (The lock's rules and races:
// src/lib/server/db/lock.test.ts.)
import { spawn } from 'node:child_process';
import { afterEach, expect, test } from 'vitest';
import { root, startApp } from '../helpers/app';
import { freshData, notesHeld, officers, type AppData, type Officer } from '../helpers/data';
import { saveSteadily, signIn } from '../helpers/officer';

let data: AppData | undefined;
/** The app stops within a second when asked: the tests wait for no idle connection. */
const quick = { SHUTDOWN_TIMEOUT: '1' };
afterEach(async () => {
	await data?.remove();
	data = undefined;
});

/** Runs an npm script as an operator would, without blocking the saves running meanwhile. */
function runCommand(
	args: string[],
	env: NodeJS.ProcessEnv
): Promise<{ code: number | null; output: string; seconds: number }> {
	const started = performance.now();
	const child = spawn('npm', ['run', '--silent', ...args], {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk));
	return new Promise((resolve) =>
		child.once('exit', (code) =>
			resolve({ code, output, seconds: (performance.now() - started) / 1000 })
		)
	);
}

/** Every officer's latest stored note is its last acknowledged one, or one in flight after it. */
async function expectAcknowledgedKept(
	team: Officer[],
	runs: { acknowledged: string[] }[],
	data: AppData
) {
	const held = await notesHeld(data);
	for (const [i, officer] of team.entries()) {
		expect(runs[i].acknowledged.length).toBeGreaterThan(0);
		const n = Number((held.get(officer.username) ?? '').split(' ').at(-1));
		expect(n).toBeGreaterThanOrEqual(runs[i].acknowledged.length);
	}
}

test('a second app or a maintenance command on a folder in use is refused at once', async () => {
	data = await freshData();
	const app = await startApp({ env: { ...data.env, ...quick } });
	const team = officers().slice(0, 4);
	const cookies = await Promise.all(team.map((officer) => signIn(app.url, officer.username)));
	let done!: () => void;
	const until = new Promise<void>((resolve) => (done = resolve));
	const saving = Promise.all(
		team.map((officer, i) => saveSteadily(app.url, cookies[i], officer, { until }))
	);
	const [migrate, seed, secondApp] = await Promise.all([
		runCommand(['db:migrate'], data.env),
		runCommand(['db:seed'], data.env),
		runCommand(['start'], { ...data.env, PORT: '0' })
	]);
	done();
	const runs = await saving;
	for (const refused of [migrate, seed, secondApp]) {
		expect(refused.code).toBe(1);
		expect(refused.output).toContain(`is in use by process ${app.child.pid} (`);
		expect(refused.output).toContain('Only one process may open it at a time.');
		// tsx compiling the script takes most of it; the refusal itself is immediate.
		expect(refused.seconds).toBeLessThan(15);
	}
	expect(migrate.output).toContain(`kill ${app.child.pid}`);
	expect(secondApp.output).toContain('PostgreSQL server (DATABASE_URL)');
	// The app kept serving all along.
	expect(runs.every((run) => run.failures === 0)).toBe(true);
	await app.stop();
	await expectAcknowledgedKept(team, runs, data);
});

test('an app killed with SIGKILL restarts at once on its folder, losing no acknowledged save', async () => {
	data = await freshData();
	const first = await startApp({ env: { ...data.env, ...quick } });
	const team = officers().slice(0, 3);
	const cookies = await Promise.all(team.map((officer) => signIn(first.url, officer.username)));
	const kill = new Promise((resolve) => setTimeout(resolve, 2_000)).then(() =>
		first.stop('SIGKILL')
	);
	const runs = await Promise.all(
		team.map((officer, i) => saveSteadily(first.url, cookies[i], officer, { until: kill }))
	);
	expect((await first.exited).signal).toBe('SIGKILL');
	// At once: the dead app's socket file is still there, and must not stand in the way.
	const second = await startApp({ env: { ...data.env, ...quick }, timeoutMs: 30_000 });
	await signIn(second.url, team[0].username);
	await second.stop();
	await expectAcknowledgedKept(team, runs, data);
});

test('user:create runs in the running app: the user signs in, the creation is audited', async () => {
	data = await freshData();
	const app = await startApp({ env: { ...data.env, ...quick } });
	const password = 'cuu-ho-khan-cap-2026';
	const created = await runCommand(
		['user:create', '--', '--username', 'cuuho', '--role', 'province_admin', '--unit', '40'],
		{ ...data.env, KIEUMAU_PASSWORD: password }
	);
	expect(created.output).toContain('(done by the running app)');
	expect(created.output).toContain('Created province_admin cuuho for unit 40.');
	expect(created.code).toBe(0);
	await signIn(app.url, 'cuuho', password);
	const again = await runCommand(
		['user:create', '--', '--username', 'cuuho', '--role', 'province_admin', '--unit', '40'],
		{ ...data.env, KIEUMAU_PASSWORD: password }
	);
	expect(again.code).toBe(2);
	expect(again.output).toContain('The username cuuho is taken.');
	await app.stop();
	const db = data.open();
	try {
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'after'])
			.where('action', '=', 'user.create')
			.where('entity_type', '=', 'user')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(audit.actor_id).toBeNull();
		expect(audit.after).toMatchObject({ username: 'cuuho', role: 'province_admin', unit: '40' });
	} finally {
		await db.destroy();
	}
});
