// The reads a reorganisation plans with (the structure in force the day before its date, users,
// campaigns, areas) and the rows only it writes (the reorganisation itself, its lineage links).
import { sql, type Kysely } from 'kysely';
import type { PlanContext, ReorganisationCounts, SnapshotUnit } from '../../domain/reorganisation';
import type { Database } from '../db/schema';
import { inForceOn } from './structure';

type Db = Kysely<Database>;

/** Every unit in force on `day`, with whether it is still active and changed on or after `from`. */
export async function loadSnapshot(db: Db, day: string, from: string): Promise<SnapshotUnit[]> {
	const rows = await db
		.selectFrom('unit_versions as v')
		.innerJoin('units as u', 'u.id', 'v.unit_id')
		.select([
			'u.id',
			'v.code',
			'v.name',
			'v.type_vi',
			'v.kind',
			'v.parent_id',
			'v.path',
			'v.level',
			sql<boolean>`u.status = 'active'`.as('active'),
			sql<boolean>`EXISTS (SELECT 1 FROM unit_versions l
				WHERE l.unit_id = u.id AND l.valid_from >= ${from}::date)`.as('changed_later')
		])
		.where(inForceOn('v', day))
		.orderBy('v.path')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		code: row.code,
		name: row.name,
		typeVi: row.type_vi,
		kind: row.kind,
		parentId: row.parent_id,
		path: row.path,
		level: row.level,
		active: row.active,
		changedLater: row.changed_later
	}));
}

/** Codes held by active units now. */
export async function loadActiveCodes(db: Db): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('units')
		.select(['id', 'code'])
		.where('status', '=', 'active')
		.execute();
	return new Map(rows.map((row) => [row.code, row.id]));
}

/** Active users with their scope unit; campaigns with their unit kinds; area references. */
export async function loadPlanPeople(
	db: Db
): Promise<Pick<PlanContext, 'users' | 'campaigns' | 'areaRefs'>> {
	const users = await db
		.selectFrom('users')
		.select(['username', 'role', 'unit_id as unitId'])
		.where('active', '=', true)
		.orderBy('username')
		.execute();
	const campaigns = await db
		.selectFrom('campaigns')
		.select(['code', 'applies_to'])
		.orderBy('code')
		.execute();
	const areas = await db
		.selectFrom('areas')
		.innerJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.select(sql<string>`area_sets.code || '/' || areas.code`.as('ref'))
		.execute();
	return {
		users,
		campaigns: campaigns.map((c) => ({ code: c.code, appliesTo: c.applies_to })),
		areaRefs: new Set(areas.map((area) => area.ref))
	};
}

/** The area a 'SET/AREA' reference names, or undefined. */
export async function findAreaIdByRef(db: Db, ref: string): Promise<number | undefined> {
	const [setCode, areaCode, ...rest] = ref.split('/');
	if (!setCode || !areaCode || rest.length > 0) return undefined;
	const area = await db
		.selectFrom('areas')
		.innerJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.select('areas.id')
		.where('area_sets.code', '=', setCode)
		.where('areas.code', '=', areaCode)
		.executeTakeFirst();
	return area?.id;
}

/** The reorganisation already applied from these bytes on this date, if any. */
export function findAppliedReorganisation(db: Db, sha256: string, effectiveOn: string) {
	return db
		.selectFrom('reorganisations')
		.select(['id', 'applied_at', 'summary'])
		.where('sha256', '=', sha256)
		.where('effective_on', '=', effectiveOn)
		.executeTakeFirst();
}

/** Records the reorganisation; its id goes on every lineage link it writes. */
export async function insertReorganisation(
	trx: Db,
	row: {
		effectiveOn: string;
		format: 'mapping' | 'changes';
		fileName: string;
		sha256: string;
		counts: ReorganisationCounts;
		appliedBy: number;
	}
): Promise<number> {
	const inserted = await trx
		.insertInto('reorganisations')
		.values({
			effective_on: row.effectiveOn,
			format: row.format,
			file_name: row.fileName,
			sha256: row.sha256,
			summary: JSON.stringify(row.counts),
			applied_by: row.appliedBy
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

/** Lineage links of a reorganisation (full or partial); full predecessors are merged into. */
export async function insertLinks(
	trx: Db,
	links: { predecessorId: number; successorId: number; part: 'full' | 'partial' }[],
	effectiveOn: string,
	reorganisationId: number
): Promise<void> {
	if (links.length === 0) return;
	await trx
		.insertInto('unit_links')
		.values(
			links.map((link) => ({
				predecessor_id: link.predecessorId,
				successor_id: link.successorId,
				part: link.part,
				effective_on: effectiveOn,
				reorganisation_id: reorganisationId
			}))
		)
		.execute();
	for (const link of links.filter((l) => l.part === 'full')) {
		await trx
			.updateTable('units')
			.set({ merged_into_id: link.successorId })
			.where('id', '=', link.predecessorId)
			.execute();
	}
}

/** Gives a user (by username) a scope unit and area; the user's id and previous unit, if found. */
export async function setUserScope(
	trx: Db,
	username: string,
	unitId: number,
	areaId: number | null
) {
	const before = await trx
		.selectFrom('users')
		.select(['id', 'unit_id', 'area_id'])
		.where('username', '=', username)
		.executeTakeFirst();
	if (!before) return undefined;
	await trx
		.updateTable('users')
		.set({ unit_id: unitId, area_id: areaId, updated_at: sql`now()` })
		.where('id', '=', before.id)
		.execute();
	return before;
}
