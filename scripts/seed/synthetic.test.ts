import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/lib/domain/random';
import { syntheticTree } from './synthetic';

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

describe('the 2024 synthetic shape', () => {
	const { records, paces, areas } = syntheticTree(1_000, createRandom(7), '2024');

	it('has a nation, 63 provinces, a district per fifteen communes and the communes', () => {
		expect(count(records, (r) => r.kind === 'nation')).toBe(1);
		expect(count(records, (r) => r.kind === 'province')).toBe(63);
		expect(count(records, (r) => r.kind === 'district')).toBe(67);
		expect(count(records, (r) => r.level === 4)).toBe(1_000);
		expect(areas).toEqual([]);
	});

	it('puts every commune under a district, which shares its pace', () => {
		const byCode = new Map(records.map((r) => [r.code, r]));
		for (const commune of records.filter((r) => r.level === 4)) {
			expect(byCode.get(commune.parentCode!)?.kind).toBe('district');
			expect(paces.has(commune.code)).toBe(true);
		}
		expect(paces.size).toBe(1_000);
	});

	it('is the same tree for the same seed, parents first', () => {
		expect(syntheticTree(1_000, createRandom(7), '2024').records).toEqual(records);
		const seen = new Set<string>();
		for (const record of records) {
			if (record.parentCode) expect(seen.has(record.parentCode)).toBe(true);
			seen.add(record.code);
		}
	});
});

describe('the 2025 synthetic shape', () => {
	const { records, paces, areas } = syntheticTree(3_300, createRandom(7), '2025');
	const communes = records.filter((r) => paces.has(r.code));

	it('has 34 provinces, no districts, and the communes straight under the provinces', () => {
		expect(count(records, (r) => r.kind === 'province')).toBe(34);
		expect(count(records, (r) => r.kind === 'district')).toBe(0);
		expect(communes).toHaveLength(3_300);
		const provinces = new Set(records.filter((r) => r.kind === 'province').map((r) => r.code));
		for (const commune of communes) {
			expect(provinces.has(commune.parentCode!)).toBe(true);
			expect(commune.level).toBe(3);
		}
		expect(new Set(records.map((r) => r.code)).size).toBe(records.length);
	});

	it('groups each province’s communes into 8 to 10 areas, every commune in one', () => {
		const members = areas.flatMap((area) => area.members);
		expect(members).toHaveLength(3_300);
		expect(new Set(members).size).toBe(3_300);
		const parent = new Map(communes.map((c) => [c.code, c.parentCode]));
		const perProvince = new Map<string, number>();
		for (const area of areas) {
			const provinces = new Set(area.members.map((code) => parent.get(code)));
			expect(provinces.size).toBe(1);
			const [province] = provinces;
			perProvince.set(province!, (perProvince.get(province!) ?? 0) + 1);
			expect(area.code.startsWith(`${province}-`)).toBe(true);
			// An area's units share its pace.
			expect(new Set(area.members.map((code) => paces.get(code))).size).toBe(1);
		}
		expect(perProvince.size).toBe(34);
		for (const areasOfProvince of perProvince.values()) {
			expect(areasOfProvince).toBeGreaterThanOrEqual(8);
			expect(areasOfProvince).toBeLessThanOrEqual(10);
		}
	});

	it('never makes more areas than a small province has communes', () => {
		const small = syntheticTree(68, createRandom(1), '2025');
		expect(small.areas.every((area) => area.members.length > 0)).toBe(true);
		expect(small.areas).toHaveLength(68);
	});
});
