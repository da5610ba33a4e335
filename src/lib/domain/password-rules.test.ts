import { describe, expect, it } from 'vitest';
import {
	MAX_PASSWORD_LENGTH,
	MIN_PASSWORD_LENGTH,
	passwordProblem,
	type PasswordProblem
} from './password-rules';

// Precomposed (NFC) forms, so each Vietnamese letter below is one code point whatever the
// editor did to this file.
const vi = (text: string) => text.normalize('NFC');

describe('limits', () => {
	it('a password is 10 to 256 characters', () => {
		expect(MIN_PASSWORD_LENGTH).toBe(10);
		expect(MAX_PASSWORD_LENGTH).toBe(256);
	});
});

describe('passwordProblem', () => {
	it('counts Vietnamese letters the same whether typed composed (NFC) or decomposed (NFD)', () => {
		const nine = 'mậtkhẩuđẹ';
		expect(passwordProblem(nine.normalize('NFD'), { username: 'cb' })).toBe('too_short');
		expect(passwordProblem(`${nine}p`.normalize('NFD'), { username: 'cb' })).toBeNull();
	});

	it('measures the maximum in characters too: 129 emoji are not too long', () => {
		expect(passwordProblem('🔒'.repeat(129), { username: 'cb' })).toBeNull();
		expect(passwordProblem('🔒'.repeat(257), { username: 'cb' })).toBe('too_long');
	});

	const username = 'nguyen.van.a';

	it.each<[string, string, PasswordProblem | null]>([
		// Too short.
		['the empty string', '', 'too_short'],
		['one character', 'x', 'too_short'],
		['9 ASCII characters', 'abcdefghi', 'too_short'],
		['9 Vietnamese letters with diacritics', vi('mậtkhẩuđẹ'), 'too_short'],
		['9 letters, every one with two diacritics', vi('ậẩẫầấặẳẵằ'), 'too_short'],
		['9 spaces', ' '.repeat(9), 'too_short'],
		// Long enough.
		['exactly 10 ASCII characters', 'abcdefghij', null],
		['exactly 10 Vietnamese letters', vi('mậtkhẩuđẹp'), null],
		['a Vietnamese passphrase', vi('Trăm năm trong cõi người ta'), null],
		['10 digits', '0123456789', null],
		['10 spaces', ' '.repeat(10), null],
		// Too long.
		['exactly 256 characters', 'a'.repeat(256), null],
		['exactly 256 Vietnamese letters', vi('ệ').repeat(256), null],
		['257 characters', 'a'.repeat(257), 'too_long'],
		['257 Vietnamese letters', vi('ệ').repeat(257), 'too_long'],
		['1000 characters', 'a'.repeat(1000), 'too_long']
	])('%s → %j', (_label, password, expected) => {
		expect(passwordProblem(password, { username })).toBe(expected);
	});

	it('counts a Vietnamese letter with diacritics as one character', () => {
		const word = vi('mậtkhẩuđẹ');
		expect([...word]).toHaveLength(9);
		expect(passwordProblem(word, { username })).toBe('too_short');
		expect(passwordProblem(word + 'p', { username })).toBeNull();
	});

	it('counts characters outside the Basic Multilingual Plane as one each, not two', () => {
		// Each of these is two UTF-16 code units: 9 of them are 18 units but 9 characters.
		expect(passwordProblem('𝒶'.repeat(9), { username })).toBe('too_short');
		expect(passwordProblem('😀'.repeat(9), { username })).toBe('too_short');
		expect(passwordProblem('😀'.repeat(10), { username })).toBeNull();
	});

	it.each<[string, string, string]>([
		['identical', 'nguyen.van.a', 'nguyen.van.a'],
		['in other case', 'Nguyen.Van.A', 'nguyen.van.a'],
		['all upper case', 'NGUYEN.VAN.A', 'nguyen.van.a'],
		['username in other case', 'nguyen.van.a', 'NGUYEN.van.A'],
		['with spaces around the password', '  nguyen.van.a  ', 'nguyen.van.a'],
		['with a tab and a newline around the password', '\tnguyen.van.a\n', 'nguyen.van.a'],
		['with spaces around the username', 'nguyen.van.a', ' nguyen.van.a '],
		['both in other case and padded', ' Nguyen.Van.A', 'nguyen.van.a  '],
		['a Vietnamese username in other case', vi('Đặng.Thị.Hồng'), vi('đặng.thị.hồng')]
	])('same_as_username: %s (%j vs %j)', (_label, password, name) => {
		expect(passwordProblem(password, { username: name })).toBe('same_as_username');
	});

	it.each<[string, string, string]>([
		['username plus a digit', 'nguyen.van.a1', 'nguyen.van.a'],
		['username reversed', 'a.nav.neyugn', 'nguyen.van.a'],
		['username with a space inside', 'nguyen.van .a', 'nguyen.van.a'],
		['username without its diacritics', 'dang.thi.hong', vi('đặng.thị.hồng')]
	])('not the username: %s', (_label, password, name) => {
		expect(passwordProblem(password, { username: name })).toBeNull();
	});

	it('a short username does not hide too_short', () => {
		expect(passwordProblem('an', { username: 'an' })).toBe('too_short');
	});

	it.each<[string, string, string, PasswordProblem | null]>([
		['the same as the current one', 'correct horse', 'correct horse', 'unchanged'],
		['the same Vietnamese password', vi('mậtkhẩuđẹp'), vi('mậtkhẩuđẹp'), 'unchanged'],
		['different from the current one', 'correct horse', 'battery staple', null],
		['the current one in other case', 'Correct Horse', 'correct horse', null],
		['the current one with a trailing space', 'correct horse ', 'correct horse', null]
	])('%s → %j', (_label, password, current, expected) => {
		expect(passwordProblem(password, { username, current })).toBe(expected);
	});

	it('without a current password nothing is unchanged', () => {
		expect(passwordProblem('correct horse', { username })).toBeNull();
	});

	it('an empty current password matches only an empty new one, which is too short first', () => {
		expect(passwordProblem('correct horse', { username, current: '' })).toBeNull();
		expect(passwordProblem('', { username, current: '' })).toBe('too_short');
	});

	it.each<[string, string, { username: string; current?: string }, PasswordProblem]>([
		['too_short before same_as_username', 'short', { username: 'short' }, 'too_short'],
		['too_short before unchanged', 'short', { username, current: 'short' }, 'too_short'],
		[
			'too_long before same_as_username',
			'a'.repeat(300),
			{ username: 'a'.repeat(300) },
			'too_long'
		],
		[
			'too_long before unchanged',
			'a'.repeat(300),
			{ username, current: 'a'.repeat(300) },
			'too_long'
		],
		[
			'same_as_username before unchanged',
			'nguyen.van.a',
			{ username, current: 'nguyen.van.a' },
			'same_as_username'
		]
	])('reports %s', (_label, password, context, expected) => {
		expect(passwordProblem(password, context)).toBe(expected);
	});
});
