// Reads and tree-shaped writes of the units an administrator manages.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { FOLD_FROM, FOLD_TO, foldVietnamese } from '../../../domain/unit-rules';
import type { Database } from '../../db/schema';
import { subtreePattern } from '../../units/repository';

type Db = Kysely<Database>;

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

/** A unit of the admin's scope by code, with its revision and its parent's code. */
export function findScopedUnit(db: Db, scopePath: string, code: string) {
	return db
		.selectFrom('units')
		.leftJoin('units as parent', 'parent.id', 'units.parent_id')
		.select(unitColumns)
		.select(['parent.code as parent_code', revisionSql.as('revision')])
		.where('units.code', '=', code)
		.where('units.path', 'like', subtreePattern(scopePath))
		.executeTakeFirst();
}

export type ScopedUnit = NonNullable<Awaited<ReturnType<typeof findScopedUnit>>>;

/** Locks a unit of the scope for the rest of the transaction. */
export function lockScopedUnit(trx: Db, scopePath: string, code: string) {
	return trx
		.selectFrom('units')
		.leftJoin('units as parent', 'parent.id', 'units.parent_id')
		.select(unitColumns)
		.select(['parent.code as parent_code', revisionSql.as('revision')])
		.where('units.code', '=', code)
		.where('units.path', 'like', subtreePattern(scopePath))
		.forUpdate('units')
		.executeTakeFirst();
}

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
	// Paths end with the unit's own (unique) code, so no new path can meet an old one.
	await trx
		.updateTable('units')
		.set({
			path: sql`${path} || substr(path, ${unit.path.length + 1})`,
			level: sql`level + ${level - unit.level}::int`,
			updated_at: sql`now()`
		})
		.where('path', 'like', subtreePattern(unit.path))
		.execute();
	return { path, level };
}

/** The units merged into this one, oldest merge first. */
export function listPredecessors(db: Db, unitId: number) {
	return db
		.selectFrom('units')
		.select(['code', 'name', 'retired_on'])
		.where('merged_into_id', '=', unitId)
		.orderBy('retired_on')
		.orderBy('code')
		.execute();
}

export function findUnitById(db: Db, id: number) {
	return db.selectFrom('units').select(['code', 'name']).where('id', '=', id).executeTakeFirst();
}
