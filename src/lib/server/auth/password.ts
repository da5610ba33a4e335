import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 };

// The same letters typed as composed (NFC) or decomposed (NFD) Vietnamese are one password.
export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password.normalize('NFC'));
	} catch {
		return false;
	}
}
