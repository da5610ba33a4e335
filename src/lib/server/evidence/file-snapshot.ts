// A snapshot of the file store (./file-store.ts) for a backup: hard links to the content it needs,
// made inside the backup's transaction, in a private folder under the store's root. Content files
// never change (they are named by their SHA-256), so a link keeps exactly what the transaction saw,
// even once the evidence is deleted and the store removes its file; making one costs a directory
// entry, not a copy, so the transaction (which holds PGlite's only connection) stays short.
import { constants } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { checkDigest, type ContentSnapshot } from './content';

const PREFIX = '.snapshot-';
const READ_CHUNK = 256 * 1024;
/** Links made at once: enough to keep the disk busy, few enough to leave the thread pool room. */
const PARALLEL = 16;

/** This process's snapshot folders: any other folder of this process's id is left from a crash. */
const active = new Set<string>();

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Removes snapshots left by processes that died during a backup (kill -9, power cut): their
 * links would otherwise keep deleted content on disk for ever. A process id can come back (a
 * container's app is often pid 1), so this process's own folders count as left over unless active.
 */
async function removeLeftovers(root: string) {
	for (const name of await readdir(root)) {
		const pid = Number(new RegExp(`^\\${PREFIX}(\\d+)-`).exec(name)?.[1]);
		if (!pid) continue;
		const folder = path.join(root, name);
		if (pid === process.pid ? !active.has(folder) : !alive(pid)) {
			await rm(folder, { recursive: true, force: true });
		}
	}
}

/** Keeps `source` as `target`: a hard link, or a copy where the file system offers none. */
async function keepFile(source: string, target: string): Promise<boolean> {
	try {
		await link(source, target);
		return true;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return false;
		if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') {
			throw error;
		}
	}
	// A copy-on-write clone where the file system can, else a full copy.
	try {
		await copyFile(source, target, constants.COPYFILE_FICLONE);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
		throw error;
	}
}

/** A new, empty snapshot of the store under `root`, whose content `pathOf` names. */
export async function snapshotFiles(
	root: string,
	pathOf: (sha256: string) => string
): Promise<ContentSnapshot> {
	await mkdir(root, { recursive: true });
	await removeLeftovers(root);
	// mkdtemp makes the folder 0700: links to evidence are as private as the evidence.
	const folder = await mkdtemp(path.join(root, `${PREFIX}${process.pid}-`));
	active.add(folder);
	const kept = new Set<string>();
	return {
		folder,
		async keep(sha256s) {
			for (let start = 0; start < sha256s.length; start += PARALLEL) {
				await Promise.all(
					sha256s.slice(start, start + PARALLEL).map(async (sha256) => {
						if (kept.has(sha256)) return;
						if (await keepFile(pathOf(sha256), path.join(folder, checkDigest(sha256)))) {
							kept.add(sha256);
						}
					})
				);
			}
		},
		async open(sha256) {
			if (!kept.has(checkDigest(sha256))) return undefined;
			const file = await open(path.join(folder, sha256), 'r');
			const { size } = await file.stat();
			return { size, chunks: file.createReadStream({ highWaterMark: READ_CHUNK }) };
		},
		async release() {
			await rm(folder, { recursive: true, force: true });
			active.delete(folder);
		}
	};
}
