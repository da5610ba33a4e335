import { describe, expect, it } from 'vitest';
import { buildLineage, dayBefore, versionChanges, type VersionRow } from './lineage';

const vinh = { code: '412', name: 'Thành phố Vinh', ref: '412@2025-06-30' };
const province = { code: '40', name: 'Tỉnh Nghệ An', ref: '40' };
const version = (valid_from: string, change: Partial<VersionRow> = {}): VersionRow => ({
	valid_from,
	code: '17000',
	name: 'Phường Nghi Hải',
	kind: 'ward',
	parent: vinh,
	...change
});

describe('versionChanges', () => {
	it('finds nothing in a unit that never changed', () => {
		expect(versionChanges([version('-infinity')])).toEqual([]);
	});

	it('dates each change the day the later version took effect', () => {
		expect(
			versionChanges([
				version('-infinity', { name: 'Xã Nghi Hải', kind: 'commune' }),
				version('2025-01-01'),
				version('2025-07-01', { parent: province })
			])
		).toEqual([
			{ type: 'renamed', date: '2025-01-01', from: 'Xã Nghi Hải', to: 'Phường Nghi Hải' },
			{ type: 'kind_changed', date: '2025-01-01', from: 'commune', to: 'ward' },
			{ type: 'moved', date: '2025-07-01', from: vinh, to: province }
		]);
	});

	it('does not call a parent that was renamed a move', () => {
		const renamedParent = { ...vinh, name: 'TP Vinh' };
		expect(
			versionChanges([version('2023-01-01'), version('2024-01-01', { parent: renamedParent })])
		).toEqual([]);
	});
});

describe('buildLineage', () => {
	const quangTrung = { code: '16681', name: 'Phường Quang Trung', ref: '16681@2025-06-30' };
	const hungBinh = { code: '16672', name: 'Phường Hưng Bình', ref: '16672@2025-06-30' };
	const nghiThu = { code: '17010', name: 'Xã Nghi Thu', ref: '17010@2025-06-30' };

	it('tells a merged unit formed from whole units and a part of another, in order', () => {
		const events = buildLineage({
			established_on: '2025-07-01',
			retired_on: null,
			versions: [version('2025-07-01', { code: '16681', name: 'Phường Thành Vinh' })],
			predecessors: [
				{ unit: quangTrung, effective_on: '2025-07-01', part: 'full' },
				{ unit: nghiThu, effective_on: '2025-07-01', part: 'partial' },
				{ unit: hungBinh, effective_on: '2025-07-01', part: 'full' }
			],
			successors: []
		});
		expect(events).toEqual([
			{ type: 'merged_from', date: '2025-07-01', units: [quangTrung, hungBinh] },
			{ type: 'formed_from_part_of', date: '2025-07-01', units: [nghiThu] },
			{ type: 'established', date: '2025-07-01' }
		]);
	});

	it('tells a unit that was renamed, then split and retired', () => {
		const a = { code: '16681', name: 'Phường Thành Vinh', ref: '16681' };
		const b = { code: '17000', name: 'Phường Nghi Hải', ref: '17000' };
		const events = buildLineage({
			established_on: '-infinity',
			retired_on: '2025-07-01',
			versions: [
				version('-infinity', { name: 'Xã Nghi Thu Cũ', kind: 'commune' }),
				version('2025-01-01', { name: 'Xã Nghi Thu', kind: 'commune' })
			],
			predecessors: [],
			successors: [
				{ unit: a, effective_on: '2025-07-01', part: 'partial' },
				{ unit: b, effective_on: '2025-07-01', part: 'partial' }
			]
		});
		expect(events.map((event) => event.type)).toEqual(['renamed', 'split_into', 'retired']);
		expect(events[1]).toMatchObject({ units: [a, b] });
	});

	it('shows no establishment for a unit that has always existed', () => {
		expect(
			buildLineage({
				established_on: null,
				retired_on: null,
				versions: [version('-infinity')],
				predecessors: [],
				successors: []
			})
		).toEqual([]);
	});
});

describe('dayBefore', () => {
	it('crosses months and years', () => {
		expect(dayBefore('2025-07-01')).toBe('2025-06-30');
		expect(dayBefore('2025-01-01')).toBe('2024-12-31');
		expect(dayBefore('2024-03-01')).toBe('2024-02-29');
	});
});
