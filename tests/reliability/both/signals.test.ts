// `npm start` as a supervisor runs it: a signal to its process alone stops the server cleanly,
// and a server that dies says so by the exit code.
import { execFileSync } from 'node:child_process';
import { afterEach, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { freshData, notesHeld, officers, type AppData } from '../helpers/data';
import { signIn } from '../helpers/officer';

let data: AppData | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
	const server = app && serverPid(app.child.pid!);
	if (server) process.kill(server, 'SIGKILL');
	await app?.stop('SIGKILL');
	await data?.remove();
	app = data = undefined;
});

/** `npm start`, on a copy of the seeded database: it neither builds (done) nor seeds (not empty). */
const npmStart = (env: NodeJS.ProcessEnv) =>
	startApp({ command: ['npm', 'start'], env, ready: /running at/ });

/** The pid of the `node build/index.js` started under `pid`, if it runs. */
function serverPid(pid: number): number | undefined {
	const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
		.split('\n')
		.map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
		.filter((match) => match !== null)
		.map(([, child, parent, args]) => ({ child: Number(child), parent: Number(parent), args }));
	const below = new Set([pid]);
	for (let grew = true; grew;) {
		grew = false;
		for (const row of table) {
			if (below.has(row.parent) && !below.has(row.child)) grew = Boolean(below.add(row.child));
		}
	}
	return table.find((row) => below.has(row.child) && row.args.includes('build/index.js'))?.child;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('SIGTERM to npm start lets a save in flight finish, then everything exits with 0', async () => {
	data = await freshData();
	app = await npmStart(data.env);
	const server = serverPid(app.child.pid!);
	expect(server).toBeDefined();
	const [officer] = officers();
	const cookie = await signIn(app.url, officer.username);

	// A save whose form arrives slowly: the server has its headers when the signal comes.
	const note = `${officer.username} note 1`;
	const form = new URLSearchParams({
		version: '0',
		[`note.${officer.criterion}`]: note
	}).toString();
	let sendRest!: () => void;
	const rest = new Promise<void>((resolve) => (sendRest = resolve));
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			controller.enqueue(new TextEncoder().encode(form.slice(0, 10)));
			await rest;
			controller.enqueue(new TextEncoder().encode(form.slice(10)));
			controller.close();
		}
	});
	const saving = fetch(`${app.url}${officer.page}?/save`, {
		method: 'POST',
		headers: {
			origin: app.url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body,
		duplex: 'half'
	} as RequestInit);
	await pause(500);

	app.child.kill('SIGTERM');
	await pause(1_000);
	// It takes no new connection meanwhile…
	await expect(fetch(`${app.url}/login`)).rejects.toThrow();
	expect(app.child.exitCode).toBeNull();
	// …and answers the one in flight.
	sendRest();
	const response = await saving;
	expect(response.status).toBe(200);
	expect((await response.json()).type).toBe('success');

	expect(await app.exited).toEqual({ code: 0, signal: null });
	expect(alive(server!)).toBe(false);
	expect(app.output.join('\n')).toMatch(/SIGTERM: stopping/);
	expect((await notesHeld(data)).get(officer.username)).toBe(note);
});

test('a server killed with SIGKILL makes npm start exit with 137', async () => {
	data = await freshData();
	app = await npmStart(data.env);
	const server = serverPid(app.child.pid!);
	expect(server).toBeDefined();
	process.kill(server!, 'SIGKILL');
	expect(await app.exited).toEqual({ code: 137, signal: null });
	expect(app.output.join('\n')).toMatch(/killed by SIGKILL/);
});
