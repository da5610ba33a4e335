// The Nghệ An demo: real units of 2023, both sample campaigns, demo users and a synthetic history
// from 2023-Q2 to the current quarter. Idempotent: a second run on the same day changes nothing.
import { sql, type Kysely } from 'kysely';
import { quarterOf, quarterRange, vnDate } from '../../src/lib/domain/periods';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { Role } from '../../src/lib/domain/authorization';
import type { Database, NewUser } from '../../src/lib/server/db/schema';
import { insertUsers } from '../../src/lib/server/users/repository';
import type { HistoryUnit, Pace } from './history';
import { loadNgheAnUnits, loadSampleCampaigns } from './reference';
import { chunks, insertCampaign, insertUnits } from './structure';
import { writeHistory, type HistoryCounts } from './write-history';

export const DEMO_PASSWORD = 'kieumau-demo';
export const DEFAULT_SEED = 20230227;
export const FIRST_QUARTER = '2023-Q2';

export const DEMO_USERS: { username: string; role: Role; unitCode: string; displayName: string }[] =
	[
		{
			username: 'admin',
			role: 'province_admin',
			unitCode: '40',
			displayName: 'Phòng Xây dựng phong trào'
		},
		{ username: 'leader', role: 'leader', unitCode: '40', displayName: 'Lãnh đạo tỉnh' },
		{
			username: 'reviewer.vinh',
			role: 'district_reviewer',
			unitCode: '412',
			displayName: 'Công an Thành phố Vinh'
		},
		{
			username: 'officer.hungbinh',
			role: 'ward_officer',
			unitCode: '16672',
			displayName: 'Công an Phường Hưng Bình'
		}
	];

/** Vinh and the district towns move fastest; the western mountain districts slowest. */
const FAST = new Set(['412', '413', '414', '432']);
const SLOW = new Set(['415', '416', '417', '418', '420', '422']);

export function paceOfDistrict(code: string): Pace {
	return FAST.has(code) ? 'fast' : SLOW.has(code) ? 'slow' : 'steady';
}

export interface SeedOptions {
	/** "Today": decides the current quarter and caps every seeded event. */
	now?: Date;
	seed?: number;
	log?: (line: string) => void;
}

export interface SeedReport {
	unitsAdded: number;
	usersAdded: number;
	campaigns: { code: string; created: boolean; history: HistoryCounts | null }[];
}

export async function seedDemo(
	db: Kysely<Database>,
	options: SeedOptions = {}
): Promise<SeedReport> {
	const now = options.now ?? new Date();
	const seed = options.seed ?? DEFAULT_SEED;
	const log = options.log ?? (() => {});
	const units = loadNgheAnUnits();
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const report = await db.transaction().execute(async (trx) => {
		const unitsAdded = await insertUnits(trx, units);
		log(`units: ${unitsAdded} added`);
		const usersAdded = await insertDemoUsers(trx, passwordHash);
		log(`users: ${usersAdded} added`);
		const ids = new Map(
			(await trx.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id])
		);
		const users = await trx
			.selectFrom('users')
			.select(['id', 'username', 'display_name', 'role', 'unit_id'])
			.execute();
		const officerOf = new Map(
			users.filter((u) => u.role === 'ward_officer').map((u) => [u.unit_id, u.id])
		);
		const reviewerOf = new Map(
			users.filter((u) => u.role === 'district_reviewer').map((u) => [u.unit_id, u.id])
		);
		const adminId = users.find((u) => u.username === 'admin')?.id ?? null;
		const actorNames = new Map(users.map((u) => [u.id, u.display_name]));
		const labels = quarterRange(FIRST_QUARTER, quarterOf(vnDate(now)));
		const report: SeedReport = { unitsAdded, usersAdded, campaigns: [] };
		for (const definition of loadSampleCampaigns()) {
			const campaign = await insertCampaign(trx, definition, labels, now);
			const { count } = await trx
				.selectFrom('assessments')
				.select((eb) => eb.fn.countAll<number>().as('count'))
				.where('campaign_id', '=', campaign.id)
				.executeTakeFirstOrThrow();
			let history: HistoryCounts | null = null;
			if (Number(count) === 0) {
				const applicable: HistoryUnit[] = units
					.filter((unit) => definition.applies_to.includes(unit.kind))
					.map((unit) => {
						const unitId = ids.get(unit.code)!;
						const districtId = ids.get(unit.parentCode!)!;
						return {
							id: unitId,
							code: unit.code,
							pace: paceOfDistrict(unit.parentCode!),
							officerId: officerOf.get(unitId) ?? null,
							reviewerId: reviewerOf.get(districtId) ?? null
						};
					});
				history = await writeHistory(trx, campaign, applicable, {
					seed,
					campaignCode: definition.code,
					rule: {
						minScore: definition.recognition.min_score,
						allMandatory: definition.recognition.all_mandatory
					},
					now,
					adminId,
					actorNames
				});
			}
			log(
				`${definition.code}: ${campaign.created ? 'created' : 'exists'}` +
					(history ? `, ${history.assessments} assessments, ${history.results} results` : '')
			);
			report.campaigns.push({ code: definition.code, created: campaign.created, history });
		}
		return report;
	});
	// Fresh statistics, so the planner sees the seeded volumes (PGlite has no autovacuum).
	await sql`ANALYZE`.execute(db);
	return report;
}

/** The four demo users of PRODUCT.md, plus an officer for every commune-level unit and a
 *  reviewer for every district, all with the demo password, so every unit can be tried. */
async function insertDemoUsers(db: Kysely<Database>, passwordHash: string): Promise<number> {
	const units = await db.selectFrom('units').select(['id', 'code', 'name', 'level']).execute();
	const byCode = new Map(units.map((unit) => [unit.code, unit]));
	const named = new Set(DEMO_USERS.map((user) => user.unitCode));
	const rows: NewUser[] = DEMO_USERS.map((user) => ({
		username: user.username,
		display_name: user.displayName,
		role: user.role,
		unit_id: byCode.get(user.unitCode)!.id,
		password_hash: passwordHash
	}));
	for (const unit of units) {
		if (named.has(unit.code) || unit.level === 1) continue;
		const officer = unit.level === 3;
		rows.push({
			username: `${officer ? 'officer' : 'reviewer'}.${unit.code}`,
			display_name: `Công an ${unit.name}`,
			role: officer ? 'ward_officer' : 'district_reviewer',
			unit_id: unit.id,
			password_hash: passwordHash
		});
	}
	let added = 0;
	for (const batch of chunks(rows)) {
		added += (await insertUsers(db, batch)).length;
	}
	return added;
}
