// Temporary passwords an admin reads out or hands over: no look-alike characters (0/O, 1/l/I), in
// groups of four so they are easy to copy, long enough for the password rules. Pure apart from the
// random source, which tests replace.

/** 31 characters: lower-case letters and digits without i, l, o, 0 and 1. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

export type RandomBytes = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array;

const cryptoBytes: RandomBytes = (bytes) => {
	crypto.getRandomValues(bytes);
	return bytes;
};

/** E.g. 'k7mq-x2ab-9pfe': 12 random characters, about 59 bits. */
export function temporaryPassword(randomBytes: RandomBytes = cryptoBytes): string {
	const length = GROUPS * GROUP_LENGTH;
	const chars: string[] = [];
	// Rejection sampling: bytes of 248 and above would favour the first characters.
	const limit = 256 - (256 % ALPHABET.length);
	while (chars.length < length) {
		for (const byte of randomBytes(new Uint8Array(length * 2))) {
			if (byte < limit && chars.length < length) chars.push(ALPHABET[byte % ALPHABET.length]);
		}
	}
	const groups: string[] = [];
	for (let i = 0; i < length; i += GROUP_LENGTH)
		groups.push(chars.slice(i, i + GROUP_LENGTH).join(''));
	return groups.join('-');
}
