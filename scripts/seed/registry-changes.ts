// The demo's map moves as Nghệ An's did: on 01/01/2025 the registry's own changes (renames, moves,
// kinds; the retired units without a successor, since the public data names none), on 01/07/2025
// the reorganisation into 130 units under the province. Both go through the service of the import
// page, as the province's administrator would apply them on the day; the former-district areas
// come in between, so the districts' reviewers can be given one. Each step is recognised when it
// was done before, so a second run changes nothing.
import { sql, type Kysely } from 'kysely';
import type { AuditEntry } from '../../src/lib/server/audit/repository';
import { writeAuditEntries } from '../../src/lib/server/audit/repository';
import {
	insertAreaMembers,
	insertAreas,
	insertAreaSet
} from '../../src/lib/server/areas/repository';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import type { Database } from '../../src/lib/server/db/schema';
import {
	applyReorganisation,
	type ReorganisationInput
} from '../../src/lib/server/units/reorganise';
import {
	absorbedDistricts,
	FORMER_DISTRICTS,
	formerDistrictAreas,
	type FormerDistrictArea
} from './former-districts';
import {
	loadMapping,
	loadNgheAnUnits,
	readDataFile,
	REGISTRY_CHANGES,
	type MappingRecord
} from './reference';

type Db = Kysely<Database>;
type Scopes = NonNullable<ReorganisationInput['scopes']>;

/** The former districts of 01/07/2025 from the shipped registries and mapping. */
export function demoFormerDistricts(): FormerDistrictArea[] {
	return formerDistrictAreas(
		loadNgheAnUnits(),
		loadNgheAnUnits('units-2025-03.csv'),
		loadMapping()
	);
}

/** Applies the 2025 files dated by `today` (yyyy-mm-dd) on their dates; returns the ids of the
 * reorganisations it applied. */
export async function applyRegistryChanges(
	db: Db,
	admin: AdminActor,
	today: string,
	log: (line: string) => void = () => {}
): Promise<number[]> {
	const areas = demoFormerDistricts();
	const mapping = loadMapping();
	const applied: number[] = [];
	for (const { file, effectiveOn } of REGISTRY_CHANGES) {
		if (effectiveOn > today) break;
		const text = readDataFile(file);
		const before = await clock(db);
		const mappingFile = file === REGISTRY_CHANGES[1].file;
		const scopes = mappingFile
			? await prepareMapping(db, areas, mapping)
			: await prepareChanges(db, admin, text);
		const result = await applyReorganisation(db, admin, {
			fileName: file,
			text,
			effectiveOn,
			scopes
		});
		if (mappingFile) await ensureAreaMembers(db, areas);
		if (result.alreadyApplied) {
			log(`${file}: applied before`);
			continue;
		}
		await backdate(db, before, result.id, effectiveOn);
		applied.push(result.id);
		log(`${file}: applied on ${effectiveOn}, ${JSON.stringify(result.plan.counts)}`);
	}
	return applied;
}

/** Before the changes file: accounts closed, Cửa Lò's reviewer's scope. */
async function prepareChanges(db: Db, admin: AdminActor, text: string): Promise<Scopes> {
	await closeAccountsOfRetiredUnits(db, admin, text);
	return reviewersOfRetired(db, text);
}

/** Before the mapping: the areas the districts' reviewers get, and everyone's scope. */
async function prepareMapping(
	db: Db,
	areas: readonly FormerDistrictArea[],
	mapping: readonly MappingRecord[]
): Promise<Scopes> {
	await ensureAreaSet(db, areas);
	return reviewerAreas(db, mapping);
}

async function clock(db: Db): Promise<Date> {
	const { rows } = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db);
	return rows[0].now;
}

/**
 * The administrator applied the change on its first day: what the step wrote (the reorganisation
 * and its audit trail) is dated then, so the demo's history reads in order.
 */
async function backdate(db: Db, since: Date, reorganisationId: number, effectiveOn: string) {
	const day = new Date(`${effectiveOn}T08:00:00+07:00`);
	// Both stamps are set once, when a row is written: only this backdating moves them.
	await sql`UPDATE audit_log SET at = ${day} WHERE at >= ${since}`.execute(db);
	await sql`UPDATE reorganisations SET applied_at = ${day} WHERE id = ${reorganisationId}`.execute(
		db
	);
}

/** Codes the changes file retires. */
function retiredCodes(text: string): string[] {
	return text
		.split(/\r?\n/)
		.slice(1)
		.map((line) => line.split(','))
		.filter((cells) => cells[3] === 'retired')
		.map((cells) => cells[0]);
}

/**
 * A commune that disappears with no known successor leaves its officer's account with nothing to
 * work on: it is closed (audited) before the change, as an administrator would.
 */
