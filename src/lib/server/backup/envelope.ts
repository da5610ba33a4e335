// The first line of a backup file, readable without a passphrase, and the encryption it announces.
// Encrypted backups use a key derived from the passphrase with scrypt and AES-256-GCM over
// segments of 64 KiB, each with its own tag (the STREAM construction): the nonce holds the segment's
// number and whether it is the last one, and every segment authenticates the first line too. A
// wrong passphrase, a changed byte, segments reordered or cut off at the end: each is refused,
// the wrong passphrase before any content is read.
import {
	createCipheriv,
	createDecipheriv,
	randomBytes,
	scrypt,
	timingSafeEqual
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const FORMAT_NAME = 'kieu-mau-backup';
export const ENVELOPE_VERSION = 1;
const SEGMENT = 64 * 1024;
const TAG = 16;
/** scrypt's cost: 2^17 × 8 × 128 bytes = 128 MiB and about half a second per backup or restore. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const MAX_LINE = 4096;

export class BackupError extends Error {
	constructor(
		message: string,
		readonly reason:
			| 'not_a_backup'
			| 'passphrase_needed'
			| 'wrong_passphrase'
			| 'damaged'
			| 'newer_schema'
			| 'not_empty' = 'damaged'
	) {
		super(message);
	}
}

export interface Encryption {
	cipher: 'aes-256-gcm';
	kdf: 'scrypt';
	N: number;
	r: number;
	p: number;
	salt: string;
	/** The nonces' first 7 bytes (base64); the other 5 are the segment's number and last flag. */
	nonce: string;
	segment: number;
	/** Tells a wrong passphrase from a damaged file (16 bytes derived with the key, base64). */
	check: string;
}

export interface Envelope {
	format: typeof FORMAT_NAME;
	version: number;
	encryption: Encryption | null;
}

function damaged(): never {
	throw new BackupError(
		'This is not a Kiểu mẫu backup, or its first line is damaged.',
		'not_a_backup'
	);
}

const base64Of = (value: unknown, bytes: number) =>
	typeof value === 'string' && Buffer.from(value, 'base64').length === bytes;

/** Reads and checks the first line (without its newline). */
export function parseEnvelope(line: string): Envelope {
	if (line.length > MAX_LINE) damaged();
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		damaged();
	}
	const envelope = value as Envelope;
	if (typeof value !== 'object' || value === null || envelope.format !== FORMAT_NAME) damaged();
	if (envelope.version !== ENVELOPE_VERSION) {
		throw new BackupError(
			`This backup's format (${envelope.version}) is newer than this version of Kiểu mẫu reads.`,
			'newer_schema'
		);
	}
	const encryption = envelope.encryption;
	if (encryption !== null) {
		const valid =
			typeof encryption === 'object' &&
			encryption.cipher === 'aes-256-gcm' &&
			encryption.kdf === 'scrypt' &&
			Number.isInteger(Math.log2(encryption.N)) &&
			encryption.N >= 2 ** 14 &&
			encryption.N <= 2 ** 20 &&
			Number.isInteger(encryption.r) &&
			encryption.r >= 1 &&
			encryption.r <= 32 &&
			Number.isInteger(encryption.p) &&
			encryption.p >= 1 &&
			encryption.p <= 4 &&
			encryption.segment === SEGMENT &&
			base64Of(encryption.salt, 16) &&
			base64Of(encryption.nonce, 7) &&
			base64Of(encryption.check, 16);
		if (!valid) damaged();
	}
	return envelope;
}

function derive(
	passphrase: string,
	encryption: Encryption
): Promise<{ key: Buffer; check: Buffer }> {
	const { N, r, p } = encryption;
	return new Promise((resolve, reject) =>
		scrypt(
			passphrase.normalize('NFC'),
			Buffer.from(encryption.salt, 'base64'),
			48,
			{ N, r, p, maxmem: 256 * N * r + 32 * 1024 * 1024 },
			(error, bytes) =>
				error ? reject(error) : resolve({ key: bytes.subarray(0, 32), check: bytes.subarray(32) })
		)
	);
}

function nonceOf(prefix: Buffer, segment: number, last: boolean): Buffer {
	const nonce = Buffer.alloc(12);
	prefix.copy(nonce, 0);
	nonce.writeUInt32BE(segment, 7);
	nonce[11] = last ? 1 : 0;
	return nonce;
}

