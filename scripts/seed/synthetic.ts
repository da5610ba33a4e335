// A synthetic national-size tree for benchmarks: a nation, 63 provinces, about one district per
// fifteen communes, and N commune-level units, with the demo's history model on a 23-criterion
// campaign over 16 quarters.
import { sql, type Kysely } from 'kysely';
import { quarterOf, quarterRange, vnDate } from '../../src/lib/domain/periods';
import { createRandom, type Random } from '../../src/lib/domain/random';
import type { UnitKind } from '../../src/lib/domain/vocabulary';
import type { Database } from '../../src/lib/server/db/schema';
import { DEFAULT_SEED } from './demo';
import type { HistoryUnit, Pace } from './history';
import { loadSampleCampaigns, type UnitRecord } from './reference';
import { insertCampaign, insertUnits } from './structure';
import { writeHistory, type HistoryCounts } from './write-history';

export const SYNTHETIC_CAMPAIGN = 'SYN-NATIONAL';
const PROVINCES = 63;
const QUARTERS = 16;

export interface SyntheticOptions {
	units: number;
	seed?: number;
	now?: Date;
	log?: (line: string) => void;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function communeKind(random: Random): { kind: UnitKind; typeVi: string } {
	const roll = random.next();
	if (roll < 0.15) return { kind: 'ward', typeVi: 'Phường' };
	if (roll < 0.2) return { kind: 'township', typeVi: 'Thị trấn' };
	return { kind: 'commune', typeVi: 'Xã' };
}

/** The tree, parents before children; each district carries its pace. */
export function syntheticTree(communes: number, random: Random) {
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
	const paces = new Map<string, Pace>();
	const districts = Math.max(PROVINCES, Math.round(communes / 15));
	for (let p = 1; p <= PROVINCES; p++) {
		records.push({
			code: `S${pad(p, 2)}`,
			name: `Tỉnh Tổng hợp ${pad(p, 2)}`,
			typeVi: 'Tỉnh',
			kind: 'province',
			parentCode: 'VN',
			level: 2
		});
	}
	for (let d = 0; d < districts; d++) {
		const province = `S${pad((d % PROVINCES) + 1, 2)}`;
		const code = `${province}-${pad(Math.floor(d / PROVINCES) + 1, 3)}`;
		records.push({
			code,
			name: `Huyện ${code}`,
			typeVi: 'Huyện',
			kind: 'district',
			parentCode: province,
			level: 3
		});
		const roll = random.next();
		paces.set(code, roll < 0.2 ? 'fast' : roll < 0.75 ? 'steady' : 'slow');
	}
	const districtCodes = [...paces.keys()];
	for (let c = 0; c < communes; c++) {
		const district = districtCodes[c % districts];
		const code = `${district}-${pad(Math.floor(c / districts) + 1, 3)}`;
		const { kind, typeVi } = communeKind(random);
		records.push({ code, name: `${typeVi} ${code}`, typeVi, kind, parentCode: district, level: 4 });
	}
	return { records, paces };
}

export async function seedSynthetic(
	db: Kysely<Database>,
	{ units, seed = DEFAULT_SEED, now = new Date(), log = () => {} }: SyntheticOptions
): Promise<HistoryCounts> {
	const random = createRandom(seed);
	const { records, paces } = syntheticTree(units, random);
	const template = loadSampleCampaigns().find((campaign) => campaign.code === 'CAP-DHKM')!;
	const current = quarterOf(vnDate(now));
	const [year, quarter] = [Number(current.slice(0, 4)), Number(current.slice(-1))];
	const firstIndex = year * 4 + quarter - 1 - (QUARTERS - 1);
	const labels = quarterRange(`${Math.floor(firstIndex / 4)}-Q${(firstIndex % 4) + 1}`, current);
	const campaign = await db.transaction().execute(async (trx) => {
		log(`units: ${await insertUnits(trx, records)} added`);
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
	const ids = new Map(
		(
			await db.selectFrom('units').select(['id', 'code']).where('path', 'like', '/VN/%').execute()
		).map((unit) => [unit.code, unit.id])
	);
	const historyUnits: HistoryUnit[] = records
		.filter((record) => record.level === 4)
		.map((record) => ({
			id: ids.get(record.code)!,
			code: record.code,
			pace: paces.get(record.parentCode!)!,
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
