// Reporting-area scopes. A user may be scoped to an area (users.area_id) as well as to a unit: within
// the unit's subtree they then see and act only on the area's member units and the units under them.
// Membership lives in the database (area_members), so these checks are queries, beside the pure
// unit-scope checks of domain/authorization.ts.
import { error } from '@sveltejs/kit';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/** Whoever may be scoped to an area: a session user, an actor. */
export interface AreaScoped {
	areaId?: number | null;
}

/** Whether the user is limited to a reporting area at all. */
export function hasAreaScope(actor: AreaScoped): actor is { areaId: number } {
	return actor.areaId !== null && actor.areaId !== undefined;
}

/**
 * A condition on a unit's materialised path (the column `pathColumn`, e.g. 'u.path'): the unit is
 * one of the actor's area members or under one. Always true for a user with no area, so a query
 * can take it unconditionally: `.where(areaUnitFilter(actor, 'u.path'))`.
 */
export function areaUnitFilter(actor: AreaScoped, pathColumn = 'u.path'): RawBuilder<boolean> {
	if (!hasAreaScope(actor)) return sql<boolean>`true`;
	return areaPathFilter(actor.areaId, sql.ref(pathColumn));
}

/** The same condition for a path given as a value. */
function areaPathFilter(areaId: number, path: RawBuilder<unknown> | ReturnType<typeof sql.ref>) {
	return sql<boolean>`EXISTS (
		SELECT 1 FROM area_members am INNER JOIN units m ON m.id = am.unit_id
		WHERE am.area_id = ${areaId} AND ${path} LIKE (m.path || '%'))`;
}

/** Whether the unit at `unitPath` lies in the actor's area (always, for a user with no area). */
export async function inAreaScope(db: Db, actor: AreaScoped, unitPath: string): Promise<boolean> {
	if (!hasAreaScope(actor)) return true;
	const row = await sql<{
		inside: boolean;
	}>`SELECT ${areaPathFilter(actor.areaId, sql`${unitPath}::text`)} AS inside`.execute(db);
	return row.rows[0]?.inside === true;
}

/**
 * The guard after `requireScope`: a unit outside the user's area answers 404, as one outside the
 * unit scope does, so its existence is not revealed.
 */
export async function requireAreaScope(db: Db, actor: AreaScoped, unitPath: string) {
	if (!(await inAreaScope(db, actor, unitPath))) error(404, 'Not found');
}

/** The ids of the area's member units (not the units under them): what a dashboard opens on. */
export async function listAreaMemberIds(db: Db, areaId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('area_members')
		.select('unit_id')
		.where('area_id', '=', areaId)
		.orderBy('unit_id')
		.execute();
	return rows.map((row) => row.unit_id);
}
