// The Nghệ An demo: real units of 2023, both sample campaigns, demo users and a synthetic history
// from 2023-Q2 to the current quarter, on the map as it was at each period's end: the registry's
// changes of 01/01/2025 and the reorganisation of 01/07/2025 apply on their dates
// (./registry-changes.ts). The movement counts agencies, enterprises and schools too, each scored
// against its audience's set (./institutions.ts). Idempotent: a second run on the same day changes
// nothing.
import { sql, type Kysely } from 'kysely';
import { audienceOf, type Audience } from '../../src/lib/domain/audiences';
import { quarterOf, quarterRange, vnDate } from '../../src/lib/domain/periods';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { Role } from '../../src/lib/domain/authorization';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import type { Database, NewUser } from '../../src/lib/server/db/schema';
import { inForceOn } from '../../src/lib/server/units/structure';
import { insertUsers } from '../../src/lib/server/users/repository';
import type { HistoryUnit, Pace } from './history';
import {
	loadNgheAnUnits,
	loadSampleCampaigns,
	type CampaignDefinition,
	type UnitRecord
} from './reference';
import { DEMO_SCHOOL, demoInstitutions } from './institutions';
import { applyRegistryChanges, demoFormerDistricts } from './registry-changes';
import { chunks, insertCampaign, insertUnits, type SeededCampaign } from './structure';
import { attachDecisions } from '../../src/lib/server/recognitions/decisions';
import { writeHistory, type HistoryCounts } from './write-history';

export const DEMO_PASSWORD = 'kieumau-demo';
export const DEFAULT_SEED = 20230227;
export const FIRST_QUARTER = '2023-Q2';
/** The day of the 2023 registry (units-2023.csv). */
const REGISTRY_DAY = '2023-04-10';

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
		},
		{
			username: 'officer.school',
			role: 'ward_officer',
			unitCode: DEMO_SCHOOL,
			displayName: 'Trường THCS Hưng Bình'
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
	/** The reorganisations this run applied (none when they were applied before). */
	reorganisations: number[];
	campaigns: { code: string; created: boolean; history: HistoryCounts | null }[];
}

export async function seedDemo(
	db: Kysely<Database>,
	options: SeedOptions = {}
): Promise<SeedReport> {
	const now = options.now ?? new Date();
	const seed = options.seed ?? DEFAULT_SEED;
	const log = options.log ?? (() => {});
	const registry = loadNgheAnUnits();
	const institutions = demoInstitutions(seed);
	const units = [...registry, ...institutions];
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const labels = quarterRange(FIRST_QUARTER, quarterOf(vnDate(now)));
	// The 2023 registry, its users and the campaigns first; then the map moves on its two dates;
	// then each period's history on the units in force at its end.
	const base = await db.transaction().execute(async (trx) => {
		const unitsAdded = await insertUnits(trx, units);
		log(`units: ${unitsAdded} added`);
		const usersAdded = await insertDemoUsers(trx, units, passwordHash);
		log(`users: ${usersAdded} added`);
		const campaigns = [];
		for (const definition of loadSampleCampaigns()) {
			campaigns.push({ definition, seeded: await insertCampaign(trx, definition, labels, now) });
		}
		return { unitsAdded, usersAdded, campaigns };
	});
	const admin = await demoAdminActor(db);
	const reorganisations = await applyRegistryChanges(db, admin, vnDate(now), log);
	const report: SeedReport = {
		unitsAdded: base.unitsAdded,
		usersAdded: base.usersAdded,
		reorganisations,
		campaigns: []
	};
	for (const { definition, seeded: campaign } of base.campaigns) {
		const history = await seedHistory(db, campaign, definition, {
			seed,
			now,
			adminId: admin.id,
			homes: homeDistricts(registry, institutions)
		});
		log(
			`${definition.code}: ${campaign.created ? 'created' : 'exists'}` +
				(history ? `, ${history.assessments} assessments, ${history.results} results` : '')
		);
		report.campaigns.push({ code: definition.code, created: campaign.created, history });
	}
	// Fresh statistics, so the planner sees the seeded volumes (PGlite has no autovacuum).
	await sql`ANALYZE`.execute(db);
	return report;
}

