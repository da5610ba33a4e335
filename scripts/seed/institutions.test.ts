import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from './demo';
import {
	DEMO_SCHOOL,
	demoInstitutions,
	generateInstitutions,
	placeName,
	unsettledCommunes
} from './institutions';
import { loadNgheAnUnits } from './reference';

const registry = loadNgheAnUnits();
const communes = registry.filter((unit) => unit.level === 3);
const institutions = demoInstitutions(DEFAULT_SEED);
const ofKind = (kind: string) => institutions.filter((unit) => unit.kind === kind);
const districtOf = new Map(communes.map((unit) => [unit.code, unit.parentCode]));

describe('the demo institutions', () => {
	it('are the same for the same seed and differ for another', () => {
		expect(demoInstitutions(DEFAULT_SEED)).toEqual(institutions);
		expect(demoInstitutions(DEFAULT_SEED + 1)).not.toEqual(institutions);
	});

	it('have valid codes, unique and free in the registry, under a commune of 2023', () => {
		const codes = institutions.map((unit) => unit.code);
		for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9._-]{1,32}$/);
		expect(new Set(codes).size).toBe(codes.length);
		const registered = new Set(registry.map((unit) => unit.code));
		expect(codes.filter((code) => registered.has(code))).toEqual([]);
		for (const unit of institutions) {
			expect(districtOf.has(unit.parentCode!)).toBe(true);
			expect(unit.level).toBe(4);
			expect(unit.code).toMatch(new RegExp(`^[AES]${unit.parentCode}-\\d+$`));
		}
	});

	it('put one or two schools in most communes, named after the commune', () => {
		const perCommune = new Map<string, number>();
		for (const school of ofKind('school')) {
			perCommune.set(school.parentCode!, (perCommune.get(school.parentCode!) ?? 0) + 1);
			const commune = communes.find((unit) => unit.code === school.parentCode)!;
			expect(school.name).toMatch(
				new RegExp(`^Trường (Tiểu học|THCS|THPT) ${placeName(commune)}$`)
			);
		}
		expect(perCommune.size / communes.length).toBeGreaterThan(0.6);
		expect(Math.max(...perCommune.values())).toBe(2);
		// Two schools of a commune are of two levels.
		const names = ofKind('school').map((unit) => `${unit.parentCode} ${unit.name}`);
		expect(new Set(names).size).toBe(names.length);
	});

	it('place 10 to 20 agencies and enterprises across the province, more in Vinh', () => {
		for (const kind of ['agency', 'enterprise']) {
			const units = ofKind(kind);
			expect(units.length).toBeGreaterThanOrEqual(10);
			expect(units.length).toBeLessThanOrEqual(20);
			const inVinh = units.filter((unit) => districtOf.get(unit.parentCode!) === '412');
			const districts = new Set(units.map((unit) => districtOf.get(unit.parentCode!)));
			expect(inVinh.length).toBeGreaterThanOrEqual(5);
			expect(districts.size).toBeGreaterThan(5);
		}
		expect(ofKind('agency').every((unit) => unit.typeVi === 'Cơ quan')).toBe(true);
		expect(ofKind('enterprise').every((unit) => /^Công ty (Cổ phần|TNHH) /.test(unit.name))).toBe(
			true
		);
	});

	it('leave out the communes retired or split in 2025, whose successors are not known', () => {
		const unsettled = unsettledCommunes();
		// 49 retired on 01/01/2025 (48 communes and Cửa Lò), 2 split on 01/07/2025.
		expect(unsettled.size).toBe(51);
		expect(
			[...unsettled].filter((code) => ['17647', '17899', '16684'].includes(code))
		).toHaveLength(3);
		expect(institutions.filter((unit) => unsettled.has(unit.parentCode!))).toEqual([]);
	});

	it('hold the school of officer.school in Phường Hưng Bình, whatever the seed', () => {
		for (const seed of [DEFAULT_SEED, 1, 2]) {
			const school = demoInstitutions(seed).find((unit) => unit.code === DEMO_SCHOOL);
			expect(school).toMatchObject({ name: 'Trường THCS Hưng Bình', parentCode: '16672' });
		}
	});

	it('number each kind within its commune', () => {
		const [commune] = communes;
		const units = generateInstitutions(
			[registry[0], registry.find((unit) => unit.code === commune.parentCode)!, commune],
			{ seed: 7, unsettled: new Set() }
		);
		for (const unit of units) expect(unit.parentCode).toBe(commune.code);
		const schools = units.filter((unit) => unit.kind === 'school').map((unit) => unit.code);
		expect(schools).toEqual(schools.map((_, i) => `S${commune.code}-${i + 1}`));
	});
});
