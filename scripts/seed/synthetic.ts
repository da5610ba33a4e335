// Synthetic national-size trees for benchmarks, in two shapes: 2024 (a nation, 63 provinces, about
// one district per fifteen communes, N commune-level units) and 2025 (34 provinces, communes
// straight under them, and a reporting area set grouping each province's communes into 8 to 10
// areas), with the demo's history model on a 23-criterion campaign over 16 quarters.
import { sql, type Kysely } from 'kysely';
import { quarterOf, quarterRange, vnDate } from '../../src/lib/domain/periods';
import { createRandom, type Random } from '../../src/lib/domain/random';
import type { UnitKind } from '../../src/lib/domain/vocabulary';
import {
	insertAreaMembers,
	insertAreaSet,
	insertAreas
} from '../../src/lib/server/areas/repository';
import type { Database } from '../../src/lib/server/db/schema';
import { DEFAULT_SEED } from './demo';
import type { HistoryUnit, Pace } from './history';
import { loadSampleCampaigns, type UnitRecord } from './reference';
import { insertCampaign, insertUnits } from './structure';
import { writeHistory, type HistoryCounts } from './write-history';

export const SYNTHETIC_CAMPAIGN = 'SYN-NATIONAL';
const QUARTERS = 16;

export type SyntheticShape = '2024' | '2025';
export const SYNTHETIC_SHAPES: readonly SyntheticShape[] = ['2024', '2025'];

/** Each shape's provinces and default number of commune-level units. */
export const SHAPES: Record<SyntheticShape, { provinces: number; communes: number }> = {
	'2024': { provinces: 63, communes: 10_600 },
	'2025': { provinces: 34, communes: 3_300 }
};

/** The 2025 shape's reporting areas: valid since always, one set for every province. */
export const SYNTHETIC_AREAS = {
	code: 'SYN-DIA-BAN',
	name_vi: 'Địa bàn tổng hợp',
	name_en: 'Synthetic areas',
	valid_from: '-infinity'
} as const;

export interface SyntheticOptions {
	units: number;
	shape?: SyntheticShape;
	seed?: number;
	now?: Date;
	log?: (line: string) => void;
}

export interface SyntheticArea {
	code: string;
	name: string;
	/** Commune-level units' codes. */
	members: string[];
}

