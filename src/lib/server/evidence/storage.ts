// Evidence files on the file system under DATA_DIR, addressed by the SHA-256 of their content:
// the same file uploaded twice is stored once, and a name can never point outside the folder.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export function evidenceRoot(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.DATA_DIR || './data', 'evidence');
}

export function sha256Of(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function blobPath(root: string, sha256: string): string {
	if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('Not a SHA-256 digest');
	return path.join(root, sha256.slice(0, 2), sha256);
}

/** Writes the blob unless it is there; a temporary name and a rename make the write atomic. */
export async function storeBlob(root: string, sha256: string, bytes: Uint8Array): Promise<void> {
	const target = blobPath(root, sha256);
	if (existsSync(target)) return;
	await mkdir(path.dirname(target), { recursive: true });
	const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
	await writeFile(temporary, bytes);
	await rename(temporary, target);
}

export function readBlob(root: string, sha256: string): Promise<Buffer> {
	return readFile(blobPath(root, sha256));
}

export function hasBlob(root: string, sha256: string): boolean {
	return existsSync(blobPath(root, sha256));
}

export async function removeBlob(root: string, sha256: string): Promise<void> {
	await rm(blobPath(root, sha256), { force: true });
}
