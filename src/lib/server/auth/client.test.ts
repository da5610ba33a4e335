import { describe, expect, it, vi } from 'vitest';
import { clientAddress, safeNext } from './client';

describe('safeNext', () => {
	it.each([
		'/campaigns/CAP-DHKM?period=2025-Q4',
		'/en/review',
		'/',
		'/account/password',
		'/units/412?tab=history#evidence',
		'/search?q=%2F%2Fevil.example',
		'/login?next=https://evil.example'
	])('keeps the local path %j', (next) => {
		expect(safeNext(next)).toBe(next);
	});

	it.each<[string, string | null]>([
		['null', null],
		['the empty string', ''],
		['an absolute https URL', 'https://evil.example'],
		['an absolute http URL', 'http://evil.example/campaigns'],
		['a protocol-relative URL', '//evil.example'],
		['a protocol-relative URL with a path', '//evil.example/en/review'],
		['three slashes', '///evil.example'],
		['a slash then a backslash', '/\\evil.example'],
		['a leading backslash', '\\\\evil.example'],
		['a relative path', 'campaigns'],
		['a dot-relative path', './campaigns'],
		['a javascript: URL', 'javascript:alert(1)'],
		['a query alone', '?next=/'],
		['a fragment alone', '#top'],
		['a path after a space', ' /campaigns'],
		// Browsers drop tabs and newlines from URLs: these would become '//evil.example'.
		['a slash, a tab, a slash', '/\t/evil.example'],
		['a slash, a newline, a slash', '/\n/evil.example'],
		['a slash, a tab, a backslash', '/\t\\evil.example'],
		['a carriage return inside', '/campaigns\r\nLocation: https://evil.example']
	])('rejects %s', (_label, next) => {
		expect(safeNext(next)).toBeNull();
	});
});

describe('clientAddress', () => {
	it.each(['203.0.113.7', '2001:db8::1', '::1', '127.0.0.1'])(
		'returns what getClientAddress returns (%s)',
		(address) => {
			const getClientAddress = vi.fn(() => address);
			expect(clientAddress({ getClientAddress })).toBe(address);
			expect(getClientAddress).toHaveBeenCalledTimes(1);
		}
	);

	it.each<[string, unknown]>([
		['an Error', new Error('Could not determine clientAddress')],
		['a TypeError', new TypeError('socket is closed')],
		['a string', 'no address']
	])("answers 'unknown' when getClientAddress throws %s", (_label, thrown) => {
		const getClientAddress = vi.fn((): string => {
			throw thrown;
		});
		expect(clientAddress({ getClientAddress })).toBe('unknown');
		expect(getClientAddress).toHaveBeenCalledTimes(1);
	});
});
