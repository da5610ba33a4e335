// The units CSV import: a preview of what each row would do, then all of it in one transaction,
// or nothing when any row is in error. Idempotent by code: a second import changes nothing.
import { sql, type Kysely } from 'kysely';
import {
	parseUnitCsv,
	planFingerprint,
	planUnitImport,
	writeOrder,
	type ImportFileProblem,
	type ImportPlan,
	type PlannedRow,
	type StoredUnit
} from '../../../domain/unit-import';
import { writeAuditEntries, type AuditEntry } from '../../audit/repository';
import type { Database, UnitKind } from '../../db/schema';
import type { AdminActor } from '../../auth/guards';
import { moveSubtree } from './repository';

type Db = Kysely<Database>;

export type ImportResult =
	{ ok: false; problem: ImportFileProblem; missing?: string[] } | { ok: true; plan: ImportPlan };

/** The stored units the file names, as codes or parent codes. */
async function loadStored(db: Db, codes: string[]): Promise<Map<string, StoredUnit>> {
	if (codes.length === 0) return new Map();
	const rows = await db
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
		.execute();
	return new Map(
		rows.map((row) => [
			row.code,
			{
				code: row.code,
				name: row.name,
				typeVi: row.type_vi,
				kind: row.kind,
				parentCode: row.parent_code,
				level: row.level,
				path: row.path,
				status: row.status
			}
		])
	);
}

async function plan(db: Db, actor: AdminActor, text: string): Promise<ImportResult> {
	const parsed = parseUnitCsv(text);
	if (!parsed.ok) return parsed;
	const codes = new Set<string>();
	for (const row of parsed.rows) {
		codes.add(row.code);
		if (row.parentCode) codes.add(row.parentCode);
	}
	const stored = await loadStored(db, [...codes]);
	return { ok: true, plan: planUnitImport(parsed.rows, stored, actor.scopePath) };
}

/** What importing the file would do, row by row; writes nothing. */
export function previewUnitImport(db: Db, actor: AdminActor, text: string) {
	return plan(db, actor, text);
}

export type ApplyResult =
	| ImportResult
	| { ok: true; plan: ImportPlan; applied: true; created: number; updated: number }
	| { ok: true; plan: ImportPlan; stale: true };

/** Writes the whole file, or nothing when the plan (made again, inside the transaction) has an
 * error. */
export async function applyUnitImport(
	db: Db,
	actor: AdminActor,
	text: string,
	/** The preview's `planFingerprint`: when the plan differs now, nothing is written. */
	previewed?: string
): Promise<ApplyResult> {
	return db.transaction().execute(async (trx) => {
		// One import or tree edit at a time: the plan stays true while it is written.
		await sql`LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
		const result = await plan(trx, actor, text);
		if (!result.ok || result.plan.counts.error > 0) return result;
		if (previewed !== undefined && planFingerprint(result.plan) !== previewed) {
			return { ok: true as const, plan: result.plan, stale: true as const };
		}
		const rows = writeOrder(
			result.plan.rows.filter((row) => row.status === 'new' || row.status === 'changed')
		);
		// The same file again: nothing to write, nothing to audit.
		if (rows.length === 0) {
			return {
				ok: true as const,
				plan: result.plan,
				applied: true as const,
				created: 0,
				updated: 0
			};
		}
		const audit: AuditEntry[] = [];
		const base = { actor, entityType: 'unit', ip: actor.ip } as const;
		const cache = new Map<string, { id: number; path: string; level: number; code: string }>();
		const unitOf = async (code: string) => {
			const known = cache.get(code);
			if (known) return known;
			const unit = await trx
				.selectFrom('units')
				.select(['id', 'path', 'level', 'code'])
				.where('code', '=', code)
				.executeTakeFirstOrThrow();
			cache.set(code, unit);
			return unit;
		};
		// New rows a level at a time in one statement each; their parents are written before them.
		const levels = [...new Set(rows.map((row) => Number(row.level)))];
		for (const level of levels) {
			const atLevel = rows.filter((row) => Number(row.level) === level);
			const inserts = [];
			for (const row of atLevel.filter((row) => row.status === 'new')) {
				const parent = row.parentCode ? await unitOf(row.parentCode) : null;
				inserts.push({
					code: row.code,
					name: row.name,
					type_vi: row.typeVi,
					kind: row.kind as UnitKind,
					parent_id: parent?.id ?? null,
					level: parent ? parent.level + 1 : 1,
					path: `${parent?.path ?? '/'}${row.code}/`
				});
			}
			if (inserts.length > 0) {
				const inserted = await trx
					.insertInto('units')
					.values(inserts)
					.returning(['id', 'code', 'path', 'level'])
					.execute();
				for (const unit of inserted) {
					cache.set(unit.code, unit);
					const row = inserts.find((insert) => insert.code === unit.code)!;
					audit.push({
						...base,
						action: 'unit.create',
						entityId: unit.code,
						unitId: unit.id,
						after: {
							code: row.code,
							name: row.name,
							type_vi: row.type_vi,
							kind: row.kind,
							parent: atLevel.find((line) => line.code === unit.code)?.parentCode || null
						}
					});
				}
			}
			for (const row of atLevel) {
				if (row.status === 'changed') await applyChange(trx, row, unitOf, cache, audit, base);
			}
		}
		audit.push({
			...base,
			action: 'unit.import',
			entityType: 'unit_import',
			entityId: new Date().toISOString(),
			after: result.plan.counts
		});
		await writeAuditEntries(trx, audit);
		return {
			ok: true as const,
			plan: result.plan,
			applied: true as const,
			created: result.plan.counts.new,
			updated: result.plan.counts.changed
		};
	});
}

async function applyChange(
	trx: Db,
	row: Extract<PlannedRow, { status: 'changed' }>,
	unitOf: (code: string) => Promise<{ id: number; path: string; level: number; code: string }>,
	cache: Map<string, unknown>,
	audit: AuditEntry[],
	base: { actor: AdminActor; entityType: 'unit'; ip: string | null }
) {
	const unit = await unitOf(row.code);
	const fields = row.changes.filter((change) => ['name', 'typeVi', 'kind'].includes(change.field));
	if (fields.length > 0) {
		await trx
			.updateTable('units')
			.set({
				name: row.name,
				type_vi: row.typeVi,
				kind: row.kind as UnitKind,
				updated_at: sql`now()`
			})
			.where('id', '=', unit.id)
			.execute();
		const column = (field: string) => (field === 'typeVi' ? 'type_vi' : field);
		audit.push({
			...base,
			action: 'unit.update',
			entityId: row.code,
			unitId: unit.id,
			before: Object.fromEntries(fields.map((change) => [column(change.field), change.from])),
			after: Object.fromEntries(fields.map((change) => [column(change.field), change.to]))
		});
	}
	const parentChange = row.changes.find((change) => change.field === 'parentCode');
	// The plan never moves a unit to the top (outside every scope).
	if (parentChange && row.parentCode !== '') {
		const parent = await unitOf(row.parentCode);
		const moved = await moveSubtree(trx, unit, parent);
		// Paths under the moved unit changed: read them again when needed.
		cache.clear();
		audit.push({
			...base,
			action: 'unit.move',
			entityId: row.code,
			unitId: unit.id,
			before: { parent: parentChange.from, path: unit.path, level: unit.level },
			after: { parent: row.parentCode, path: moved.path, level: moved.level }
		});
	}
}
