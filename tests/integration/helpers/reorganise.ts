// Starting points for reorganisation tests: a province with a registry imported, users, the unit
// holding a code, and a campaign with its quarters.
import { sql, type Kysely } from 'kysely';
import type { AdminActor } from '../../../src/lib/server/auth/guards';
import type { Database } from '../../../src/lib/server/db/schema';
import { applyUnitImport } from '../../../src/lib/server/units/import';
import { createRootUnit } from '../../../src/lib/server/units/service';
import { createTestDatabase } from './database';

/** An empty database with the province, its administrator and a registry imported. */
export async function registryDatabase(registry: string) {
	const test = await createTestDatabase();
	await createRootUnit(test.db, null, {
		code: '40',
		name: 'Tỉnh Nghệ An',
		typeVi: 'Tỉnh',
		kind: 'province'
	});
	const user = await insertUser(test.db, 'admin', 'province_admin', '40');
	const admin: AdminActor = {
		id: user,
		username: 'admin',
		role: 'province_admin',
		scopePath: '/40/',
		ip: '127.0.0.1'
	};
	await applyUnitImport(test.db, admin, registry);
	return { test, admin };
}

/** A user scoped to the unit holding a code now; its id. */
export async function insertUser(
	db: Kysely<Database>,
	username: string,
	role: string,
	unitCode: string
) {
	const unit = await unitNow(db, unitCode);
	const row = await db
		.insertInto('users')
		.values({
			username,
			role: role as never,
			unit_id: unit.id,
			password_hash: 'not-a-hash'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The unit holding a code now (the active one, else the latest). */
export function unitNow(db: Kysely<Database>, code: string) {
	return db
		.selectFrom('units')
		.selectAll()
		.where('code', '=', code)
		.orderBy(sql`status = 'active' DESC, id DESC`)
		.executeTakeFirstOrThrow();
}

/** A campaign applying to some kinds, with its quarters. */
export async function insertCampaignPeriod(
	db: Kysely<Database>,
	code: string,
	appliesTo: string[],
	periods: { label: string; startsOn: string; endsOn: string }[]
) {
	const campaign = await db
		.insertInto('campaigns')
		.values({
			code,
			name_vi: code,
			name_en: code,
			applies_to: appliesTo as never[],
			start_date: '2023-04-01',
			target_date: '2027-12-31',
			target_share: 1,
			min_score: 80
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const set = await db
		.insertInto('criteria_sets')
		.values({ campaign_id: campaign.id, version: 1 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const ids: Record<string, number> = {};
	for (const period of periods) {
		const row = await db
			.insertInto('periods')
			.values({
				campaign_id: campaign.id,
				label: period.label,
				kind: 'quarter',
				starts_on: period.startsOn,
				ends_on: period.endsOn,
				closes_at: `${period.endsOn}T23:59:59Z`,
				criteria_set_id: set.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ids[period.label] = row.id;
	}
	return { campaignId: campaign.id, setId: set.id, periods: ids };
}
