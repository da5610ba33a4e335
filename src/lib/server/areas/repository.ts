// Every query of reporting areas: named groupings of units beside the tree (the former districts),
// valid from a date. A set holds areas; a unit belongs to at most one area of a set. The seed,
// the reorganisation import and the administration's pages all write through these functions.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface NewAreaSet {
	code: string;
	name_vi: string;
	name_en: string;
	/** yyyy-mm-dd, or '-infinity' for a set valid since always. */
	valid_from: string;
}

export interface NewArea {
	code: string;
	name: string;
	map_codes: string[];
}

export interface NewAreaMember {
	areaId: number;
	unitId: number;
}

/** Creates an area set; returns its id. Its code is unique (the database refuses a second one). */
export async function insertAreaSet(trx: Db, set: NewAreaSet): Promise<number> {
	const row = await trx
		.insertInto('area_sets')
		.values({
			code: set.code,
			name_vi: set.name_vi,
			name_en: set.name_en,
			valid_from: set.valid_from
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Adds areas to a set; returns them with their ids, in the order given. */
export async function insertAreas(trx: Db, setId: number, areas: readonly NewArea[]) {
	if (areas.length === 0) return [];
	const rows = await trx
		.insertInto('areas')
		.values(areas.map((a) => ({ area_set_id: setId, ...a })))
		.returning(['id', 'code', 'name', 'map_codes'])
		.execute();
	const byCode = new Map(rows.map((row) => [row.code, row]));
	return areas.map((a) => byCode.get(a.code)!);
}

/** Puts units into areas of a set (a unit already in an area of the set is refused by the key). */
export async function insertAreaMembers(
	trx: Db,
	setId: number,
	members: readonly NewAreaMember[]
): Promise<void> {
	if (members.length === 0) return;
	await trx
		.insertInto('area_members')
		.values(members.map((m) => ({ area_set_id: setId, area_id: m.areaId, unit_id: m.unitId })))
		.execute();
}

/** An area by its reference `SET/AREA` (the set's code, a slash, the area's code), with its set. */
export async function findAreaByRef(db: Db, ref: string) {
	const slash = ref.indexOf('/');
	if (slash <= 0 || slash === ref.length - 1) return undefined;
	return db
		.selectFrom('areas')
		.innerJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.select([
			'areas.id',
			'areas.code',
			'areas.name',
			'areas.map_codes',
			'areas.area_set_id',
			'area_sets.code as set_code',
			'area_sets.name_vi as set_name_vi',
			'area_sets.name_en as set_name_en'
		])
		.where('area_sets.code', '=', ref.slice(0, slash))
		.where('areas.code', '=', ref.slice(slash + 1))
		.executeTakeFirst();
}

/** An area by id, with its set's code: what a user's scope shows. */
export function findAreaById(db: Db, id: number) {
	return db
		.selectFrom('areas')
		.innerJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.select([
			'areas.id',
			'areas.code',
			'areas.name',
			'areas.area_set_id',
			'area_sets.code as set_code',
			'area_sets.name_vi as set_name_vi',
			'area_sets.name_en as set_name_en'
		])
		.where('areas.id', '=', id)
		.executeTakeFirst();
}

/** Every area set with how many areas and member units it has, the newest validity first. */
export function listAreaSets(db: Db) {
	return db
		.selectFrom('area_sets as s')
		.select([
			's.id',
			's.code',
			's.name_vi',
			's.name_en',
			sql<string>`s.valid_from::text`.as('valid_from'),
			sql<string>`s.valid_to::text`.as('valid_to'),
			sql<number>`(SELECT count(*)::int FROM areas a WHERE a.area_set_id = s.id)`.as('areas'),
			sql<number>`(SELECT count(*)::int FROM area_members m WHERE m.area_set_id = s.id)`.as(
				'members'
			)
		])
		.orderBy('s.valid_from', 'desc')
		.orderBy('s.code')
		.execute();
}

/** One set by its code. */
export function findAreaSetByCode(db: Db, code: string) {
	return db
		.selectFrom('area_sets')
		.select([
			'id',
			'code',
			'name_vi',
			'name_en',
			sql<string>`valid_from::text`.as('valid_from'),
			sql<string>`valid_to::text`.as('valid_to')
		])
		.where('code', '=', code)
		.executeTakeFirst();
}

/** A set's areas with their member counts, by code. */
export function listAreasOfSet(db: Db, setId: number) {
	return db
		.selectFrom('areas as a')
		.select([
			'a.id',
			'a.code',
			'a.name',
			'a.map_codes',
			sql<number>`(SELECT count(*)::int FROM area_members m WHERE m.area_id = a.id)`.as('members')
		])
		.where('a.area_set_id', '=', setId)
		.orderBy('a.code')
		.execute();
}

/** A set's members: each unit (its current state) with its area, by area then unit code. */
export function listAreaMembers(db: Db, setId: number) {
	return db
		.selectFrom('area_members as m')
		.innerJoin('areas as a', 'a.id', 'm.area_id')
		.innerJoin('units as u', 'u.id', 'm.unit_id')
		.select([
			'm.area_id',
			'a.code as area_code',
			'u.id as unit_id',
			'u.code as unit_code',
			'u.name as unit_name',
			'u.status as unit_status',
			sql<string | null>`u.retired_on::text`.as('retired_on')
		])
		.where('m.area_set_id', '=', setId)
		.orderBy('a.code')
		.orderBy('u.code')
		.execute();
}

/** Moves a member unit to another area of the same set; returns the area it left, if any. */
export async function moveAreaMember(trx: Db, setId: number, unitId: number, areaId: number) {
	const before = await trx
		.selectFrom('area_members')
		.select('area_id')
		.where('area_set_id', '=', setId)
		.where('unit_id', '=', unitId)
		.forUpdate()
		.executeTakeFirst();
	if (before) {
		await trx
			.updateTable('area_members')
			.set({ area_id: areaId })
			.where('area_set_id', '=', setId)
			.where('unit_id', '=', unitId)
			.execute();
	} else {
		await insertAreaMembers(trx, setId, [{ areaId, unitId }]);
	}
	return before?.area_id ?? null;
}

/** The paths (current) of an area's member units: what a user's area scope reaches. */
export async function areaMemberPaths(db: Db, areaId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('area_members as m')
		.innerJoin('units as u', 'u.id', 'm.unit_id')
		.select('u.path')
		.where('m.area_id', '=', areaId)
		.execute();
	return rows.map((row) => row.path);
}

/** Every area as `SET/AREA` with its name and its set's, for a form's suggestions. */
export async function listAreaRefs(db: Db) {
	const rows = await db
		.selectFrom('areas')
		.innerJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.select(['area_sets.code as set_code', 'areas.code', 'areas.name', 'area_sets.name_vi'])
		.orderBy('area_sets.code')
		.orderBy('areas.code')
		.execute();
	return rows.map((row) => ({
		ref: `${row.set_code}/${row.code}`,
		name: `${row.name} · ${row.name_vi}`
	}));
}
