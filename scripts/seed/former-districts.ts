// The demo's reporting areas after 01/07/2025, "Địa bàn huyện cũ": each new commune or ward belongs
// to the former district (of the 01/03/2025 registry) where most of its predecessors lay, and each
// area is drawn with the 2023 district polygons that make up that district. Pure.
import type { MappingRecord, UnitRecord } from './reference';

export const FORMER_DISTRICTS = {
	code: 'DIA-BAN-HUYEN-CU',
	name_vi: 'Địa bàn huyện cũ',
	name_en: 'Former districts',
	valid_from: '2025-07-01'
} as const;

export interface FormerDistrictArea {
	/** The former district's code, which names the area (`DIA-BAN-HUYEN-CU/412`). */
	code: string;
	name: string;
	/** The 2023 district polygons the area is drawn with. */
	mapCodes: string[];
	/** The new units' codes. */
	members: string[];
}

const byCode = (a: string, b: string) => Number(a) - Number(b) || a.localeCompare(b);

/** The code that occurs most often; ties go to the lowest code. */
function mostCommon(codes: readonly string[]): string {
	const counts = new Map<string, number>();
	for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
	return [...counts].sort(([a, m], [b, n]) => n - m || byCode(a, b))[0][0];
}

/**
 * Which district of `later` each district of `earlier` that no longer exists went into: the one
 * that took most of its commune-level units (Cửa Lò, 413, into Vinh, 412, on 01/01/2025).
 */
export function absorbedDistricts(
	earlier: readonly UnitRecord[],
	later: readonly UnitRecord[]
): Map<string, string> {
	const parentLater = new Map(later.map((unit) => [unit.code, unit.parentCode]));
	const districtsLater = new Set(later.filter((u) => u.level === 2).map((u) => u.code));
	const absorbed = new Map<string, string>();
	for (const district of earlier.filter((u) => u.level === 2 && !districtsLater.has(u.code))) {
		const destinations = earlier
			.filter((unit) => unit.parentCode === district.code)
			.map((unit) => parentLater.get(unit.code))
			.filter((code): code is string => !!code && districtsLater.has(code));
		if (destinations.length > 0) absorbed.set(district.code, mostCommon(destinations));
	}
	return absorbed;
}

/** The areas of the former districts, each with its members, in the order of their codes. */
export function formerDistrictAreas(
	units2023: readonly UnitRecord[],
	units2025: readonly UnitRecord[],
	mapping: readonly MappingRecord[]
): FormerDistrictArea[] {
	const district = new Map(units2025.map((unit) => [unit.code, unit.parentCode]));
	const predecessors = new Map<string, string[]>();
	for (const row of mapping) {
		const parent = district.get(row.oldCode);
		if (!parent) throw new Error(`Old unit ${row.oldCode} is not in the 2025 registry`);
		predecessors.set(row.newCode, [...(predecessors.get(row.newCode) ?? []), parent]);
	}
	const members = new Map<string, string[]>();
	for (const [unit, parents] of predecessors) {
		const area = mostCommon(parents);
		members.set(area, [...(members.get(area) ?? []), unit]);
	}
	const polygons = new Map<string, string[]>();
	for (const [gone, into] of absorbedDistricts(units2023, units2025)) {
		polygons.set(into, [...(polygons.get(into) ?? []), gone]);
	}
	const drawn = new Set(units2023.filter((u) => u.level === 2).map((u) => u.code));
	return units2025
		.filter((unit) => unit.level === 2 && members.has(unit.code))
		.sort((a, b) => byCode(a.code, b.code))
		.map((unit) => ({
			code: unit.code,
			name: unit.name,
			mapCodes: [unit.code, ...(polygons.get(unit.code) ?? [])]
				.filter((code) => drawn.has(code))
				.sort(byCode),
			members: members.get(unit.code)!.sort(byCode)
		}));
}
