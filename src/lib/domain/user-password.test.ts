import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules';
import { temporaryPassword } from './user-password';

describe('temporaryPassword', () => {
	it('gives three groups of four unambiguous characters that pass the password rules', () => {
		for (let i = 0; i < 200; i++) {
			const password = temporaryPassword();
			expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
			expect(passwordProblem(password, { username: 'cb.hung' })).toBeNull();
		}
	});

	it('differs from call to call', () => {
		const seen = new Set(Array.from({ length: 500 }, () => temporaryPassword()));
		expect(seen.size).toBe(500);
	});

	it('skips bytes that would bias the alphabet', () => {
		// 31 characters: bytes from 248 up are dropped (255 would read as 'j'); 32 % 31 = 1 is 'b'.
		let call = 0;
		const source = (bytes: Uint8Array) => {
			bytes.fill(call++ === 0 ? 255 : 32);
			return bytes;
		};
		expect(temporaryPassword(source)).toBe('bbbb-bbbb-bbbb');
		expect(call).toBe(2);
	});
});
