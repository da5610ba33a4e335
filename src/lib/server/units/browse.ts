// What the units administration pages read: the tree a level at a time with a search over it,
// and one unit with what its forms need. Always inside the administrator's scope.
import type { Kysely } from 'kysely';
import { inScope, isScopeTop } from '../../domain/authorization';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { NotFound } from '../failure';
import { countUsersOfUnit } from '../users/repository';
import {
	findScopedUnit,
	hasChildren,
	listActiveSiblings,
	listCampaignsByKinds,
	listChildren,
	revisionSql,
	searchUnits,
	subtreePattern
} from './repository';
import { parseUnitRef, resolveUnitCode, unitRefSegment } from './structure';
import { vnDate } from '../../domain/periods';
import { loadLineage } from '../dashboard/unit-page';
import { listUnitAncestors } from '../dashboard/unit-page-repository';

type Db = Kysely<Database>;

/** The code of the unit at the top of a scope path: '/40/412/' → '412'. */
const scopeCode = (scopePath: string) => scopePath.split('/').filter(Boolean).pop() ?? '';

/** A unit's way down by its parents (codes are reused: two units may hold one of them). */
async function unitBreadcrumbs(db: Db, actor: AdminActor, unitId: number) {
	const ancestors = await listUnitAncestors(db, unitId);
	return ancestors
		.filter((ancestor) => inScope(actor, ancestor.path))
		.map((ancestor) => ({ code: ancestor.ref, name: ancestor.name, linked: true }));
}

/** A unit of the scope (its top by default) with its children, and the units a query finds. */
export async function browseUnits(
	db: Db,
	actor: AdminActor,
	{ unit, query, withRetired }: { unit: string; query: string; withRetired: boolean }
) {
	const { unit: current, ref } = await scopedUnitByRef(
		db,
		actor,
		unit || scopeCode(actor.scopePath)
	);
	const [trail, children, results] = await Promise.all([
		unitBreadcrumbs(db, actor, current.id),
		listChildren(db, current.id, withRetired),
		query ? searchUnits(db, actor.scopePath, query, withRetired) : null
	]);
	// Codes are reused: a retired unit and the current holder of its code may sit side by side.
	const withRef = <T extends Parameters<typeof unitRefSegment>[0]>(rows: T[]) =>
		rows.map((row) => ({ ...row, ref: unitRefSegment(row) }));
	return {
		current: {
			code: current.code,
			ref,
			name: current.name,
			type_vi: current.type_vi,
			kind: current.kind,
			status: current.status,
			retired_on: current.retired_on
		},
		breadcrumbs: trail,
		children: withRef(children),
		results: results && withRef(results)
	};
}

/**
 * The unit of the scope an address segment names (README, "Addresses and reused codes"), and the
 * segment that names it plainly: its code when the code leads to it, else `code@its-last-day`.
 */
async function scopedUnitByRef(db: Db, actor: AdminActor, segment: string) {
	const ref = parseUnitRef(segment);
	if (!ref) throw new NotFound('Unit not found');
	const id = await resolveUnitCode(db, ref.code, ref.on ?? vnDate(new Date()));
	const holder = await findScopedUnit(db, actor.scopePath, ref.code);
	if (holder && holder.id === id) return { unit: holder, ref: holder.code };
	const earlier = await db
		.selectFrom('units')
		.leftJoin('units as parent', 'parent.id', 'units.parent_id')
		.selectAll('units')
		.select(['parent.code as parent_code', revisionSql.as('revision')])
		.where('units.id', '=', id ?? -1)
		.where('units.path', 'like', subtreePattern(actor.scopePath))
		.executeTakeFirst();
	if (!earlier) throw new NotFound('Unit not found');
	return { unit: earlier, ref: unitRefSegment(earlier) };
}

/**
 * One unit of the scope with its lineage, its siblings (to merge), its users and campaigns. `ref`
 * is the segment its pages use; the forms work on the plain code only (the current holder).
 */
export async function loadUnitForAdmin(db: Db, actor: AdminActor, segment: string) {
	const { unit, ref } = await scopedUnitByRef(db, actor, segment);
	const [trail, lineage, siblings, users, campaigns, parent] = await Promise.all([
		unitBreadcrumbs(db, actor, unit.id),
		loadLineage(db, unit.id),
		listActiveSiblings(db, unit, actor.scopePath),
		countUsersOfUnit(db, unit.id),
		listCampaignsByKinds(db),
		hasChildren(db, unit.id)
	]);
	return {
		unit: {
			code: unit.code,
			name: unit.name,
			type_vi: unit.type_vi,
			kind: unit.kind,
			level: unit.level,
			path: unit.path,
			ref,
			status: unit.status,
			retired_on: unit.retired_on,
			parent_code: unit.parent_code,
			revision: unit.revision,
			isScopeRoot: isScopeTop(actor, unit.path)
		},
		breadcrumbs: trail,
		lineage,
		siblings,
		users,
		// The unit's public page exists in a campaign that applies to it, or above such units.
		campaigns: campaigns
			.filter((campaign) => parent || campaign.applies_to.includes(unit.kind))
			.map(({ code, name_vi, name_en }) => ({ code, name_vi, name_en }))
	};
}
