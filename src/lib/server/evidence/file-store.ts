// Evidence content as files under DATA_DIR/evidence (PGlite installs): <root>/ab/abcdef…, named by
// the SHA-256 of the content. Writes go to a temporary name, are flushed to disk, then renamed, so
// a file under its final name is always whole; the folders are flushed too, so the name survives
// a power cut as the evidence row that points at it does.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
	checkDigest,
	ContentMismatchError,
	rechunk,
	type Content,
	type EvidenceStore
} from './content';
import { snapshotFiles } from './file-snapshot';

const READ_CHUNK = 256 * 1024;

/** Flushes a folder's entries (a new name in it) to disk. */
async function syncFolder(folder: string) {
	const handle = await open(folder, 'r');
	await handle.sync().finally(() => handle.close());
}

export function fileStore(root: string): EvidenceStore {
	const pathOf = (sha256: string) => path.join(root, checkDigest(sha256).slice(0, 2), sha256);

	async function put(_db: unknown, sha256: string, content: Content) {
		const target = pathOf(sha256);
		if (existsSync(target)) return false;
		const created = await mkdir(path.dirname(target), { recursive: true });
		const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
		const file = await open(temporary, 'wx', 0o640);
		try {
			const reading = rechunk(content, READ_CHUNK);
			for await (const chunk of reading.chunks) await file.write(chunk);
			const digest = reading.digest();
			if (digest !== sha256) throw new ContentMismatchError(sha256, digest);
			await file.sync();
			await file.close();
			await rename(temporary, target);
			await syncFolder(path.dirname(target));
			if (created) await syncFolder(root);
			if (created === root) await syncFolder(path.dirname(root));
			return true;
		} catch (failure) {
			await file.close().catch(() => {});
			await rm(temporary, { force: true });
			throw failure;
		}
	}

	return {
		kind: 'files',
		location: root,
		put,
		async open(_db, sha256) {
			const file = await open(pathOf(sha256), 'r').catch((error: NodeJS.ErrnoException) => {
				if (error.code === 'ENOENT') return undefined;
				throw error;
			});
			if (!file) return undefined;
			const { size } = await file.stat();
			return { size, chunks: file.createReadStream({ highWaterMark: READ_CHUNK }) };
		},
		async has(_db, sha256) {
			return existsSync(pathOf(sha256));
		},
		async remove(_db, sha256) {
			await rm(pathOf(sha256), { force: true });
		},
		async *list() {
			const folders = await readdir(root).catch(() => [] as string[]);
			for (const folder of folders.sort()) {
				if (!/^[0-9a-f]{2}$/.test(folder)) continue;
				const names = await readdir(path.join(root, folder));
				for (const name of names.sort()) {
					if (!/^[0-9a-f]{64}$/.test(name) || !name.startsWith(folder)) continue;
					const { size } = await stat(path.join(root, folder, name));
					yield { sha256: name, size };
				}
			}
		},
		snapshot: () => snapshotFiles(root, pathOf)
	};
}