/** Each institution's district of 2023 (its commune's): its pace and its reviewer. */
function homeDistricts(registry: readonly UnitRecord[], institutions: readonly UnitRecord[]) {
	const parentOf = new Map(registry.map((unit) => [unit.code, unit.parentCode]));
	return new Map(
		institutions.map((unit) => [unit.code, parentOf.get(unit.parentCode!) ?? unit.parentCode!])
	);
}

/**
 * The campaign's synthetic history, unless it has assessments already (null then): each
 * audience's units scored against its set, the institutions at their own, slower, pace.
 */
function seedHistory(
	db: Kysely<Database>,
	campaign: SeededCampaign,
	definition: CampaignDefinition,
	options: { seed: number; now: Date; adminId: number; homes: Map<string, string> }
): Promise<HistoryCounts | null> {
	const { seed, now, adminId } = options;
	return db.transaction().execute(async (trx) => {
		if (await hasAssessments(trx, campaign.id)) return null;
		const people = await trx
			.selectFrom('users')
			.select(['id', 'username', 'display_name'])
			.execute();
		const units = await historyUnits(trx, campaign, definition, people, options.homes);
		const counts: HistoryCounts = { assessments: 0, results: 0, recognitions: 0, auditEntries: 0 };
		for (const set of campaign.sets) {
			const written = await writeHistory(
				trx,
				{ ...campaign, criteriaSetId: set.criteriaSetId, criteria: set.criteria },
				units.filter((unit) => unit.audience === set.audience),
				{
					seed,
					campaignCode: definition.code,
					rule: {
						minScore: definition.recognition.min_score,
						allMandatory: definition.recognition.all_mandatory
					},
					now,
					adminId,
					actorNames: new Map(people.map((user) => [user.id, user.username])),
					decisionsBefore: counts.recognitions
				}
			);
			for (const key of Object.keys(counts) as (keyof HistoryCounts)[]) counts[key] += written[key];
		}
		// Each recognition refers to its decision, as an approval's does.
		await attachDecisions(trx, campaign.id);
		return counts;
	});
}

/** The demo's province administrator, as the administration services see it. */
async function demoAdminActor(db: Kysely<Database>): Promise<AdminActor> {
	const admin = await db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.select(['users.id', 'users.username', 'users.role', 'units.path'])
		.where('users.username', '=', 'admin')
		.executeTakeFirstOrThrow();
	return {
		id: admin.id,
		username: admin.username,
		role: admin.role,
		scopePath: admin.path,
		ip: null
	};
}

