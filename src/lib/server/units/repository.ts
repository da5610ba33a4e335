import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/** A LIKE pattern for a path's subtree; codes may hold '_', a LIKE wildcard. */
export function subtreePattern(path: string): string {
	return `${path.replace(/[\\%_]/g, '\\$&')}%`;
}

/** The top of the tree: the province in the demo (the first root unit by code). */
export function findRootUnit(db: Db) {
	return db
		.selectFrom('units')
		.select(['id', 'code', 'name', 'path', 'kind'])
		.where('parent_id', 'is', null)
		.where('status', '=', 'active')
		.orderBy('level')
		.orderBy('code')
		.executeTakeFirst();
}

export function findUnitByCode(db: Db, code: string) {
	return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The root of the tree a campaign's assessments live in; the first root when it has none yet. */
export async function findCampaignRoot(db: Db, campaignId: number) {
	const assessed = await db
		.selectFrom('assessments')
		.innerJoin('units', 'units.id', 'assessments.unit_id')
		.select('units.path')
		.where('assessments.campaign_id', '=', campaignId)
		.limit(1)
		.executeTakeFirst();
	const rootCode = assessed?.path.split('/')[1];
	if (!rootCode) return findRootUnit(db);
	return db
		.selectFrom('units')
		.select(['id', 'code', 'name', 'path', 'kind'])
		.where('code', '=', rootCode)
		.executeTakeFirst();
}

export async function hasChildren(db: Db, unitId: number): Promise<boolean> {
	const child = await db
		.selectFrom('units')
		.select('id')
		.where('parent_id', '=', unitId)
		.limit(1)
		.executeTakeFirst();
	return child !== undefined;
}

/** The unit and every unit above it, top first, from its materialised path. */
export function listAncestors(db: Db, path: string) {
	const codes = path.split('/').filter(Boolean);
	return db
		.selectFrom('units')
		.select(['code', 'name', 'path', 'level'])
		.where('code', 'in', codes)
		.orderBy('level')
		.execute();
}

/** Whether any child of the unit is of the given kinds (a district's communes are assessed). */
export async function hasChildOfKind(db: Db, unitId: number, kinds: string[]): Promise<boolean> {
	const child = await db
		.selectFrom('units')
		.select('id')
		.where('parent_id', '=', unitId)
		.where('kind', 'in', kinds as never[])
		.limit(1)
		.executeTakeFirst();
	return child !== undefined;
}