/** Encrypts a byte stream into segments; the last one (maybe empty) carries the last flag. */
function encryptor(key: Buffer, prefix: Buffer, associated: Buffer): Transform {
	let pending = Buffer.alloc(0);
	let segment = 0;
	const seal = (plain: Buffer, last: boolean) => {
		const cipher = createCipheriv('aes-256-gcm', key, nonceOf(prefix, segment++, last));
		cipher.setAAD(associated);
		return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
	};
	return new Transform({
		transform(chunk: Buffer, _encoding, done: TransformCallback) {
			pending = Buffer.concat([pending, chunk]);
			// A full segment is sealed once more bytes follow it: only then is it not the last.
			while (pending.length > SEGMENT) {
				this.push(seal(pending.subarray(0, SEGMENT), false));
				pending = pending.subarray(SEGMENT);
			}
			done();
		},
		flush(done: TransformCallback) {
			this.push(seal(pending, true));
			done();
		}
	});
}

function decryptor(key: Buffer, prefix: Buffer, associated: Buffer): Transform {
	let pending = Buffer.alloc(0);
	let segment = 0;
	const open = (sealed: Buffer, last: boolean) => {
		if (sealed.length < TAG) throw new BackupError('The backup file is cut short.');
		const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(prefix, segment, last));
		decipher.setAAD(associated);
		decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
		try {
			const plain = Buffer.concat([
				decipher.update(sealed.subarray(0, sealed.length - TAG)),
				decipher.final()
			]);
			segment++;
			return plain;
		} catch {
			throw new BackupError(
				`The backup file is damaged or was altered (segment ${segment + 1}).`,
				'damaged'
			);
		}
	};
	return new Transform({
		transform(chunk: Buffer, _encoding, done: TransformCallback) {
			pending = Buffer.concat([pending, chunk]);
			try {
				while (pending.length > SEGMENT + TAG) {
					this.push(open(pending.subarray(0, SEGMENT + TAG), false));
					pending = pending.subarray(SEGMENT + TAG);
				}
				done();
			} catch (error) {
				done(error as Error);
			}
		},
		flush(done: TransformCallback) {
			try {
				this.push(open(pending, true));
				done();
			} catch (error) {
				done(error as Error);
			}
		}
	});
}

/** The first line for a new backup, and the encryption of what follows it (none without passphrase). */
export async function sealEnvelope(
	passphrase: string | undefined,
	/** scrypt's N: lower only in tests. */
	cost: number = SCRYPT.N
): Promise<{ line: string; transform: Transform | undefined }> {
	if (!passphrase) {
		const envelope: Envelope = { format: FORMAT_NAME, version: ENVELOPE_VERSION, encryption: null };
		return { line: JSON.stringify(envelope), transform: undefined };
	}
	const encryption: Encryption = {
		cipher: 'aes-256-gcm',
		kdf: 'scrypt',
		...SCRYPT,
		N: cost,
		salt: randomBytes(16).toString('base64'),
		nonce: randomBytes(7).toString('base64'),
		segment: SEGMENT,
		check: ''
	};
	const { key, check } = await derive(passphrase, encryption);
	encryption.check = check.toString('base64');
	const line = JSON.stringify({ format: FORMAT_NAME, version: ENVELOPE_VERSION, encryption });
	const transform = encryptor(key, Buffer.from(encryption.nonce, 'base64'), Buffer.from(line));
	return { line, transform };
}

/** The decryption of what follows the first line; refuses a missing or wrong passphrase. */
export async function openEnvelope(
	line: string,
	passphrase: string | undefined
): Promise<{ envelope: Envelope; transform: Transform | undefined }> {
	const envelope = parseEnvelope(line);
	const encryption = envelope.encryption;
	if (!encryption) return { envelope, transform: undefined };
	if (!passphrase) {
		throw new BackupError(
			'This backup is encrypted: set BACKUP_PASSPHRASE or run from a terminal to be asked for it.',
			'passphrase_needed'
		);
	}
	const { key, check } = await derive(passphrase, encryption);
	if (!timingSafeEqual(check, Buffer.from(encryption.check, 'base64'))) {
		throw new BackupError('Wrong passphrase for this backup.', 'wrong_passphrase');
	}
	const transform = decryptor(key, Buffer.from(encryption.nonce, 'base64'), Buffer.from(line));
	return { envelope, transform };
}
