import { describe, expect, it } from 'vitest';
import { diffAudit, formatAuditValue } from './audit-diff';

describe('diffAudit', () => {
	it('lists each field and marks the changed ones', () => {
		expect(
			diffAudit(
				{ display_name: 'A', role: 'leader', unit: '412' },
				{ display_name: 'B', role: 'leader', unit: '412' }
			)
		).toEqual([
			{ field: 'display_name', before: 'A', after: 'B', changed: true },
			{ field: 'role', before: 'leader', after: 'leader', changed: false },
			{ field: 'unit', before: '412', after: '412', changed: false }
		]);
	});

	it('shows added and removed fields as changed, in before-then-after order', () => {
		expect(diffAudit({ a: 1, b: true }, { b: false, c: 'x' })).toEqual([
			{ field: 'a', before: '1', after: null, changed: true },
			{ field: 'b', before: 'true', after: 'false', changed: true },
			{ field: 'c', before: null, after: 'x', changed: true }
		]);
	});

	it('reads a one-sided entry (a creation, an event) without calling it a change', () => {
		expect(diffAudit(null, { username: 'cb.hung', active: true })).toEqual([
			{ field: 'username', before: null, after: 'cb.hung', changed: false },
			{ field: 'active', before: null, after: 'true', changed: false }
		]);
		expect(diffAudit({ file: 'a.pdf' }, undefined)).toEqual([
			{ field: 'file', before: 'a.pdf', after: null, changed: false }
		]);
	});

	it('flattens nested objects into dotted names and writes lists as JSON', () => {
		expect(
			diffAudit({ unit: { code: '412', name: 'Vinh' }, tags: [1, 2] }, { unit: { code: '431' } })
		).toEqual([
			{ field: 'unit.code', before: '412', after: '431', changed: true },
			{ field: 'unit.name', before: 'Vinh', after: null, changed: true },
			{ field: 'tags', before: '[1,2]', after: null, changed: true }
		]);
	});

	it('compares bare values as one unnamed row', () => {
		expect(diffAudit(5, 7)).toEqual([{ field: '', before: '5', after: '7', changed: true }]);
		expect(diffAudit('"x"', ['a'])).toEqual([
			{ field: '', before: 'x', after: '["a"]', changed: true }
		]);
	});

	it('reads JSON text the way it reads objects, and has nothing to say about two nulls', () => {
		expect(diffAudit('{"a":1}', '{"a":2}')).toEqual([
			{ field: 'a', before: '1', after: '2', changed: true }
		]);
		expect(diffAudit(null, null)).toEqual([]);
		expect(diffAudit(undefined, undefined)).toEqual([]);
	});

	it('keeps an empty nested object as a field', () => {
		expect(diffAudit({ extra: {} }, { extra: { a: 1 } })).toEqual([
			{ field: 'extra', before: '{}', after: null, changed: true },
			{ field: 'extra.a', before: null, after: '1', changed: true }
		]);
	});
});

describe('formatAuditValue', () => {
	it('writes strings as they are and the rest as JSON', () => {
		expect(formatAuditValue('Vinh')).toBe('Vinh');
		expect(formatAuditValue(12.5)).toBe('12.5');
		expect(formatAuditValue(false)).toBe('false');
		expect(formatAuditValue(null)).toBeNull();
		expect(formatAuditValue(undefined)).toBeNull();
	});
});