async function closeAccountsOfRetiredUnits(db: Db, admin: AdminActor, text: string) {
	await db.transaction().execute(async (trx) => {
		const users = await trx
			.selectFrom('users')
			.innerJoin('units', 'units.id', 'users.unit_id')
			.select(['users.id', 'users.unit_id'])
			.where('units.code', 'in', retiredCodes(text))
			.where('units.status', '=', 'active')
			.where('units.level', '=', 3)
			.where('users.active', '=', true)
			.execute();
		if (users.length === 0) return;
		await trx
			.updateTable('users')
			.set({ active: false, updated_at: sql`now()` })
			.where(
				'id',
				'in',
				users.map((user) => user.id)
			)
			.execute();
		const entries: AuditEntry[] = users.map((user) => ({
			actor: admin,
			action: 'user.deactivate',
			entityType: 'user',
			entityId: user.id,
			unitId: user.unit_id,
			before: { active: true },
			after: { active: false },
			reason: 'Đơn vị giải thể từ 01/01/2025',
			ip: admin.ip
		}));
		await writeAuditEntries(trx, entries);
	});
}

/** The reviewer of a district-level unit the changes file retires goes to the district it joined
 * (Cửa Lò's, into Vinh's). */
async function reviewersOfRetired(db: Db, text: string): Promise<Scopes> {
	const retired = retiredCodes(text);
	const users = await db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.select(['users.username', 'units.code'])
		.where('units.code', 'in', retired)
		.where('units.status', '=', 'active')
		.where('units.level', '=', 2)
		.where('users.active', '=', true)
		.execute();
	const joined = absorbedDistricts(loadNgheAnUnits(), loadNgheAnUnits('units-2025-03.csv'));
	return Object.fromEntries(
		users
			.filter((user) => joined.has(user.code))
			.map((user) => [user.username, { unitCode: joined.get(user.code)! }])
	);
}

/**
 * On 01/07/2025 the districts end: each district's reviewer keeps the province's units of its
 * former district (the province + its area); the officer of a split commune goes to the first new
 * commune the mapping lists for it. Officers of communes merged in full follow them (the service).
 */
async function reviewerAreas(db: Db, mapping: readonly MappingRecord[]): Promise<Scopes> {
	const users = await db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.select(['users.username', 'units.code', 'units.level'])
		.where('units.status', '=', 'active')
		.where('units.level', 'in', [2, 3])
		.where('users.active', '=', true)
		.execute();
	const province = await db
		.selectFrom('units')
		.select('code')
		.where('level', '=', 1)
		.where('status', '=', 'active')
		.executeTakeFirstOrThrow();
	const splitInto = new Map<string, string>();
	for (const row of mapping) {
		if (row.part === 'partial' && !splitInto.has(row.oldCode))
			splitInto.set(row.oldCode, row.newCode);
	}
	const scopes: Scopes = {};
	for (const user of users) {
		if (user.level === 2) {
			scopes[user.username] = {
				unitCode: province.code,
				areaCode: `${FORMER_DISTRICTS.code}/${user.code}`
			};
		} else if (splitInto.has(user.code)) {
			scopes[user.username] = { unitCode: splitInto.get(user.code)! };
		}
	}
	return scopes;
}

/** The former-district set and its areas, unless it exists. */
async function ensureAreaSet(db: Db, areas: readonly FormerDistrictArea[]) {
	const existing = await db
		.selectFrom('area_sets')
		.select('id')
		.where('code', '=', FORMER_DISTRICTS.code)
		.executeTakeFirst();
	if (existing) return;
	await db.transaction().execute(async (trx) => {
		const setId = await insertAreaSet(trx, FORMER_DISTRICTS);
		await insertAreas(
			trx,
			setId,
			areas.map((area) => ({ code: area.code, name: area.name, map_codes: area.mapCodes }))
		);
	});
}

/** Each new unit in its former district's area, unless the set has members already. */
async function ensureAreaMembers(db: Db, areas: readonly FormerDistrictArea[]) {
	const set = await db
		.selectFrom('area_sets')
		.select([
			'id',
			sql<number>`(SELECT count(*)::int FROM area_members m WHERE m.area_set_id = area_sets.id)`.as(
				'members'
			)
		])
		.where('code', '=', FORMER_DISTRICTS.code)
		.executeTakeFirstOrThrow();
	if (set.members > 0) return;
	const areaIds = new Map(
		(
			await db
				.selectFrom('areas')
				.select(['id', 'code'])
				.where('area_set_id', '=', set.id)
				.execute()
		).map((area) => [area.code, area.id])
	);
	const unitIds = new Map(
		(
			await db.selectFrom('units').select(['id', 'code']).where('status', '=', 'active').execute()
		).map((unit) => [unit.code, unit.id])
	);
	await db.transaction().execute((trx) =>
		insertAreaMembers(
			trx,
			set.id,
			areas.flatMap((area) =>
				area.members.map((code) => ({
					areaId: areaIds.get(area.code)!,
					unitId: unitIds.get(code)!
				}))
			)
		)
	);
}
