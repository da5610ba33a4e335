// A backup taken while officers save, restored into a fresh folder and (on PostgreSQL) a fresh
// database: every save acknowledged before the backup began is there, every evidence file
// downloads with its SHA-256, and the sessions of before are over.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { root, startApp, type RunningApp } from '../helpers/app';
import {
	freshData,
	kind,
	newData,
	notesHeld,
	officers,
	workDir,
	type Officer
} from '../helpers/data';
import { download, evidenceIds, pdfOf, sha256, upload } from '../helpers/evidence';
import { saveNote, signIn } from '../helpers/officer';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

/** Runs an npm script of the project to its end; resolves with its exit code and output. */
function run(script: string[], env: NodeJS.ProcessEnv) {
	return new Promise<{ code: number | null; output: string }>((resolve) => {
		const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', ...script], {
			cwd: root,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

/** Saves notes one after another, each acknowledgement stamped with when it came. */
async function saveWithTimes(
	app: RunningApp,
	cookie: string,
	officer: Officer,
	until: Promise<unknown>
) {
	let stopped = false;
	void until.then(() => (stopped = true));
	const acknowledged: { n: number; at: number }[] = [];
	let version = 0;
	for (let n = 1; !stopped; n++) {
		try {
			const outcome = await saveNote(
				app.url,
				cookie,
				officer,
				`${officer.username} note ${n}`,
				version
			);
			if (outcome.saved) {
				acknowledged.push({ n, at: performance.now() });
				version = outcome.version;
			} else if (outcome.conflictVersion !== undefined) {
				version = outcome.conflictVersion;
				n--;
			}
		} catch {
			// No answer: the note may be stored or not. The same note is tried again, so no note
			// number is skipped and none stored lies past the last acknowledged one plus one.
			n--;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	return acknowledged;
}

test('a backup taken during saves restores every acknowledged save and evidence file', async () => {
	const data = await freshData();
	cleanup.push(() => data.remove());
	let app = await startApp({ env: data.env });
	cleanup.push(() => app.stop());
	const [uploader, ...team] = officers().slice(0, 4);
	expect(team).toHaveLength(3);

	// Evidence first, over HTTP: two small files and one of several database chunks.
	const uploaderCookie = await signIn(app.url, uploader.username);
	const files = [pdfOf('một'), pdfOf('hai'), pdfOf('ba', 700_000)];
	for (const [i, bytes] of files.entries()) {
		await upload(app.url, uploaderCookie, uploader.page, uploader.criterion, `tệp ${i}.pdf`, bytes);
	}
	const ids = await evidenceIds(app.url, uploaderCookie, uploader.page);
	expect(ids).toHaveLength(files.length);

	const cookies = await Promise.all(team.map((officer) => signIn(app.url, officer.username)));
	const file = path.join(workDir, `backup-${randomBytes(4).toString('hex')}.kmbackup`);
	cleanup.push(async () => rmSync(file, { force: true }));
	let backupStarted = Infinity;
	let backup: Promise<{ code: number | null; output: string }>;
	const env = { ...data.env, BACKUP_PASSPHRASE: 'một cụm mật khẩu sao lưu' };
	const saving = (async () => {
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		// The app keeps serving beside the backup: on PostgreSQL beside its snapshot, on PGlite
		// the app itself writes it (the script reaches it over the folder's control socket).
		backupStarted = performance.now();
		backup = run(['scripts/backup.ts', file], env);
		const { output } = await backup;
		expect(output).toContain(kind === 'pglite' ? '(written by the running app)' : 'Backup written');
		await new Promise((resolve) => setTimeout(resolve, 500));
	})();
	const runs = await Promise.all(
		team.map((officer, i) => saveWithTimes(app, cookies[i], officer, saving))
	);
	const written = await backup!;
	expect(written.code, written.output).toBe(0);
	expect(statSync(file).mode & 0o777).toBe(0o600);
	await app.stop();

	const targets = [await newData({ prefix: 'restored-', database: false })];
	if (kind === 'postgres') targets.push(await newData({ prefix: 'restored-' }));
	for (const target of targets) {
		cleanup.push(() => target.remove());
		const restored = await run(['scripts/restore.ts', file], {
			...target.env,
			BACKUP_PASSPHRASE: env.BACKUP_PASSPHRASE
		});
		expect(restored.code, restored.output).toBe(0);
		expect(restored.output).toContain('Check passed.');

		const held = await notesHeld(target);
		for (const [i, officer] of team.entries()) {
			const before = runs[i].filter((save) => save.at < backupStarted).at(-1)?.n ?? 0;
			const last = runs[i].at(-1)?.n ?? 0;
			expect(before).toBeGreaterThan(0);
			const n = Number((held.get(officer.username) ?? '').split(' ').at(-1));
			expect(n, `${officer.username} on ${target.name ?? 'PGlite'}`).toBeGreaterThanOrEqual(before);
			expect(n).toBeLessThanOrEqual(last + 1);
		}

		app = await startApp({ env: target.env });
		// The cookies of before the restore are over: back to the sign-in page.
		const old = await fetch(`${app.url}${team[0].page}`, {
			headers: { cookie: cookies[0] },
			redirect: 'manual'
		});
		expect(old.status).toBe(303);
		expect(old.headers.get('location')).toContain('/login');
		const cookie = await signIn(app.url, uploader.username);
		expect(await evidenceIds(app.url, cookie, uploader.page)).toEqual(ids);
		for (const [i, id] of ids.entries()) {
			expect(await download(app.url, cookie, uploader.page, id)).toMatchObject({
				status: 200,
				sha256: sha256(files[i])
			});
		}
		await app.stop();
	}
});