async function hasAssessments(db: Kysely<Database>, campaignId: number): Promise<boolean> {
	const row = await db
		.selectFrom('assessments')
		.select('id')
		.where('campaign_id', '=', campaignId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Who works on a unit's assessments: its officer, and the reviewer of its district or area. */
const officerName = (code: string) =>
	DEMO_USERS.find((user) => user.role === 'ward_officer' && user.unitCode === code)?.username ??
	`officer.${code.toLowerCase()}`;
const reviewerName = (code: string) =>
	DEMO_USERS.find((user) => user.role === 'district_reviewer' && user.unitCode === code)
		?.username ?? `reviewer.${code}`;

/**
 * The units the campaign's history is written for, each with the periods at whose end it was in
 * force as a unit of the campaign's kinds (a commune that became a ward on 01/01/2025 joins the
 * ward campaign from 2025-Q1; the 130 units of 01/07/2025 from 2025-Q3). A unit's pace is its
 * district's, or its former district's once the districts are gone; an institution's is its
 * commune's district of 2023 (`homes`). The demo school is left without an assessment in the
 * current period, for `officer.school` to enter one.
 */
async function historyUnits(
	db: Kysely<Database>,
	campaign: SeededCampaign,
	definition: CampaignDefinition,
	people: { id: number; username: string }[],
	homes: Map<string, string>
): Promise<(HistoryUnit & { audience: Audience })[]> {
	const { rows } = await sql<{
		unit_id: number;
		code: string;
		kind: string;
		established_on: string | null;
		period_id: number;
		district: string;
		level: number;
	}>`
		SELECT v.unit_id, v.code, v.kind, to_char(u.established_on, 'YYYY-MM-DD') AS established_on,
			p.id AS period_id, split_part(v.path, '/', 3) AS district, v.level
		FROM periods p
		JOIN unit_versions v ON ${inForceOn('v', sql`p.ends_on`)}
		JOIN units u ON u.id = v.unit_id
		WHERE p.campaign_id = ${campaign.id} AND v.kind = ANY (${definition.applies_to})
			AND p.id = ANY (${campaign.periods.map((period) => period.id)})
		ORDER BY p.starts_on, v.unit_id
	`.execute(db);
	const areaOf = new Map(
		demoFormerDistricts().flatMap((area) => area.members.map((code) => [code, area.code]))
	);
	const userId = new Map(people.map((user) => [user.username, user.id]));
	type Unit = HistoryUnit & { audience: Audience; periodIds: Set<number> };
	const units = new Map<number, Unit>();
	for (const row of rows) {
		const district =
			homes.get(row.code) ??
			(row.level === 3 ? row.district : (areaOf.get(row.code) ?? row.district));
		const unit: Unit = units.get(row.unit_id) ?? {
			id: row.unit_id,
			code: row.code,
			key: row.established_on ? `${row.code}@${row.established_on}` : row.code,
			audience: audienceOf(row.kind),
			newcomer: audienceOf(row.kind) !== 'area',
			periodIds: new Set<number>(),
			pace: paceOfDistrict(district),
			officerId: userId.get(officerName(row.code)) ?? null,
			reviewerId: null
		};
		unit.periodIds.add(row.period_id);
		// The reviewer of the unit's latest district (Cửa Lò's wards are Vinh's from 2025).
		unit.reviewerId = userId.get(reviewerName(district)) ?? null;
		units.set(row.unit_id, unit);
	}
	const current = campaign.periods.at(-1);
	for (const unit of units.values()) {
		if (unit.code === DEMO_SCHOOL && current) unit.periodIds.delete(current.id);
	}
	return [...units.values()];
}

/** The demo users of PRODUCT.md and `officer.school`, plus an officer for every commune-level
 *  unit and institution and a reviewer for every district of the 2023 registry, all with the demo
 *  password, so every unit can be tried. Users already there (by username) are kept as they are. */
async function insertDemoUsers(
	db: Kysely<Database>,
	records: readonly UnitRecord[],
	passwordHash: string
): Promise<number> {
	// The registry's units as of 2023: codes were reused since, so each code is read on that day.
	const units = await db
		.selectFrom('unit_versions as v')
		.select(['v.unit_id as id', 'v.code', 'v.name'])
		.where(inForceOn('v', REGISTRY_DAY))
		.execute();
	const byCode = new Map(units.map((unit) => [unit.code, unit]));
	const named = new Set(DEMO_USERS.map((user) => user.unitCode));
	const rows: NewUser[] = DEMO_USERS.map((user) => ({
		username: user.username,
		display_name: user.displayName,
		role: user.role,
		unit_id: byCode.get(user.unitCode)!.id,
		password_hash: passwordHash
	}));
	for (const record of records) {
		const unit = byCode.get(record.code);
		if (!unit || named.has(record.code) || record.level === 1) continue;
		const officer = record.level >= 3;
		const institution = audienceOf(record.kind) !== 'area';
		rows.push({
			username: `${officer ? 'officer' : 'reviewer'}.${record.code.toLowerCase()}`,
			display_name: institution ? unit.name : `Công an ${unit.name}`,
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
