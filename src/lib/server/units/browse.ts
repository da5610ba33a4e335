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
	listAncestors,
	listCampaignsByKinds,
	listChildren,
	searchUnits
} from './repository';
import { loadLineage } from '../dashboard/unit-page';

type Db = Kysely<Database>;

/** The code of the unit at the top of a scope path: '/40/412/' → '412'. */
const scopeCode = (scopePath: string) => scopePath.split('/').filter(Boolean).pop() ?? '';

/** The way down from the top of the scope to the unit, each step linked. */
async function breadcrumbs(db: Db, actor: AdminActor, path: string) {
	const ancestors = await listAncestors(db, path);
	return ancestors
		.filter((ancestor) => inScope(actor, ancestor.path))
		.map((ancestor) => ({ code: ancestor.code, name: ancestor.name, linked: true }));
}

async function scopedUnit(db: Db, actor: AdminActor, code: string) {
	const unit = await findScopedUnit(db, actor.scopePath, code);
	if (!unit) throw new NotFound('Unit not found');
	return unit;
}

/** A unit of the scope (its top by default) with its children, and the units a query finds. */
export async function browseUnits(
	db: Db,
	actor: AdminActor,
	{ unit, query, withRetired }: { unit: string; query: string; withRetired: boolean }
) {
	const current = await scopedUnit(db, actor, unit || scopeCode(actor.scopePath));
	const [trail, children, results] = await Promise.all([
		breadcrumbs(db, actor, current.path),
		listChildren(db, current.id, withRetired),
		query ? searchUnits(db, actor.scopePath, query, withRetired) : null
	]);
	return {
		current: {
			code: current.code,
			name: current.name,
			type_vi: current.type_vi,
			kind: current.kind,
			status: current.status,
			retired_on: current.retired_on
		},
		breadcrumbs: trail,
		children,
		results
	};
}

/** One unit of the scope with its lineage, its siblings (to merge), its users and campaigns. */
export async function loadUnitForAdmin(db: Db, actor: AdminActor, code: string) {
	const unit = await scopedUnit(db, actor, code);
	const [trail, lineage, siblings, users, campaigns, parent] = await Promise.all([
		breadcrumbs(db, actor, unit.path),
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
