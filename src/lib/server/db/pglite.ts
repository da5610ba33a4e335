// PGlite on a folder, made durable and locked. PGlite 0.4 starts PostgreSQL with `-F`
// (fsync = off), and on Node its file system (Emscripten's NODEFS) turns fsync() into a no-op
// and fdatasync() into a no-op whatever the settings: an acknowledged commit sat in the page
// cache only, and a power cut could lose it or corrupt the folder. Here PostgreSQL runs with
// fsync = on and wal_sync_method = fsync, and NODEFS's fsync reaches the disk: every commit
// fsyncs the write-ahead log before it is acknowledged, and checkpoints fsync the data files,
// as on a PostgreSQL server. `relaxedDurability` does nothing on Node (it only stops PGlite
// from awaiting its browser stores' sync). Measured cost: see the README's PGlite section.
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { DatabaseConnection, Dialect, Driver, Kysely, TransactionSettings } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { lockFolder, type FolderLock, type Purpose } from './lock';

export const DURABLE_START_PARAMS = [
	...PGlite.defaultStartParams.filter((param) => param !== '-F'),
	'-c',
	'fsync=on',
	'-c',
	'wal_sync_method=fsync'
];

interface EmscriptenStream {
	nfd?: number;
	node: unknown;
}
interface Nodefs {
	stream_ops: { fsync?: (stream: EmscriptenStream) => number };
	realPath(node: unknown): string;
	tryFSOperation<T>(operation: () => T): T;
}

/** NODEFS with an fsync that reaches the disk, installed before PostgreSQL starts. */
class DurableNodeFS extends NodeFS {
	async init(pg: PGlite, options: Parameters<NodeFS['init']>[1]) {
		const { emscriptenOpts } = await super.init(pg, options);
		const preRun = [
			...(emscriptenOpts.preRun ?? []),
			(module: { FS: { filesystems: { NODEFS: Nodefs } } }) => {
				const nodefs = module.FS.filesystems.NODEFS;
				nodefs.stream_ops.fsync = (stream) =>
					nodefs.tryFSOperation(() => {
						if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
						else fsyncPath(nodefs.realPath(stream.node)); // a directory
						return 0;
					});
			}
		];
		return { emscriptenOpts: { ...emscriptenOpts, preRun } };
	}
}

function fsyncPath(file: string) {
	const fd = fs.openSync(file, 'r');
	try {
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/** Every file and folder under `dir`, children first: a new database's files reach the disk. */
function fsyncTree(dir: string) {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) fsyncTree(full);
		else if (entry.isFile()) fsyncPath(full);
	}
	fsyncPath(dir);
}

export interface FolderOptions {
	options: PGliteOptions;
	/** A lock this process already holds (npm start's, handed to the server); else one is taken. */
	lock?: FolderLock;
	purpose?: Purpose;
	/** false: PGlite's own settings (fsync off), only to measure what durability costs. */
	durable?: boolean;
	/** Called once the folder is locked and open, with the lock (the control channel serves on it). */
	onOpen?: (lock: FolderLock) => void;
}

/**
 * A PGlite folder opened on first use: locked (or refused with FolderInUse), started durable,
 * and unlocked again by destroy() unless the lock was given.
 */
class FolderDriver implements Driver {
	#inner?: Driver;
	#lock?: FolderLock;

	constructor(
		readonly dir: string,
		readonly settings: FolderOptions
	) {}

	async init() {
		const lock = this.settings.lock ?? (await lockFolder(this.dir, this.settings.purpose));
		try {
			const fresh = !fs.existsSync(path.join(this.dir, 'PG_VERSION'));
			const durable = this.settings.durable ?? true;
			const pglite = await PGlite.create({
				...this.settings.options,
				...(durable
					? { fs: new DurableNodeFS(this.dir), startParams: DURABLE_START_PARAMS }
					: { dataDir: this.dir })
			});
			// PGlite writes a new database from a tarball without fsync: make it durable once.
			if (fresh && durable) fsyncTree(this.dir);
			this.#inner = new PGliteDialect(pglite).createDriver();
			await this.#inner.init();
		} catch (error) {
			if (!this.settings.lock) await lock.release();
			throw error;
		}
		this.#lock = lock;
		this.settings.onOpen?.(lock);
	}

	acquireConnection(): Promise<DatabaseConnection> {
		return this.#inner!.acquireConnection();
	}
	beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
		return this.#inner!.beginTransaction(connection, settings);
	}
	commitTransaction(connection: DatabaseConnection) {
		return this.#inner!.commitTransaction(connection);
	}
	rollbackTransaction(connection: DatabaseConnection) {
		return this.#inner!.rollbackTransaction(connection);
	}
	releaseConnection(connection: DatabaseConnection) {
		return this.#inner!.releaseConnection(connection);
	}
	async destroy() {
		await this.#inner?.destroy();
		this.#inner = undefined;
		if (this.#lock && !this.settings.lock) await this.#lock.release();
		this.#lock = undefined;
	}
}

/** Kysely's dialect for a PGlite folder, locked and durable (see FolderDriver). */
export class PGliteFolderDialect implements Dialect {
	readonly #base = new PGliteDialect(undefined as unknown as PGlite);

	constructor(
		readonly dir: string,
		readonly settings: FolderOptions
	) {}

	createAdapter() {
		return this.#base.createAdapter();
	}
	createDriver() {
		return new FolderDriver(this.dir, this.settings);
	}
	createQueryCompiler() {
		return this.#base.createQueryCompiler();
	}
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	createIntrospector(db: Kysely<any>) {
		return this.#base.createIntrospector(db);
	}
}