export interface SyntheticTree {
	/** Parents before children. */
	records: UnitRecord[];
	/** Each commune-level unit's pace (shared by its district, or its area). */
	paces: Map<string, Pace>;
	/** The 2025 shape's areas; none in the 2024 shape. */
	areas: SyntheticArea[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function communeKind(random: Random): { kind: UnitKind; typeVi: string } {
	const roll = random.next();
	if (roll < 0.15) return { kind: 'ward', typeVi: 'Phường' };
	if (roll < 0.2) return { kind: 'township', typeVi: 'Thị trấn' };
	return { kind: 'commune', typeVi: 'Xã' };
}

function pace(random: Random): Pace {
	const roll = random.next();
	return roll < 0.2 ? 'fast' : roll < 0.75 ? 'steady' : 'slow';
}

function nationAndProvinces(provinces: number): UnitRecord[] {
	const records: UnitRecord[] = [
		{
			code: 'VN',
			name: 'Việt Nam (dữ liệu tổng hợp)',
			typeVi: 'Quốc gia',
			kind: 'nation',
			parentCode: null,
			level: 1
		}
	];
	for (let p = 1; p <= provinces; p++) {
		records.push({
			code: `S${pad(p, 2)}`,
			name: `Tỉnh Tổng hợp ${pad(p, 2)}`,
			typeVi: 'Tỉnh',
			kind: 'province',
			parentCode: 'VN',
			level: 2
		});
	}
	return records;
}

/** The 2024 shape: communes under districts, each district with its pace. */
function tree2024(communes: number, random: Random): SyntheticTree {
	const { provinces } = SHAPES['2024'];
	const records = nationAndProvinces(provinces);
	const districtPaces = new Map<string, Pace>();
	const districts = Math.max(provinces, Math.round(communes / 15));
	for (let d = 0; d < districts; d++) {
		const province = `S${pad((d % provinces) + 1, 2)}`;
		const code = `${province}-${pad(Math.floor(d / provinces) + 1, 3)}`;
		records.push({
			code,
			name: `Huyện ${code}`,
			typeVi: 'Huyện',
			kind: 'district',
			parentCode: province,
			level: 3
		});
		districtPaces.set(code, pace(random));
	}
	const districtCodes = [...districtPaces.keys()];
	const paces = new Map<string, Pace>();
	for (let c = 0; c < communes; c++) {
		const district = districtCodes[c % districts];
		const code = `${district}-${pad(Math.floor(c / districts) + 1, 3)}`;
		const { kind, typeVi } = communeKind(random);
		records.push({ code, name: `${typeVi} ${code}`, typeVi, kind, parentCode: district, level: 4 });
		paces.set(code, districtPaces.get(district)!);
	}
	return { records, paces, areas: [] };
}

/** The 2025 shape: communes under provinces, grouped into 8 to 10 areas per province. */
function tree2025(communes: number, random: Random): SyntheticTree {
	const { provinces } = SHAPES['2025'];
	const records = nationAndProvinces(provinces);
	const perProvince = Array.from(
		{ length: provinces },
		(_, p) => Math.floor(communes / provinces) + (p < communes % provinces ? 1 : 0)
	);
	const paces = new Map<string, Pace>();
	const areas: SyntheticArea[] = [];
	perProvince.forEach((count, p) => {
		const province = `S${pad(p + 1, 2)}`;
		const areaCount = Math.max(1, Math.min(count, 8 + (p % 3)));
		const provinceAreas = Array.from({ length: areaCount }, (_, a) => {
			const code = `${province}-${pad(a + 1, 2)}`;
			return { code, name: `Địa bàn ${code}`, members: [] as string[], pace: pace(random) };
		});
		for (let c = 0; c < count; c++) {
			const code = `${province}-${pad(c + 1, 4)}`;
			const { kind, typeVi } = communeKind(random);
			records.push({
				code,
				name: `${typeVi} ${code}`,
				typeVi,
				kind,
				parentCode: province,
				level: 3
			});
			const area = provinceAreas[c % areaCount];
			area.members.push(code);
			paces.set(code, area.pace);
		}
		areas.push(...provinceAreas.map(({ code, name, members }) => ({ code, name, members })));
	});
	return { records, paces, areas };
}

/** The tree of a shape with `communes` commune-level units. Pure. */
export function syntheticTree(
	communes: number,
	random: Random,
	shape: SyntheticShape = '2024'
): SyntheticTree {
	return shape === '2024' ? tree2024(communes, random) : tree2025(communes, random);
}

/** The 2025 shape's area set, its areas and their members, in one transaction. */
async function insertSyntheticAreas(db: Kysely<Database>, areas: readonly SyntheticArea[]) {
	if (areas.length === 0) return;
	const ids = new Map(
		(await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id])
	);
	await db.transaction().execute(async (trx) => {
		const setId = await insertAreaSet(trx, SYNTHETIC_AREAS);
		const created = await insertAreas(
			trx,
			setId,
			areas.map(({ code, name }) => ({ code, name, map_codes: [] }))
		);
		await insertAreaMembers(
			trx,
			setId,
			areas.flatMap((area, index) =>
				area.members.map((code) => ({ areaId: created[index].id, unitId: ids.get(code)! }))
			)
		);
	});
}

export async function seedSynthetic(
	db: Kysely<Database>,
	{ units, shape = '2024', seed = DEFAULT_SEED, now = new Date(), log = () => {} }: SyntheticOptions
): Promise<HistoryCounts> {
	const random = createRandom(seed);
	const { records, paces, areas } = syntheticTree(units, random, shape);
	const template = loadSampleCampaigns().find((campaign) => campaign.code === 'CAP-DHKM')!;
	const current = quarterOf(vnDate(now));
	const [year, quarter] = [Number(current.slice(0, 4)), Number(current.slice(-1))];
	const firstIndex = year * 4 + quarter - 1 - (QUARTERS - 1);
	const labels = quarterRange(`${Math.floor(firstIndex / 4)}-Q${(firstIndex % 4) + 1}`, current);
	const campaign = await db.transaction().execute(async (trx) => {
		log(`units: ${await insertUnits(trx, records)} added (${shape} shape)`);
		return insertCampaign(
			trx,
			{
				...template,
				code: SYNTHETIC_CAMPAIGN,
				name_vi: `${template.name_vi} (dữ liệu tổng hợp)`,
				name_en: `${template.name_en} (synthetic data)`,
				applies_to: ['ward', 'commune', 'township']
			},
			labels,
			now
		);
	});
	const { count } = await db
		.selectFrom('assessments')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('campaign_id', '=', campaign.id)
		.executeTakeFirstOrThrow();
	if (Number(count) > 0) {
		log(`${SYNTHETIC_CAMPAIGN} already has its history: nothing to add.`);
		return { assessments: 0, results: 0, recognitions: 0, auditEntries: 0 };
	}
	await insertSyntheticAreas(db, areas);
	if (areas.length > 0) log(`areas: ${areas.length} in ${SYNTHETIC_AREAS.code}`);
	const ids = new Map(
		(
			await db.selectFrom('units').select(['id', 'code']).where('path', 'like', '/VN/%').execute()
		).map((unit) => [unit.code, unit.id])
	);
	const historyUnits: HistoryUnit[] = records
		.filter((record) => paces.has(record.code))
		.map((record) => ({
			id: ids.get(record.code)!,
			code: record.code,
			pace: paces.get(record.code)!,
			officerId: null,
			reviewerId: null
		}));
	const counts = await writeHistory(db, campaign, historyUnits, {
		seed,
		campaignCode: SYNTHETIC_CAMPAIGN,
		rule: {
			minScore: template.recognition.min_score,
			allMandatory: template.recognition.all_mandatory
		},
		now,
		adminId: null,
		actorNames: new Map(),
		onProgress: (done) => log(`  ${done} of ${historyUnits.length} units written`)
	});
	await sql`ANALYZE`.execute(db);
	return counts;
}
