// The structure as of a date. `units` holds each unit's latest state; `unit_versions` holds every
// state with the days it was in force, [valid_from, valid_to). Every change to a unit's place,
// name, type, kind or existence goes through `recordVersions` with the day it takes effect, so the
// tree of any day can be read back, and a period counts the versions in force on its last day.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dayBefore } from '../../domain/lineage';
import { isIsoDate } from '../../domain/periods';
import type { Database } from '../db/schema';
import { insertUnits, subtreePattern, type NewUnitRow } from './repository';

type Db = Kysely<Database>;

/** Before every dated change: a unit that has always existed has versions from here. */
export const ALWAYS = '-infinity';

/** Whether the version `alias` (a unit_versions row) was in force on the day `on`. */
export function inForceOn(alias: string, on: RawBuilder<unknown> | string): RawBuilder<boolean> {
	const day = typeof on === 'string' ? sql`${on}::date` : on;
	return sql<boolean>`(${sql.ref(`${alias}.valid_from`)} <= ${day}
		AND ${day} < ${sql.ref(`${alias}.valid_to`)})`;
}

/** Thrown when a change dated `on` would come before a change the unit already has after it. */
export class LaterChangeExists extends Error {
	constructor(
		readonly codes: string[],
		readonly on: string
	) {
		super(`Units ${codes.join(', ')} have changes after ${on}`);
	}
}

/** Whether any of the units has a version beginning after the day `on`. */
export async function changedAfter(trx: Db, unitIds: readonly number[], on: string) {
	if (unitIds.length === 0) return false;
	const later = await trx
		.selectFrom('unit_versions')
		.select('unit_id')
		.where('unit_id', 'in', [...unitIds])
		.where('valid_from', '>', on)
		.limit(1)
		.executeTakeFirst();
	return later !== undefined;
}

/**
 * Records the units' current rows as their state from the day `on`: the version in force then is
 * closed that day (replaced when it began that day too), and a unit still existing on `on` gets a
 * version from then until its retirement. A retired unit only has its last version closed. A
 * change dated before one the unit already has is refused: history is written in order.
 */
export async function recordVersions(trx: Db, unitIds: readonly number[], on: string) {
	const ids = [...new Set(unitIds)];
	if (ids.length === 0) return;
	const later = await trx
		.selectFrom('unit_versions')
		.select('code')
		.where('unit_id', 'in', ids)
		.where('valid_from', '>', on)
		.execute();
	if (later.length > 0) throw new LaterChangeExists([...new Set(later.map((v) => v.code))], on);
	await trx
		.deleteFrom('unit_versions')
		.where('unit_id', 'in', ids)
		.where('valid_from', '=', on)
		.execute();
	await trx
		.updateTable('unit_versions')
		.set({ valid_to: on })
		.where('unit_id', 'in', ids)
		.where('valid_to', '>', on)
		.execute();
	await sql`
		INSERT INTO unit_versions (unit_id, valid_from, valid_to, code, name, type_vi, kind,
			parent_id, level, path)
		SELECT id, ${on}::date, coalesce(retired_on, 'infinity'), code, name, type_vi, kind,
			parent_id, level, path
		FROM units
		WHERE id = ANY (${ids}::int[]) AND (retired_on IS NULL OR retired_on > ${on}::date)
	`.execute(trx);
}

/**
 * Writes the units' current rows over their latest versions: a correction (a misspelt name, a unit
 * filed under the wrong parent) that was always true, as the administration's forms and the units
 * CSV make. A change that takes effect on a day goes through `recordVersions`.
 */
export async function correctVersions(trx: Db, unitIds: readonly number[]) {
	if (unitIds.length === 0) return;
	await sql`
		UPDATE unit_versions v
		SET code = u.code, name = u.name, type_vi = u.type_vi, kind = u.kind,
			parent_id = u.parent_id, level = u.level, path = u.path
		FROM units u
		WHERE v.unit_id = u.id AND u.id = ANY (${[...new Set(unitIds)]}::int[])
			AND v.valid_to = coalesce(u.retired_on, 'infinity')
	`.execute(trx);
}

/** Records a change from the day `on`, or as a correction of the latest versions when null. */
export function recordChange(trx: Db, unitIds: readonly number[], on: string | null) {
	return on === null ? correctVersions(trx, unitIds) : recordVersions(trx, unitIds, on);
}

/** The ids of a unit and everything under it now: what a move re-records. */
export async function subtreeIds(trx: Db, path: string): Promise<number[]> {
	const rows = await trx
		.selectFrom('units')
		.select('id')
		.where('path', 'like', subtreePattern(path))
		.where('status', '=', 'active')
		.execute();
	return rows.map((row) => row.id);
}

/**
 * A unit's address segment: its code, or `code@yyyy-mm-dd` for the unit that held the code on that
 * day. The registry reuses codes (16681 was Phường Quang Trung until 30/06/2025 and is Phường Thành
 * Vinh since), so a code alone names the unit holding it on the day in question.
 */
export interface UnitRef {
	code: string;
	on: string | null;
}

export function parseUnitRef(segment: string): UnitRef | null {
	const [code, on, ...rest] = segment.split('@');
	if (!code || rest.length > 0) return null;
	if (on !== undefined && !isIsoDate(on)) return null;
	return { code, on: on ?? null };
}

/** The address segment of a unit that no longer holds its code: its code on its last day. */
export function unitRefSegment(unit: { code: string; status: string; retired_on: string | null }) {
	if (unit.status === 'active' || !unit.retired_on) return unit.code;
	return `${unit.code}@${dayBefore(unit.retired_on)}`;
}

/**
 * The id of the unit a code names on a day: the one whose version in force that day has the code.
 * With no day, or none holding it that day: the current holder, else the latest one to hold it.
 */
export async function resolveUnitCode(
	db: Db,
	code: string,
	on: string | null
): Promise<number | undefined> {
	if (on) {
		const held = await db
			.selectFrom('unit_versions as v')
			.select('v.unit_id')
			.where('v.code', '=', code)
			.where(inForceOn('v', on))
			.executeTakeFirst();
		if (held) return held.unit_id;
	}
	const latest = await db
		.selectFrom('units')
		.select('id')
		.where('code', '=', code)
		.orderBy(sql`status = 'active' DESC, retired_on DESC NULLS FIRST, id DESC`)
		.executeTakeFirst();
	return latest?.id;
}

/** Inserts units with their first version, from their establishment (or always). A code an active
 * unit holds is skipped (not returned). */
export async function insertUnitsWithVersions(trx: Db, rows: readonly NewUnitRow[]) {
	const inserted = await insertUnits(trx, rows);
	const byDay = new Map<string, number[]>();
	for (const unit of inserted) {
		const day = unit.established_on ?? ALWAYS;
		byDay.set(day, [...(byDay.get(day) ?? []), unit.id]);
	}
	for (const [day, ids] of byDay) await recordVersions(trx, ids, day);
	return inserted;
}
