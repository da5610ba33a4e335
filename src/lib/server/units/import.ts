// The units CSV import: a preview of what each row would do, then all of it in one transaction,
// or nothing when any row is in error. Idempotent by code: a second import changes nothing.
import type { Kysely } from 'kysely';
import {
	parseUnitCsv,
	planFingerprint,
	planUnitImport,
	writeOrder,
	type ImportField,
	type ImportFileProblem,
	type ImportPlan,
	type PlannedRow,
	type StoredUnit
} from '../../domain/unit-import';
import type { UnitKind } from '../../domain/vocabulary';
import { writeAuditEntries, type AuditEntry } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { Refusal, UnreadableFile } from '../failure';
import { moveUnitUnder, renameUnit, type ChangedBy } from './changes';
import {
	findUnitPlacement,
	listUnitsWithParents,
	lockUnitTree,
	type NewUnitRow
} from './repository';
import { changedBy } from './service';
import { insertUnitsWithVersions } from './structure';

type Db = Kysely<Database>;

/** A plan with a row in error: nothing is written, the plan is shown again (400). */
export class ImportHasErrors extends Refusal<{ plan: ImportPlan }> {
	constructor(plan: ImportPlan) {
		super(400, { plan }, 'The import has rows in error');
	}
}

/** The units changed since the preview: nothing is written, the new plan is shown (409). */
export class ImportChanged extends Refusal<{ plan: ImportPlan; fingerprint: string; stale: true }> {
	constructor(plan: ImportPlan) {
		super(409, { plan, fingerprint: planFingerprint(plan), stale: true }, 'Changed since preview');
	}
}

/** The stored units the file names, as codes or parent codes. */
async function loadStored(db: Db, codes: string[]): Promise<Map<string, StoredUnit>> {
	const rows = await listUnitsWithParents(db, codes);
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

/** The plan of a readable file; an unreadable one is refused. */
async function plan(db: Db, actor: AdminActor, text: string): Promise<ImportPlan> {
	const parsed = parseUnitCsv(text);
	if (!parsed.ok) throw new UnreadableFile<ImportFileProblem>(parsed.problem, parsed.missing);
	const codes = new Set<string>();
	for (const row of parsed.rows) {
		codes.add(row.code);
		if (row.parentCode) codes.add(row.parentCode);
	}
	const stored = await loadStored(db, [...codes]);
	return planUnitImport(parsed.rows, stored, actor.scopePath);
}

/** What importing the file would do, row by row, and its fingerprint; writes nothing. */
export async function previewUnitImport(db: Db, actor: AdminActor, text: string) {
	const planned = await plan(db, actor, text);
	return { plan: planned, fingerprint: planFingerprint(planned) };
}

type Placed = { id: number; path: string; level: number; code: string };

/**
 * Writes the whole file, or nothing when the plan (made again, inside the transaction) has an
 * error (ImportHasErrors) or differs from the previewed one (ImportChanged).
 */
export async function applyUnitImport(
	db: Db,
	actor: AdminActor,
	text: string,
	/** The preview's `planFingerprint`: when the plan differs now, nothing is written. */
	previewed?: string
): Promise<{ plan: ImportPlan; created: number; updated: number }> {
	return db.transaction().execute(async (trx) => {
		// One import or tree edit at a time: the plan stays true while it is written.
		await lockUnitTree(trx);
		const planned = await plan(trx, actor, text);
		if (planned.counts.error > 0) throw new ImportHasErrors(planned);
		if (previewed !== undefined && planFingerprint(planned) !== previewed) {
			throw new ImportChanged(planned);
		}
		const rows = writeOrder(
			planned.rows.filter((row) => row.status === 'new' || row.status === 'changed')
		);
		// The same file again: nothing to write, nothing to audit.
		if (rows.length === 0) return { plan: planned, created: 0, updated: 0 };
		const audit: AuditEntry[] = [];
		const by = changedBy(actor);
		const cache = new Map<string, Placed>();
		const unitOf = async (code: string) => {
			const known = cache.get(code);
			if (known) return known;
			const unit = await findUnitPlacement(trx, code);
			cache.set(code, unit);
			return unit;
		};
		// New rows a level at a time in one statement each; their parents are written before them.
		const levels = [...new Set(rows.map((row) => Number(row.level)))];
		for (const level of levels) {
			const atLevel = rows.filter((row) => Number(row.level) === level);
			const inserts: NewUnitRow[] = [];
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
				for (const unit of await insertUnitsWithVersions(trx, inserts)) {
					cache.set(unit.code, unit);
					const row = inserts.find((insert) => insert.code === unit.code)!;
					audit.push({
						...by,
						action: 'unit.create',
						entityType: 'unit',
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
				if (row.status === 'changed') await applyChange(trx, by, row, unitOf, cache, audit);
			}
		}
		audit.push({
			...by,
			action: 'unit.import',
			entityType: 'unit_import',
			entityId: new Date().toISOString(),
			after: planned.counts
		});
		await writeAuditEntries(trx, audit);
		return { plan: planned, created: planned.counts.new, updated: planned.counts.changed };
	});
}

async function applyChange(
	trx: Db,
	by: ChangedBy,
	row: Extract<PlannedRow, { status: 'changed' }>,
	unitOf: (code: string) => Promise<Placed>,
	cache: Map<string, unknown>,
	audit: AuditEntry[]
) {
	const unit = await unitOf(row.code);
	const stored = (field: ImportField, now: string) =>
		row.changes.find((change) => change.field === field)?.from ?? now;
	const renamed = await renameUnit(
		trx,
		by,
		unit,
		{
			name: stored('name', row.name),
			type_vi: stored('typeVi', row.typeVi),
			kind: stored('kind', row.kind)
		},
		{ name: row.name, type_vi: row.typeVi, kind: row.kind },
		null
	);
	if (renamed) audit.push(renamed);
	const parentChange = row.changes.find((change) => change.field === 'parentCode');
	// The plan never moves a unit to the top (outside every scope).
	if (parentChange && row.parentCode !== '') {
		const parent = await unitOf(row.parentCode);
		const placed = { ...unit, parentCode: parentChange.from };
		audit.push(await moveUnitUnder(trx, by, placed, parent, null));
		// Paths under the moved unit changed: read them again when needed.
		cache.clear();
	}
}
