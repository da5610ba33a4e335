// One process per PGlite folder. The lock is a Unix socket beside the folder
// (DATA_DIR/pglite.sock) on which the holder listens: a second process that can connect to it
// knows the holder is alive and stops at once; a connection refused means the holder died
// (kill -9, power cut) and its socket file stayed, and the newcomer takes over. Liveness never
// depends on pids or clocks, so a restart right after a crash, in a container where the new
// process has the dead one's pid, is never blocked. The socket then carries the control channel
// (../control/server.ts): only the folder's owner can connect (socket 0600, DATA_DIR 0700).
//
// Taking the lock is atomic: the socket is bound under a private name, then hard-linked to the
// lock's name (link fails if the name exists). Taking over a dead holder's socket renames ours
// over it, so the name never goes missing; a guard directory (mkdir is atomic) keeps two
// newcomers from both taking over. The holder's pid, command and start time are written to
// DATA_DIR/pglite.holder.json for the refusal message.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { localIsoTime } from '../log';
import {
	folderInUseMessage,
	guardIsStale,
	probeVerdict,
	readHolder,
	type Holder,
	type ProbeVerdict,
	type Purpose
} from './lock-rules';

export type { Holder, Purpose } from './lock-rules';

/** Another live process holds the folder. */
export class FolderInUse extends Error {
	constructor(
		readonly dir: string,
		readonly holder: Holder | undefined,
		purpose: Purpose
	) {
		super(folderInUseMessage(dir, holder, purpose));
		this.name = 'FolderInUse';
	}
}

export interface FolderLock {
	readonly dir: string;
	readonly socketPath: string;
	/** The listening socket's descriptor, for a child process to inherit (npm start's server). */
	readonly fd: number;
	/** Answers requests on the socket (the control channel); until then every request gets 503. */
	serve(handler: http.RequestListener): void;
	/**
	 * Stops listening in this process once a child inherited `fd` and listens on it: the socket
	 * file stays, so the folder is never unlocked in between.
	 */
	handOver(): Promise<void>;
	/** Unlocks: removes the socket file (when it is still ours) and stops listening. */
	release(): Promise<void>;
}

/** The lock socket of a PGlite folder: DATA_DIR/pglite → DATA_DIR/pglite.sock. */
export const lockSocketPath = (dir: string) => `${path.resolve(dir)}.sock`;
const holderPath = (dir: string) => `${path.resolve(dir)}.holder.json`;
const guardPath = (dir: string) => `${path.resolve(dir)}.takeover`;

// sun_path holds 107 bytes on Linux (103 on macOS); a longer absolute path is reached relative
// to the working directory when that is short enough.
const SOCKET_PATH_MAX = process.platform === 'linux' ? 107 : 103;

/** The address to bind or connect `file` by: itself, or relative to the working directory. */
export function socketAddress(file: string): string {
	if (Buffer.byteLength(file) <= SOCKET_PATH_MAX) return file;
	const relative = path.relative(process.cwd(), file);
	if (Buffer.byteLength(relative) <= SOCKET_PATH_MAX) return relative;
	throw new Error(
		`The path ${file} is too long for a Unix socket (${SOCKET_PATH_MAX} bytes at most): ` +
			'choose a shorter DATA_DIR.'
	);
}

/** How this process was started, for the refusal message another process prints. */
export function describeProcess(): string {
	const argv = [path.basename(process.argv0), ...process.argv.slice(1)].join(' ');
	const event = process.env.npm_lifecycle_event;
	if (!event || event === 'npx') return argv;
	return `${event === 'start' ? 'npm start' : `npm run ${event}`}: ${argv}`;
}

function probe(socketPath: string): Promise<ProbeVerdict> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(socketAddress(socketPath));
		socket.once('connect', () => {
			socket.destroy();
			resolve('alive');
		});
		socket.once('error', (error: NodeJS.ErrnoException) => {
			try {
				resolve(probeVerdict(error.code));
			} catch (unknown) {
				reject(unknown);
			}
		});
	});
}

function holderNow(): Holder {
	return {
		pid: process.pid,
		command: describeProcess(),
		since: localIsoTime(new Date()),
		host: os.hostname()
	};
}

function writeHolder(dir: string) {
	const file = holderPath(dir);
	const temporary = `${file}.${process.pid}`;
	fs.writeFileSync(temporary, JSON.stringify(holderNow()), { mode: 0o600 });
	fs.renameSync(temporary, file);
}

function holderOf(dir: string): Holder | undefined {
	try {
		return readHolder(fs.readFileSync(holderPath(dir), 'utf8'));
	} catch {
		return undefined;
	}
}

/** DATA_DIR readable by its owner only: the socket, the database and the evidence are in it. */
function privateParent(dir: string) {
	const parent = path.dirname(path.resolve(dir));
	fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
	try {
		if ((fs.statSync(parent).mode & 0o077) !== 0) fs.chmodSync(parent, 0o700);
	} catch (error) {
		console.warn(`Could not make ${parent} private (${(error as Error).message}).`);
	}
}

