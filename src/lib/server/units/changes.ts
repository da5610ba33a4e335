// The one way a stored unit is renamed, moved or retired, whether by a form, a merge or the CSV
// import or a reorganisation: the row changes, its version from the day the change takes effect
// (./structure.ts), and the audit entry that records it are made together. The caller writes the
// entries in the same transaction.
import type { AuditEntry } from '../audit/repository';
import type { UnitKind } from '../../domain/vocabulary';
import { moveSubtree, updateUnitRow } from './repository';
import { recordChange, recordVersions, subtreeIds } from './structure';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/** Who makes the change, from where, and why when it is part of something larger. */
export type ChangedBy = Pick<AuditEntry, 'actor' | 'ip' | 'reason'>;

/** The fields of a unit a person names: what `unit.update` records. */
export interface UnitNaming {
	name: string;
	type_vi: string;
	kind: string;
}

type Placed = { id: number; code: string; path: string; level: number };

/** New name, type or kind from the day `on` (a correction of the latest version when null); null
 * when nothing differs (nothing written, nothing to audit). */
export async function renameUnit(
	trx: Db,
	by: ChangedBy,
	unit: { id: number; code: string },
	before: UnitNaming,
	after: UnitNaming,
	on: string | null
): Promise<AuditEntry | null> {
	const changed = (Object.keys(after) as (keyof UnitNaming)[]).filter(
		(key) => before[key] !== after[key]
	);
	if (changed.length === 0) return null;
	await updateUnitRow(trx, unit.id, {
		name: after.name,
		type_vi: after.type_vi,
		kind: after.kind as UnitKind
	});
	await recordChange(trx, [unit.id], on);
	return {
		...by,
		action: 'unit.update',
		entityType: 'unit',
		entityId: unit.code,
		unitId: unit.id,
		before: Object.fromEntries(changed.map((key) => [key, before[key]])),
		after: Object.fromEntries(changed.map((key) => [key, after[key]]))
	};
}

/** Under another parent from the day `on` (a correction when null), with the whole subtree's
 * paths and levels. */
export async function moveUnitUnder(
	trx: Db,
	by: ChangedBy,
	unit: Placed & { parentCode: string | null },
	parent: Placed,
	on: string | null
): Promise<AuditEntry> {
	const moved = await moveSubtree(trx, unit, parent);
	await recordChange(trx, await subtreeIds(trx, moved.path), on);
	return {
		...by,
		action: 'unit.move',
		entityType: 'unit',
		entityId: unit.code,
		unitId: unit.id,
		before: { parent: unit.parentCode, path: unit.path, level: unit.level },
		after: { parent: parent.code, path: moved.path, level: moved.level, ...(on ? { on } : {}) }
	};
}

/** Retired on a date; merged into a successor when one is given. */
export async function retireUnitOn(
	trx: Db,
	by: ChangedBy,
	unit: { id: number; code: string },
	date: string,
	successor?: { id: number; code: string }
): Promise<AuditEntry> {
	await updateUnitRow(trx, unit.id, {
		status: 'retired',
		retired_on: date,
		...(successor ? { merged_into_id: successor.id } : {})
	});
	await recordVersions(trx, [unit.id], date);
	if (successor) {
		await trx
			.insertInto('unit_links')
			.values({ predecessor_id: unit.id, successor_id: successor.id, effective_on: date })
			.onConflict((conflict) => conflict.columns(['predecessor_id', 'successor_id']).doNothing())
			.execute();
	}
	return {
		...by,
		action: 'unit.retire',
		entityType: 'unit',
		entityId: unit.code,
		unitId: unit.id,
		before: { status: 'active' },
		after: {
			status: 'retired',
			retired_on: date,
			...(successor ? { merged_into: successor.code } : {})
		}
	};
}
