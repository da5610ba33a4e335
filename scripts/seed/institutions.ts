// The demo's agencies, enterprises and schools (issue 18): the movement counts them beside the
// communes. They are made up, deterministically from the seed and the 2023 registry, and hang under
// the communes of 2023 so they have the communes' history: a reorganisation moves them under the
// commune their own went into (the plan's "hanging" units, ../../src/lib/domain/reorganisation.ts).
// Communes the registry retired without a successor, or split, get none: where their institutions
// went is not known. Pure, apart from `demoInstitutions` reading the shipped files.
import { createRandom, hashSeed } from '../../src/lib/domain/random';
import type { UnitKind } from '../../src/lib/domain/vocabulary';
import {
	loadMapping,
	loadNgheAnUnits,
	readDataFile,
	REGISTRY_CHANGES,
	type UnitRecord
} from './reference';

/** The commune whose school `officer.school` works for: Phường Hưng Bình, in Vinh. */
export const DEMO_SCHOOL_COMMUNE = '16672';
/** That school, Trường THCS Hưng Bình: the first of its commune's. */
export const DEMO_SCHOOL = `S${DEMO_SCHOOL_COMMUNE}-1`;
/** The city whose wards hold more agencies and enterprises. */
const CAPITAL = '412';
/** The lowland districts and towns where enterprises settle. */
const INDUSTRIAL = [
	'413',
	'414',
	'421',
	'423',
	'424',
	'425',
	'426',
	'427',
	'429',
	'430',
	'431',
	'432'
];

const PREFIX: Record<'agency' | 'enterprise' | 'school', string> = {
	agency: 'A',
	enterprise: 'E',
	school: 'S'
};

type SchoolLevel = 'Tiểu học' | 'THCS' | 'THPT';
const CAPITAL_AGENCIES = [
	'Bệnh viện Hữu nghị đa khoa Nghệ An',
	'Kho bạc Nhà nước khu vực Vinh',
	'Chi cục Thuế thành phố Vinh',
	'Bảo hiểm xã hội thành phố Vinh',
	'Trung tâm Y tế thành phố Vinh'
];
const DISTRICT_AGENCIES = [
	(place: string) => `Chi cục Thuế khu vực ${place}`,
	(place: string) => `Kho bạc Nhà nước ${place}`,
	(_: string, district: string) => `Bệnh viện đa khoa ${district}`,
	(_: string, district: string) => `Trung tâm Y tế ${district}`,
	(_: string, district: string) => `Bảo hiểm xã hội ${district}`
];
const SECTORS = [
	'May mặc',
	'Vật liệu xây dựng',
	'Chế biến thực phẩm',
	'Thủy sản',
	'Chế biến gỗ',
	'Cơ khí',
	'Vận tải',
	'Nông sản',
	'Bao bì',
	'Dược phẩm',
	'Điện tử',
	'Xây lắp'
];

/** "Phường Hưng Bình" → "Hưng Bình". */
export function placeName(unit: Pick<UnitRecord, 'name' | 'typeVi'>): string {
	return unit.name.startsWith(`${unit.typeVi} `)
		? unit.name.slice(unit.typeVi.length + 1)
		: unit.name;
}

/** "Huyện Diễn Châu" → "huyện Diễn Châu": a district named inside another name. */
function districtName(unit: UnitRecord): string {
	return unit.name.charAt(0).toLowerCase() + unit.name.slice(1);
}

/**
 * The institutions under the communes of the 2023 registry (level 3) not in `unsettled`: schools
 * in most communes (one or two each), an agency in about half the districts' seats and five in
 * Vinh, an enterprise in most lowland districts and six in Vinh. Codes are the kind's letter, the
 * commune's code and a number (`S16672-1`), unique by construction.
 */
export function generateInstitutions(
	registry: readonly UnitRecord[],
	{ seed, unsettled }: { seed: number; unsettled: ReadonlySet<string> }
): UnitRecord[] {
	const communes = registry.filter((unit) => unit.level === 3 && !unsettled.has(unit.code));
	const districts = registry.filter((unit) => unit.level === 2);
	const result: UnitRecord[] = [];
	const counters = new Map<string, number>();
	const add = (commune: UnitRecord, kind: keyof typeof PREFIX, name: string, typeVi: string) => {
		const key = `${PREFIX[kind]}${commune.code}`;
		const n = (counters.get(key) ?? 0) + 1;
		counters.set(key, n);
		result.push({
			code: `${key}-${n}`,
			name,
			typeVi,
			kind: kind as UnitKind,
			parentCode: commune.code,
			level: commune.level + 1
		});
	};
	for (const commune of communes) {
		const random = createRandom(hashSeed(seed, 'school', commune.code));
		const roll = random.next();
		let levels: SchoolLevel[] =
			roll < 0.2 ? [] : roll < 0.75 ? [random.pick(['Tiểu học', 'THCS', 'THCS', 'THPT'])] : [];
		if (roll >= 0.75) levels = random.chance(0.7) ? ['Tiểu học', 'THCS'] : ['THCS', 'THPT'];
		if (commune.code === DEMO_SCHOOL_COMMUNE) levels = ['THCS', 'Tiểu học'];
		for (const level of levels)
			add(commune, 'school', `Trường ${level} ${placeName(commune)}`, 'Trường');
	}
	const random = createRandom(hashSeed(seed, 'institutions'));
	const sectors = [...SECTORS];
	const enterprise = (commune: UnitRecord, place: string) => {
		const sector = sectors.splice(random.int(0, sectors.length - 1), 1)[0] ?? random.pick(SECTORS);
		const form = random.chance(0.5) ? 'Công ty Cổ phần' : 'Công ty TNHH';
		add(commune, 'enterprise', `${form} ${sector} ${place}`, 'Công ty');
	};
	for (const district of districts) {
		const own = communes.filter((commune) => commune.parentCode === district.code);
		if (own.length === 0) continue;
		const place = placeName(district);
		if (district.code === CAPITAL) {
			for (const name of CAPITAL_AGENCIES) add(random.pick(own), 'agency', name, 'Cơ quan');
			for (let i = 0; i < 6; i++) enterprise(random.pick(own), place);
			continue;
		}
		// The district's seat: its township, or a ward of a town.
		const seat =
			own.find((c) => c.kind === 'township') ?? own.find((c) => c.kind === 'ward') ?? own[0];
		if (random.chance(0.5)) {
			add(seat, 'agency', random.pick(DISTRICT_AGENCIES)(place, districtName(district)), 'Cơ quan');
		}
		if (INDUSTRIAL.includes(district.code) && random.chance(0.8))
			enterprise(random.pick(own), place);
	}
	return result;
}

/**
 * The communes whose institutions could not follow them: retired on 01/01/2025 with no successor,
 * or split on 01/07/2025.
 */
export function unsettledCommunes(): Set<string> {
	const retired = readDataFile(REGISTRY_CHANGES[0].file)
		.split(/\r?\n/)
		.slice(1)
		.map((line) => line.split(','))
		.filter((cells) => cells[3] === 'retired')
		.map((cells) => cells[0]);
	const split = loadMapping()
		.filter((row) => row.part === 'partial')
		.map((row) => row.oldCode);
	return new Set([...retired, ...split]);
}

/** The demo's institutions for a seed, from the shipped registry and changes. */
export function demoInstitutions(seed: number): UnitRecord[] {
	return generateInstitutions(loadNgheAnUnits(), { seed, unsettled: unsettledCommunes() });
}
