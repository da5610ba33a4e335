// Every query of the unit tree: the finders the whole app shares, the administration's reads and
// the tree-shaped writes (a subtree moves with its paths and levels).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { FOLD_FROM, FOLD_TO, foldVietnamese } from '../../domain/unit-rules';
import type { UnitKind } from '../../domain/vocabulary';
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

/** The order that puts the unit holding a code now first, then the latest to hold it: the
 * registry reuses codes (see ./structure.ts). */
export const currentHolderFirst = sql`units.status = 'active' DESC, units.retired_on DESC NULLS FIRST`;

/** The unit holding the code now, else the latest one that held it. */
export function findUnitByCode(db: Db, code: string) {
	return db
		.selectFrom('units')
		.selectAll()
		.where('code', '=', code)
		.orderBy(currentHolderFirst)
		.executeTakeFirst();
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

/**
 * The unit and every unit above it, top first, from its materialised path: for each prefix of the
 * path, the last version that held it (a retired unit's path names its ancestors as they were on its
 * last day; codes are reused, paths of one day are not).
 */
export async function listAncestors(db: Db, path: string) {
	const segments = path.split('/').filter(Boolean);
	const prefixes = segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}/`);
	const { rows } = await sql<{ code: string; name: string; path: string; level: number }>`
		SELECT DISTINCT ON (v.path) v.code, v.name, v.path, v.level
		FROM unit_versions v
		WHERE v.path = ANY (${prefixes}::text[])
		ORDER BY v.path, v.valid_to DESC
	`.execute(db);
	return rows.sort((a, b) => a.level - b.level);
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

/** The revision an edit form carries: the row's last change to the microsecond (a JS Date keeps
 * only milliseconds). */
export const revisionSql: RawBuilder<string> = sql<string>`
	floor(extract(epoch from units.updated_at) * 1000000)::bigint::text`;

const unitColumns = [
	'units.id',
	'units.code',
	'units.name',
	'units.type_vi',
	'units.kind',
	'units.parent_id',
	'units.level',
	'units.path',
	'units.status',
	'units.retired_on',
	'units.established_on',
	'units.merged_into_id'
] as const;

/**
 * A unit of the scope by code, with its revision and its parent's code; `lock` holds it for the
 * rest of the transaction.
 */
export function findScopedUnit(db: Db, scopePath: string, code: string, { lock = false } = {}) {
	const query = db
		.selectFrom('units')
		.leftJoin('units as parent', 'parent.id', 'units.parent_id')
		.select(unitColumns)
		.select(['parent.code as parent_code', revisionSql.as('revision')])
		.where('units.code', '=', code)
		.where('units.path', 'like', subtreePattern(scopePath))
		.orderBy(currentHolderFirst)
		.limit(1);
	return (lock ? query.forUpdate('units') : query).executeTakeFirst();
}

export type ScopedUnit = NonNullable<Awaited<ReturnType<typeof findScopedUnit>>>;

/** A unit's children with how many children each has in turn (active ones, and all). */
export function listChildren(db: Db, parentId: number, withRetired: boolean) {
	let query = db
		.selectFrom('units')
		.select(['code', 'name', 'type_vi', 'kind', 'status', 'retired_on'])
		.select((eb) => [
			eb
				.selectFrom('units as child')
				.select(sql<number>`count(*) FILTER (WHERE child.status = 'active')::int`.as('n'))
				.whereRef('child.parent_id', '=', 'units.id')
				.as('active_children'),
			eb
				.selectFrom('units as child')
				.select(sql<number>`count(*)::int`.as('n'))
				.whereRef('child.parent_id', '=', 'units.id')
				.as('all_children')
		])
		.where('parent_id', '=', parentId);
	if (!withRetired) query = query.where('status', '=', 'active');
	return query.orderBy('status').orderBy('name').orderBy('code').execute();
}

/** Units of the scope whose code starts with, or whose name holds, the query (accents ignored). */
export function searchUnits(db: Db, scopePath: string, query: string, withRetired: boolean) {
	const folded = foldVietnamese(query).replace(/[\\%_]/g, '\\$&');
	let search = db
		.selectFrom('units')
		.leftJoin('units as parent', 'parent.id', 'units.parent_id')
		.select([
			'units.code',
			'units.name',
			'units.type_vi',
			'units.kind',
			'units.status',
			'units.retired_on',
			'parent.name as parent_name'
		])
		.where('units.path', 'like', subtreePattern(scopePath))
		.where((eb) =>
			eb.or([
				eb('units.code', 'like', `${query.replace(/[\\%_]/g, '\\$&')}%`),
				eb(sql`lower(translate(units.name, ${FOLD_FROM}, ${FOLD_TO}))`, 'like', `%${folded}%`)
			])
		);
	if (!withRetired) search = search.where('units.status', '=', 'active');
	return search.orderBy('units.level').orderBy('units.name').limit(100).execute();
}

/** Moves a unit and its whole subtree under a new parent: paths and levels follow. */
export async function moveSubtree(
	trx: Db,
	unit: { id: number; path: string; level: number; code: string },
	parent: { id: number; path: string; level: number }
): Promise<{ path: string; level: number }> {
	const path = `${parent.path}${unit.code}/`;
	const level = parent.level + 1;
	await trx
		.updateTable('units')
		.set({ parent_id: parent.id, updated_at: sql`now()` })
		.where('id', '=', unit.id)
		.execute();
	// Paths end with the unit's own code, unique among active units, so no new path can meet an
	// old one. Retired units keep the path of their last day.
	await trx
		.updateTable('units')
		.set({
			path: sql`${path} || substr(path, ${unit.path.length + 1})`,
			level: sql`level + ${level - unit.level}::int`,
			updated_at: sql`now()`
		})
		.where('path', 'like', subtreePattern(unit.path))
		.where('status', '=', 'active')
		.execute();
	return { path, level };
}

/** A unit's active siblings inside the scope, by name: the merge form's choices. */
export function listActiveSiblings(
	db: Db,
	unit: { id: number; parent_id: number | null },
	scopePath: string
) {
	if (unit.parent_id === null) return Promise.resolve([]);
	return db
		.selectFrom('units')
		.select(['code', 'name'])
		.where('parent_id', '=', unit.parent_id)
		.where('status', '=', 'active')
		.where('id', '<>', unit.id)
		.where('path', 'like', subtreePattern(scopePath))
		.orderBy('name')
		.limit(300)
		.execute();
}

/** The active units a user may be given in a scope: code and name, for the form's suggestions. */
export function listActiveUnitsInScope(db: Db, scopePath: string) {
	return db
		.selectFrom('units')
		.select(['code', 'name'])
		.where('status', '=', 'active')
		.where('path', 'like', subtreePattern(scopePath))
		.orderBy('path')
		.execute();
}

/** The active units of these codes, whatever their scope; `lock` keeps them from being retired
 * until the commit. */
export async function findActiveUnits(db: Db, codes: readonly string[], { lock = false } = {}) {
	const unique = [...new Set(codes.filter(Boolean))];
	if (unique.length === 0) return new Map<string, { id: number; path: string }>();
	let query = db
		.selectFrom('units')
		.select(['id', 'code', 'path'])
		.where('code', 'in', unique)
		.where('status', '=', 'active');
	if (lock) query = query.forShare();
	const rows = await query.execute();
	return new Map(rows.map((row) => [row.code, { id: row.id, path: row.path }]));
}

/** The units of these codes with their parent's code: what an import compares its rows with. */
export function listUnitsWithParents(db: Db, codes: readonly string[]) {
	if (codes.length === 0) return Promise.resolve([]);
	return (
		db
			.selectFrom('units')
			.leftJoin('units as parent', 'parent.id', 'units.parent_id')
			.select([
				'units.code',
				'units.name',
				'units.type_vi',
				'units.kind',
				'parent.code as parent_code',
				'units.level',
				'units.path',
				'units.status'
			])
			.where(sql<boolean>`units.code = ANY (${codes}::text[])`)
			// A code's current holder only, where an earlier holder retired (codes are reused).
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('units as holder')
							.select('holder.id')
							.whereRef('holder.code', '=', 'units.code')
							.where('holder.status', '=', 'active')
							.whereRef('holder.id', '<>', 'units.id')
					)
				)
			)
			.execute()
	);
}

/** Where a unit sits in the tree, by code; throws when there is none. */
export function findUnitPlacement(db: Db, code: string) {
	return db
		.selectFrom('units')
		.select(['id', 'path', 'level', 'code'])
		.where('code', '=', code)
		.where('status', '=', 'active')
		.executeTakeFirstOrThrow();
}

/** The active children of a unit, by code, where they sit. */
export function listActiveChildren(db: Db, unitId: number) {
	return db
		.selectFrom('units')
		.select(['id', 'code', 'path', 'level'])
		.where('parent_id', '=', unitId)
		.where('status', '=', 'active')
		.orderBy('code')
		.execute();
}

/** One tree edit or import at a time: what a plan checked stays true while it is written. */
export async function lockUnitTree(trx: Db): Promise<void> {
	await sql`LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
}

