import { describe, expect, it } from 'vitest';
import {
	collectAuditRefs,
	entryCriterion,
	fieldChanges,
	fieldKind,
	numericId,
	periodRef,
	recordField
} from './audit-entry';

const entry = (
	entity_type: string,
	entity_id: string,
	before: unknown = null,
	after: unknown = null,
	action = 'x.y'
) => ({ action, entity_type, entity_id, before, after });

describe('what a page of entries names', () => {
	it('collects each kind of object once, from ids, codes and recorded fields', () => {
		const refs = collectAuditRefs([
			entry('assessment', '74', { criterion: '1.3', value: 95.5 }, { criterion: '1.3', value: 90 }),
			entry('assessment', '74'),
			entry('campaign', 'CAP-DHKM'),
			entry('period', 'CAP-DHKM/2026-Q4', null, { unit: '16672', until: '2026-12-31' }),
			entry('criterion', '12'),
			entry('criteria_group', '3'),
			entry('criteria_set', '2'),
			entry('user', '5', { unit: '412' }, { unit: '413' }),
			entry('user', 'ten.go.sai'),
			entry('area_set', 'HUYEN-CU'),
			entry('area', 'HUYEN-CU/NAM-DAN'),
			entry('recognition_decision', '9'),
			entry('unit', '16672', null, { parent: '412', predecessors: ['16681', '16684'] })
		]);
		expect(refs).toEqual({
			assessments: [74],
			campaigns: ['CAP-DHKM'],
			criteria: [12],
			groups: [3],
			sets: [2],
			users: [5],
			areaSets: ['HUYEN-CU'],
			decisions: [9],
			units: ['16672', '412', '413', '16681', '16684']
		});
	});

	it('reads JSON text as the database may hand it back', () => {
		const refs = collectAuditRefs([entry('unit', '1', '{"merged_into":"16690"}', null)]);
		expect(refs.units).toEqual(['16690']);
		expect(recordField('{"a":1}', 'a')).toBe(1);
		expect(recordField('not json', 'a')).toBeUndefined();
		expect(recordField([1, 2], '0')).toBeUndefined();
	});

	it('takes only whole positive ids and well-formed period references', () => {
		expect(numericId('74')).toBe(74);
		expect(numericId('0')).toBeNull();
		expect(numericId('admin')).toBeNull();
		expect(numericId('7.5')).toBeNull();
		expect(periodRef('CAP-DHKM/2026-Q4')).toEqual({ campaign: 'CAP-DHKM', label: '2026-Q4' });
		expect(periodRef('CAP-DHKM')).toBeNull();
		expect(periodRef('/2026')).toBeNull();
		expect(periodRef('CAP/')).toBeNull();
	});

	it('finds the criterion an assessment entry is about, on either side', () => {
		expect(entryCriterion({ before: { criterion: '2.1' }, after: null })).toBe('2.1');
		expect(entryCriterion({ before: null, after: { criterion: '1.3' } })).toBe('1.3');
		expect(entryCriterion({ before: { status: 'draft' }, after: { status: 'submitted' } })).toBe(
			null
		);
	});
});

describe('the kind of a recorded field', () => {
	it('tells statuses apart by what they are the status of', () => {
		expect(fieldKind('assessment', 'status')).toBe('assessment_status');
		expect(fieldKind('period', 'status')).toBe('period_status');
		expect(fieldKind('criteria_set', 'status')).toBe('set_status');
		expect(fieldKind('unit', 'status')).toBe('unit_status');
		expect(fieldKind('user', 'active')).toBe('account_active');
	});

	it('knows dates, moments, shares, kinds and roles, and reads the unknown as text', () => {
		expect(fieldKind('campaign', 'start_date')).toBe('date');
		expect(fieldKind('period', 'closes_at')).toBe('moment');
		expect(fieldKind('campaign', 'target_share')).toBe('share');
		expect(fieldKind('unit', 'kind')).toBe('unit_kind');
		expect(fieldKind('user', 'role')).toBe('role');
		expect(fieldKind('assessment', 'value')).toBe('criterion_value');
		expect(fieldKind('anything', 'some_future_field')).toBe('text');
	});
});

describe('the fields of an entry', () => {
	it('lists before then new fields, marking only what changed on two sides', () => {
		expect(
			fieldChanges(
				{ status: 'submitted', score: 95.5 },
				{ status: 'verified', score: 95.5, eligible: true }
			)
		).toEqual([
			{ field: 'status', before: 'submitted', after: 'verified', changed: true },
			{ field: 'score', before: 95.5, after: 95.5, changed: false },
			{ field: 'eligible', before: undefined, after: true, changed: true }
		]);
	});

	it('marks nothing changed when only one side was recorded', () => {
		expect(fieldChanges(null, { code: '16672', name: 'Phường' })).toEqual([
			{ field: 'code', before: undefined, after: '16672', changed: false },
			{ field: 'name', before: undefined, after: 'Phường', changed: false }
		]);
		expect(fieldChanges(null, null)).toEqual([]);
		expect(fieldChanges(undefined, undefined)).toEqual([]);
	});

	it('keeps a nested record as one field and a bare value as one row', () => {
		expect(fieldChanges({ comments: null }, '{"comments":{"1.3":"Thiếu"}}')).toEqual([
			{ field: 'comments', before: null, after: { '1.3': 'Thiếu' }, changed: true }
		]);
		expect(fieldChanges(['* 2026: 50%'], ['* 2026: 60%'])).toEqual([
			{ field: '', before: ['* 2026: 50%'], after: ['* 2026: 60%'], changed: true }
		]);
	});
});
