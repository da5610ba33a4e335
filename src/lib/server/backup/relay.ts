// The last hop of a backup's compressed records before the output: straight on, or first into a
// spool file while a PGlite transaction is open, so that the transaction (which holds the app's
// only connection) waits for the disk, never for the reader of the backup (a slow disk at the other
// end, a script paused with Ctrl+Z). release() sends the spooled bytes on and lets the rest
// through after them: the bytes keep their order, and the file its format.
import { Writable, type Readable } from 'node:stream';
import type { FileHandle } from 'node:fs/promises';

const REPLAY_CHUNK = 256 * 1024;

/** Resolves when `stream` wants more; rejects when it failed or closed. */
export function drained(stream: Writable): Promise<void> {
	if (stream.destroyed) {
		return Promise.reject(stream.errored ?? new Error('The backup stream closed early.'));
	}
	return new Promise((resolve, reject) => {
		const settle = (error?: Error) => {
			stream.off('drain', onDrain).off('close', onClose).off('error', settle);
			if (error) reject(error);
			else resolve();
		};
		const onDrain = () => settle();
		const onClose = () => settle(stream.errored ?? new Error('The backup stream closed early.'));
		stream.on('drain', onDrain).on('close', onClose).on('error', settle);
	});
}

export class Relay extends Writable {
	/** The steps (a chunk to pass on or spool, the release), one after another. */
	#tail: Promise<void> = Promise.resolve();
	#failure: Error | undefined;
	#spool: FileHandle | undefined;
	#spooled = 0;

	/** Passes chunks to `next` (a Writable side of a pipeline); spools them in `spool` until release(). */
	constructor(
		private readonly next: Writable & Readable,
		spool?: FileHandle
	) {
		super();
		this.#spool = spool;
	}

	#then(step: () => Promise<void>): Promise<void> {
		const result = this.#tail.then(() => {
			if (this.#failure) throw this.#failure;
			return step();
		});
		this.#tail = result.catch((error: Error) => {
			this.#failure ??= error;
		});
		return result;
	}

	async #send(chunk: Buffer) {
		if (!this.next.write(chunk)) await drained(this.next);
	}

	async #append(spool: FileHandle, chunk: Buffer) {
		for (let at = 0; at < chunk.length;) {
			const { bytesWritten } = await spool.write(chunk, at, chunk.length - at, this.#spooled);
			at += bytesWritten;
			this.#spooled += bytesWritten;
		}
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
		this.#then(() => (this.#spool ? this.#append(this.#spool, chunk) : this.#send(chunk))).then(
			() => done(),
			done
		);
	}

	/** Sends what was spooled, then lets chunks through. Idempotent; the spool stays open. */
	release(): Promise<void> {
		return this.#then(async () => {
			const spool = this.#spool;
			if (!spool) return;
			for (let at = 0; at < this.#spooled;) {
				const buffer = Buffer.allocUnsafe(Math.min(REPLAY_CHUNK, this.#spooled - at));
				const { bytesRead } = await spool.read(buffer, 0, buffer.length, at);
				if (bytesRead === 0) throw new Error('The backup spool file is shorter than written.');
				await this.#send(buffer.subarray(0, bytesRead));
				at += bytesRead;
			}
			this.#spool = undefined;
		});
	}

	override _final(done: (error?: Error | null) => void) {
		this.release()
			.then(() => this.#then(async () => void this.next.end()))
			.then(() => done(), done);
	}
}
