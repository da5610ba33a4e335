import { describe, expect, it } from 'vitest';
import { isNetworkFailure, parseKept, restoredCodes } from './kept-entry';

const entry = {
	version: 3,
	values: { '1.1': 'yes' },
	notes: { '1.1': '' },
	at: '2026-12-01T10:00:00Z'
};

describe('parseKept', () => {
	it('reads back what was kept', () => {
		expect(parseKept(JSON.stringify(entry))).toEqual(entry);
	});

	it('ignores nothing, damaged text and foreign shapes', () => {
		expect(parseKept(null)).toBeNull();
		expect(parseKept('{')).toBeNull();
		expect(parseKept(JSON.stringify({ ...entry, version: '3' }))).toBeNull();
		expect(parseKept(JSON.stringify({ ...entry, values: { '1.1': 5 } }))).toBeNull();
		expect(parseKept('"text"')).toBeNull();
	});
});

describe('restoredCodes', () => {
	const stored = { values: { '1.1': 'yes', '1.2': '90' }, notes: { '1.1': '', '1.2': '' } };

	it('names the criteria whose kept value or note differs from the stored one', () => {
		const kept = {
			values: { '1.1': 'yes', '1.2': '95,5' },
			notes: { '1.1': 'Đã kiểm tra', '1.2': '' }
		};
		expect(restoredCodes(kept, stored)).toEqual(['1.1', '1.2']);
	});

	it('finds nothing when the server already holds it, and skips criteria no longer on the form', () => {
		expect(restoredCodes(stored, stored)).toEqual([]);
		const kept = { values: { '9.9': 'no' }, notes: {} };
		expect(restoredCodes(kept, stored)).toEqual([]);
	});
});

describe('isNetworkFailure', () => {
	it('tells a request that never got an answer from a refusal or a server error', () => {
		expect(isNetworkFailure({ type: 'error', error: new TypeError('Failed to fetch') })).toBe(true);
		expect(isNetworkFailure({ type: 'error', error: {}, status: 500 })).toBe(false);
		expect(isNetworkFailure({ type: 'failure', status: 400, data: {} })).toBe(false);
		expect(isNetworkFailure({ type: 'success', status: 200 })).toBe(false);
	});
});
