// Lineage and addresses on a small province that lived through 2025: what a unit's pages read
// about where it came from and went, and which unit an address with a reused code names.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByRef } from '../../src/lib/server/dashboard/unit-page';
import {
	findLineage,
	listUnitAncestors
} from '../../src/lib/server/dashboard/unit-page-repository';
import { browseUnits, loadUnitForAdmin } from '../../src/lib/server/units/browse';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { buildStructure2025, type Structure2025 } from './helpers/structure-2025';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let units: Structure2025;
const admin = {
	id: 1,
	username: 'admin',
	role: 'province_admin' as const,
	scopePath: '/40/',
	ip: null
};

beforeAll(async () => {
	test = await createTestDatabase();
	units = await buildStructure2025(test.db);
}, 120_000);
afterAll(() => test?.drop());
afterEach(() => expectKeptFiguresFresh(test?.db));

describe('addresses with a reused code', () => {
	it('names the holder on the day asked, else today’s holder', async () => {
		const name = async (segment: string, today = '2026-12-01') =>
			(await findUnitByRef(test.db, segment, today))?.name;
		expect(await name('16681')).toBe('Phường Thành Vinh');
		expect(await name('16681@2025-06-30')).toBe('Phường Quang Trung');
		expect(await name('16681@2024-12-31')).toBe('Phường Quang Trung');
		expect(await name('16681@2025-07-01')).toBe('Phường Thành Vinh');
		// Looked at on a day before the reorganisation, the plain code names Quang Trung.
		expect(await name('16681', '2025-03-01')).toBe('Phường Quang Trung');
		// A retired code no one holds any more still leads to its last holder.
		expect(await name('16672')).toBe('Phường Hưng Bình');
		expect(await name('99999')).toBeUndefined();
		expect(await name('16681@2025-13-01')).toBeUndefined();
		expect(await name('16681@2025-06-30@x')).toBeUndefined();
	});

	it('walks a retired unit’s ancestors by its parents, not by reused codes', async () => {
		const trail = await listUnitAncestors(test.db, units.quangTrung);
		expect(trail.map((a) => [a.ref, a.name])).toEqual([
			['40', 'Tỉnh Nghệ An'],
			['412@2025-06-30', 'Thành phố Vinh'],
			['16681@2025-06-30', 'Phường Quang Trung']
		]);
		const current = await listUnitAncestors(test.db, units.thanhVinh);
		expect(current.map((a) => a.ref)).toEqual(['40', '16681']);
	});
});

describe('lineage', () => {
	it('tells a merged unit what it was formed from, with dates and addresses', async () => {
		const lineage = await findLineage(test.db, units.thanhVinh);
		expect(lineage.events).toEqual([
			{
				type: 'merged_from',
				date: '2025-07-01',
				units: [
					{ code: '16672', name: 'Phường Hưng Bình', ref: '16672@2025-06-30' },
					{ code: '16681', name: 'Phường Quang Trung', ref: '16681@2025-06-30' }
				]
			},
			{
				type: 'formed_from_part_of',
				date: '2025-07-01',
				units: [{ code: '17010', name: 'Xã Nghi Thu', ref: '17010@2025-06-30' }]
			},
			{ type: 'established', date: '2025-07-01' }
		]);
		expect(lineage.predecessors.map((p) => p.code)).toEqual(['16672', '16681', '17010']);
		expect(lineage.mergedInto).toBeNull();
	});

	it('tells a retired unit where it went, and its rename before', async () => {
		const lineage = await findLineage(test.db, units.nghiHai);
		expect(lineage.events).toEqual([
			{
				type: 'renamed',
				date: '2025-01-01',
				from: 'Phường Nghi Hải Cũ',
				to: 'Phường Nghi Hải'
			},
			{
				type: 'merged_into',
				date: '2025-07-01',
				units: [{ code: '17000', name: 'Phường Nghi Hải', ref: '17000' }]
			},
			{ type: 'retired', date: '2025-07-01' }
		]);
		expect(lineage.mergedInto).toEqual({
			code: '17000',
			name: 'Phường Nghi Hải',
			date: '2025-07-01'
		});
		expect(lineage.successors.map((s) => s.ref)).toEqual(['17000']);
	});

	it('tells a split unit each part’s successor', async () => {
		const lineage = await findLineage(test.db, units.nghiThu);
		expect(lineage.events.map((e) => e.type)).toEqual(['split_into', 'retired']);
		expect(lineage.successors.map((s) => s.name)).toEqual(['Phường Thành Vinh', 'Phường Nghi Hải']);
		expect(lineage.mergedInto).toBeNull();
	});

	it('shows an earlier holder on the admin page under its dated address, without forms', async () => {
		const page = await loadUnitForAdmin(test.db, admin, '16681@2025-06-30');
		expect(page.unit).toMatchObject({
			name: 'Phường Quang Trung',
			status: 'retired',
			ref: '16681@2025-06-30'
		});
		expect(page.breadcrumbs.map((b) => b.code)).toEqual([
			'40',
			'412@2025-06-30',
			'16681@2025-06-30'
		]);
		const current = await loadUnitForAdmin(test.db, admin, '16681');
		expect(current.unit).toMatchObject({ name: 'Phường Thành Vinh', ref: '16681' });
		// A retired unit whose code nobody took keeps its plain code as its address.
		const hungBinh = await loadUnitForAdmin(test.db, admin, '16672@2025-06-30');
		expect(hungBinh.unit.ref).toBe('16672');
	});

	it('lists retired children under their dated addresses, the current holders plainly', async () => {
		const browse = (unit: string) =>
			browseUnits(test.db, admin, { unit, query: '', withRetired: true });
		const province = await browse('40');
		const refs = province.children.map((child) => child.ref);
		expect(refs).toContain('16681');
		expect(refs).toContain('412@2025-06-30');
		expect(new Set(refs).size).toBe(refs.length);
		const vinh = await browse('412@2025-06-30');
		expect(vinh.current).toMatchObject({ name: 'Thành phố Vinh', status: 'retired' });
		expect(vinh.children.find((child) => child.name === 'Phường Quang Trung')?.ref).toBe(
			'16681@2025-06-30'
		);
		const found = await browseUnits(test.db, admin, {
			unit: '40',
			query: '16681',
			withRetired: true
		});
		expect(found.results!.map((row) => [row.ref, row.name]).sort()).toEqual([
			['16681', 'Phường Thành Vinh'],
			['16681@2025-06-30', 'Phường Quang Trung']
		]);
	});
});