function busyHandler(dir: string): http.RequestListener {
	return (_request, response) => {
		const text = JSON.stringify({
			error: `${describeProcess()} holds ${dir} and takes no commands now: try again in a moment.`
		});
		response.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
		response.end(text);
	};
}

/** Binds a socket under `address` with mode 0600 (the umask applies at bind time). */
function listenPrivately(server: http.Server, address: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		const umask = process.umask(0o177);
		try {
			server.listen(address, () => {
				server.off('error', reject);
				resolve();
			});
		} finally {
			process.umask(umask);
		}
	});
}

function makeLock(dir: string, server: http.Server, ino: number): FolderLock {
	const socketPath = lockSocketPath(dir);
	let handler = busyHandler(dir);
	server.on('request', (request, response) => handler(request, response));
	const ours = () => {
		try {
			return fs.statSync(socketPath).ino === ino;
		} catch {
			return false;
		}
	};
	const unlinkIfOurs = () => {
		if (ours()) fs.rmSync(socketPath, { force: true });
		if (holderOf(dir)?.pid === process.pid) fs.rmSync(holderPath(dir), { force: true });
	};
	// A process that exits without releasing (an uncaught error, process.exit) still unlocks.
	process.once('exit', unlinkIfOurs);
	const close = () =>
		new Promise<void>((resolve) => {
			process.off('exit', unlinkIfOurs);
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return {
		dir,
		socketPath,
		fd: (server as unknown as { _handle: { fd: number } })._handle.fd,
		serve(next) {
			handler = next;
		},
		handOver: close,
		async release() {
			unlinkIfOurs();
			await close();
		}
	};
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while holding the take-over guard; undefined when another process holds it (it
 * is taking over: try again in a moment).
 */
async function withGuard<T>(dir: string, work: () => Promise<T>): Promise<T | undefined> {
	const guard = guardPath(dir);
	try {
		fs.mkdirSync(guard);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		try {
			if (!guardIsStale(Date.now() - fs.statSync(guard).mtimeMs)) return undefined;
			fs.rmdirSync(guard);
		} catch {
			// Removed meanwhile by its owner or another newcomer: just try again.
		}
		return undefined;
	}
	try {
		return await work();
	} finally {
		fs.rmdirSync(guard);
	}
}

/**
 * Locks the PGlite folder `dir` for this process, or throws FolderInUse at once when a live
 * process holds it. `purpose` picks the advice the refusal gives.
 */
export async function lockFolder(dir: string, purpose: Purpose = 'other'): Promise<FolderLock> {
	privateParent(dir);
	const socketPath = lockSocketPath(dir);
	const mine = `${socketPath}.${process.pid}-${randomBytes(3).toString('hex')}`;
	const server = http.createServer();
	await listenPrivately(server, socketAddress(mine));
	// The lock never keeps a process alive by itself (a script ends when its work is done).
	server.unref();
	const ino = fs.statSync(mine).ino;
	const giveUp = async (error: unknown): Promise<never> => {
		await new Promise((resolve) => server.close(resolve)); // also removes `mine`
		throw error;
	};
	const deadline = Date.now() + 10_000;
	try {
		while (Date.now() < deadline) {
			try {
				fs.linkSync(mine, socketPath);
				fs.unlinkSync(mine);
				writeHolder(dir);
				return makeLock(dir, server, ino);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
			const verdict = await probe(socketPath);
			if (verdict === 'alive') throw new FolderInUse(dir, holderOf(dir), purpose);
			if (verdict === 'gone') continue;
			const taken = await withGuard(dir, async () => {
				// Checked again under the guard: another newcomer may have taken over meanwhile.
				const again = await probe(socketPath);
				if (again === 'alive') throw new FolderInUse(dir, holderOf(dir), purpose);
				fs.renameSync(mine, socketPath);
				return true;
			});
			if (taken) {
				writeHolder(dir);
				return makeLock(dir, server, ino);
			}
			await pause(20);
		}
		throw new Error(`Could not lock ${dir} within 10 s: another process keeps taking it over.`);
	} catch (error) {
		return giveUp(error);
	}
}

/**
 * Takes over the lock a parent process handed down as descriptor `fd` (see FolderLock.fd): the
 * socket stays bound under the lock's name all along.
 */
export async function adoptLock(dir: string, fd: number): Promise<FolderLock> {
	// A socket's descriptor does not tell the inode of its file (fstat gives the socket's own):
	// the file at the lock's name is the one the parent bound, since the parent holds it.
	const ino = fs.statSync(lockSocketPath(dir)).ino;
	const server = http.createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen({ fd }, () => resolve());
	});
	server.unref();
	writeHolder(dir);
	return makeLock(dir, server, ino);
}