export interface NewUnitRow {
	code: string;
	name: string;
	type_vi: string;
	kind: UnitKind;
	parent_id: number | null;
	level: number;
	path: string;
	established_on?: string | null;
}

/** Inserts units; a code an active unit holds is skipped (not returned). Record their versions
 * (./structure.ts) in the same transaction. */
export function insertUnits(trx: Db, rows: readonly NewUnitRow[]) {
	return trx
		.insertInto('units')
		.values([...rows])
		.onConflict((conflict) => conflict.column('code').where('status', '=', 'active').doNothing())
		.returning(['id', 'code', 'path', 'level', 'established_on'])
		.execute();
}

export interface UnitChange {
	name?: string;
	type_vi?: string;
	kind?: UnitKind;
	status?: 'active' | 'retired';
	retired_on?: string | null;
	merged_into_id?: number | null;
}

/** Changes a unit's own columns (none: only its revision moves on). */
export async function updateUnitRow(trx: Db, id: number, change: UnitChange = {}): Promise<void> {
	await trx
		.updateTable('units')
		.set({ ...change, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}

/** The campaigns that apply to a unit's kind, as pages list them: its page switches between them. */
export function listUnitCampaigns(db: Db, unitId: number) {
	return db
		.selectFrom('campaigns as c')
		.innerJoin('units as u', (join) => join.on('u.id', '=', unitId))
		.select(['c.code', 'c.name_vi', 'c.name_en'])
		.where(sql<boolean>`u.kind = ANY (c.applies_to)`)
		.orderBy('c.start_date')
		.orderBy('c.code')
		.execute();
}

/**
 * The campaigns with the kinds of units they apply to: a unit's public page exists in those that
 * apply to it (or to units under it).
 */
export function listCampaignsByKinds(db: Db) {
	return db
		.selectFrom('campaigns')
		.select(['code', 'name_vi', 'name_en', 'applies_to'])
		.orderBy('start_date')
		.execute();
}
