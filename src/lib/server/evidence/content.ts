// Evidence content as the stores see it: the interface both implement and the helpers they share.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/** Content as it is written: whole, or as chunks read from a file or a backup. */
export type Content = Uint8Array | AsyncIterable<Uint8Array>;

export interface StoredContent {
	size: number;
	/** The bytes, in order, a chunk at a time: never the whole file in memory. */
	chunks: AsyncIterable<Uint8Array>;
}

/**
 * Every method takes the database (or the transaction) it works in: the database store writes in
 * the caller's transaction, so the evidence row and its content commit together; the file store
 * ignores it.
 */
export interface EvidenceStore {
	readonly kind: 'files' | 'database';
	/** Where the content lives, for operators' messages. */
	readonly location: string;
	/**
	 * Stores the content under its SHA-256 unless it is there (answers whether it wrote). The
	 * content must hash to `sha256`: otherwise nothing is stored and put throws.
	 */
	put(db: Db, sha256: string, content: Content): Promise<boolean>;
	/** The content to stream, or undefined when the store does not hold it. */
	open(db: Db, sha256: string): Promise<StoredContent | undefined>;
	has(db: Db, sha256: string): Promise<boolean>;
	remove(db: Db, sha256: string): Promise<void>;
	/** Every content held, in SHA-256 order (backups, checks, imports). */
	list(db: Db): AsyncIterable<{ sha256: string; size: number }>;
	/**
	 * Stores whose content can go after a transaction that saw it commits (files, removed when the
	 * last evidence referring to them is deleted) offer a snapshot: a backup keeps the content it
	 * needs inside its transaction, cheaply, and reads it after the commit.
	 */
	snapshot?(): Promise<ContentSnapshot>;
}

/** Content kept as it was when keep() ran, readable until release(). */
export interface ContentSnapshot {
	/** A private folder (0700) beside the content, gone after release(): room for temporary files. */
	readonly folder: string;
	/** Keeps these contents (those the store holds) without copying them: quick, fit for a transaction. */
	keep(sha256s: readonly string[]): Promise<void>;
	/** A kept content, or undefined when the store did not hold it. */
	open(sha256: string): Promise<StoredContent | undefined>;
	/** Removes the snapshot and everything in its folder. */
	release(): Promise<void>;
}

export class ContentMismatchError extends Error {
	constructor(expected: string, actual: string) {
		super(`Evidence content hashes to ${actual}, not ${expected}`);
	}
}

const DIGEST = /^[0-9a-f]{64}$/;

export function checkDigest(sha256: string): string {
	if (!DIGEST.test(sha256)) throw new Error('Not a SHA-256 digest');
	return sha256;
}

export function sha256Of(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** The content as chunks of at most `size` bytes, hashed on the way; `digest()` once consumed. */
export function rechunk(content: Content, size: number) {
	const hash = createHash('sha256');
	let total = 0;
	async function* chunks(): AsyncGenerator<Uint8Array> {
		const source: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
			content instanceof Uint8Array ? [content] : content;
		let pending: Uint8Array[] = [];
		let pendingBytes = 0;
		for await (const piece of source) {
			hash.update(piece);
			total += piece.length;
			let rest = piece;
			while (pendingBytes + rest.length >= size) {
				const take = size - pendingBytes;
				pending.push(rest.subarray(0, take));
				yield Buffer.concat(pending);
				pending = [];
				pendingBytes = 0;
				rest = rest.subarray(take);
			}
			if (rest.length > 0) {
				pending.push(rest);
				pendingBytes += rest.length;
			}
		}
		if (pendingBytes > 0) yield Buffer.concat(pending);
	}
	return {
		chunks: chunks(),
		digest: () => hash.digest('hex'),
		size: () => total
	};
}
