import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { BackupError, openEnvelope, parseEnvelope, sealEnvelope } from './envelope';

async function through(transform: NodeJS.ReadWriteStream | undefined, bytes: Buffer) {
	if (!transform) return bytes;
	return buffer(Readable.from([bytes]).pipe(transform));
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
	try {
		await promise;
	} catch (failure) {
		if (failure instanceof BackupError) return failure;
		throw failure;
	}
	throw new Error('Expected a BackupError');
}

/** scrypt's lowest accepted cost keeps these tests fast; backups use 2^17. */
const FAST = 2 ** 14;

// Sizes around the 64 KiB segments: empty, inside one, exactly one, across several.
const SIZES = [0, 1000, 64 * 1024, 64 * 1024 + 1, 200_000];
const content = (size: number) =>
	Buffer.from(Array.from({ length: size }, (_, i) => (i * 31) % 256));

describe('backup encryption', () => {
	it('leaves an unencrypted backup as it is', async () => {
		const { line, transform } = await sealEnvelope(undefined);
		expect(transform).toBeUndefined();
		expect(parseEnvelope(line)).toEqual({
			format: 'kieu-mau-backup',
			version: 1,
			encryption: null
		});
	});

	it('decrypts with the right passphrase whatever the size', async () => {
		for (const size of SIZES) {
			const { line, transform } = await sealEnvelope('một cụm mật khẩu dài', FAST);
			const sealed = await through(transform, content(size));
			expect(sealed.length).toBeGreaterThan(size);
			const opened = await openEnvelope(line, 'một cụm mật khẩu dài');
			expect((await through(opened.transform, sealed)).equals(content(size)), `${size}`).toBe(true);
		}
	});

	it('refuses a wrong or missing passphrase before reading any content', async () => {
		const { line } = await sealEnvelope('một cụm mật khẩu dài', FAST);
		expect((await refusal(openEnvelope(line, 'sai mật khẩu rồi'))).reason).toBe('wrong_passphrase');
		expect((await refusal(openEnvelope(line, undefined))).reason).toBe('passphrase_needed');
	});

	it('refuses a changed byte, a file cut at a segment and a changed first line', async () => {
		const passphrase = 'một cụm mật khẩu dài';
		const { line, transform } = await sealEnvelope(passphrase, FAST);
		const sealed = await through(transform, content(200_000));
		const changed = Buffer.from(sealed);
		changed[70_000] ^= 1;
		const cut = sealed.subarray(0, 2 * (64 * 1024 + 16));
		for (const damaged of [changed, cut]) {
			const opened = await openEnvelope(line, passphrase);
			expect((await refusal(through(opened.transform, damaged))).reason).toBe('damaged');
		}
		// Another salt in the first line derives another key: refused as a wrong passphrase.
		const envelope = JSON.parse(line);
		envelope.encryption.segment = 64 * 1024;
		envelope.encryption.N = envelope.encryption.N / 2;
		await expect(openEnvelope(JSON.stringify(envelope), passphrase)).rejects.toThrow(BackupError);
	});

	it('refuses a first line that is not a backup', () => {
		for (const line of [
			'',
			'PK\u0003\u0004',
			'{"format":"other"}',
			'{"format":"kieu-mau-backup","version":1,"encryption":{"cipher":"none"}}'
		]) {
			expect(() => parseEnvelope(line)).toThrow(BackupError);
		}
		expect(() => parseEnvelope('{"format":"kieu-mau-backup","version":2}')).toThrow(/newer/);
	});
});
