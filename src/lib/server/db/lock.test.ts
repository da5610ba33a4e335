// The folder lock with real sockets and real processes: no stand-ins.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderInUse, lockFolder, lockSocketPath, type FolderLock } from './lock';

let root: string;
let dir: string;
const held: FolderLock[] = [];

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'kieumau-lock-'));
	dir = path.join(root, 'pglite');
});

afterEach(async () => {
	for (let lock = held.pop(); lock; lock = held.pop()) await lock.release();
	fs.rmSync(root, { recursive: true, force: true });
});

async function take(purpose: 'app' | 'maintenance' = 'maintenance') {
	const lock = await lockFolder(dir, purpose);
	held.push(lock);
	return lock;
}

/** A process that listens on the lock socket and is killed with SIGKILL: its file stays. */
async function leaveDeadHolder(socketPath: string) {
	const child = spawn(
		process.execPath,
		[
			'-e',
			`require('net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	await new Promise((resolve) => child.stdout!.once('data', resolve));
	child.kill('SIGKILL');
	await new Promise((resolve) => child.once('exit', resolve));
	expect(fs.existsSync(socketPath)).toBe(true);
}

describe('lockFolder', () => {
	it('refuses a second holder at once, naming the first', async () => {
		await take();
		const started = performance.now();
		const refusal = await lockFolder(dir, 'maintenance').catch((error) => error);
		expect(refusal).toBeInstanceOf(FolderInUse);
		expect(refusal.message).toContain(`in use by process ${process.pid}`);
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	it('makes the socket and its folder private to their owner', async () => {
		const lock = await take();
		expect(fs.statSync(lock.socketPath).mode & 0o777).toBe(0o600);
		expect(fs.statSync(root).mode & 0o777).toBe(0o700);
	});

	it('is free again once released, and leaves no file behind', async () => {
		const lock = await lockFolder(dir);
		await lock.release();
		expect(fs.existsSync(lockSocketPath(dir))).toBe(false);
		await take();
	});

	it('takes over at once from a holder killed with SIGKILL', async () => {
		await leaveDeadHolder(lockSocketPath(dir));
		const lock = await take();
		expect(fs.existsSync(lock.socketPath)).toBe(true);
		await expect(lockFolder(dir)).rejects.toBeInstanceOf(FolderInUse);
	});

	it('takes over even when the dead holder had our pid (a restarted container)', async () => {
		await leaveDeadHolder(lockSocketPath(dir));
		fs.writeFileSync(
			`${dir}.holder.json`,
			JSON.stringify({ pid: process.pid, command: 'node build', since: 'then', host: '' })
		);
		await take();
	});

	it('lets one of many newcomers take over a dead holder, and refuses the others', async () => {
		await leaveDeadHolder(lockSocketPath(dir));
		const outcomes = await Promise.allSettled(
			Array.from({ length: 6 }, () => lockFolder(dir, 'maintenance'))
		);
		const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
		expect(won).toHaveLength(1);
		held.push((won[0] as PromiseFulfilledResult<FolderLock>).value);
		for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
			expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(FolderInUse);
		}
	});

	it('clears a take-over guard left by a process killed in the middle of one', async () => {
		await leaveDeadHolder(lockSocketPath(dir));
		fs.mkdirSync(`${dir}.takeover`);
		const old = new Date(Date.now() - 60_000);
		fs.utimesSync(`${dir}.takeover`, old, old);
		await take();
	});
});
