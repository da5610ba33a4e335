// Reporting areas as a province administrator manages them: create a set valid from a day, import
// its areas and members from a CSV file (previewed, then all or nothing), read a set, and move a
// member to another area (where a split unit goes). Every write is audited in its transaction.
import { parseDateInput } from '../../domain/date-input';
import type { Kysely } from 'kysely';
import {
	AREA_SET_CODE_PATTERN,
	areaImportIsClean,
	newAreasOf,
	parseAreaImport,
	validateAreaRows,
	type AreaFileProblem,
	type AreaImportRow
} from '../../domain/area-import';
import { pathInScope } from '../../domain/authorization';
import { writeAudit, writeAuditEntries } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { InvalidInput, NotFound, Refusal, UnreadableFile } from '../failure';
import { findActiveUnits, findUnitByCode } from '../units/repository';
import {
	findAreaSetByCode,
	insertAreaMembers,
	insertAreaSet,
	insertAreas,
	listAreaMembers,
	listAreaSets,
	listAreasOfSet,
	moveAreaMember
} from './repository';

type Db = Kysely<Database>;

export interface AreaSetInput {
	code: string;
	nameVi: string;
	nameEn: string;
	/** As typed: dd/mm/yyyy (or yyyy-mm-dd). */
	validFrom: string;
}

/** What is wrong with a new set's fields, each beside its field. */
function areaSetProblems(input: AreaSetInput) {
	const errors: Record<string, string> = {};
	if (!AREA_SET_CODE_PATTERN.test(input.code)) errors.code = 'code_invalid';
	if (!input.nameVi.trim()) errors.name_vi = 'required';
	if (!input.nameEn.trim()) errors.name_en = 'required';
	if (!parseDateInput(input.validFrom)) errors.valid_from = 'date_invalid';
	return errors;
}

/** Creates a set; its code must be new. Returns the code. */
export async function createAreaSet(db: Db, actor: AdminActor, input: AreaSetInput) {
	const errors = areaSetProblems(input);
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	const values = {
		code: input.code,
		name_vi: input.nameVi.trim(),
		name_en: input.nameEn.trim(),
		valid_from: parseDateInput(input.validFrom)!
	};
	return db.transaction().execute(async (trx) => {
		if (await findAreaSetByCode(trx, values.code)) throw new InvalidInput({ code: 'code_taken' });
		const id = await insertAreaSet(trx, values);
		await writeAudit(trx, {
			actor,
			action: 'area_set.create',
			entityType: 'area_set',
			entityId: values.code,
			after: values,
			ip: actor.ip
		});
		return { id, code: values.code };
	});
}

/** Every set with its counts, for the list. */
export function listSets(db: Db) {
	return listAreaSets(db);
}

async function setByCode(db: Db, code: string) {
	const set = await findAreaSetByCode(db, code);
	if (!set) throw new NotFound('Area set not found');
	return set;
}

/** A set with its areas (member counts) and every member. */
export async function loadAreaSet(db: Db, code: string) {
	const set = await setByCode(db, code);
	const [areas, members] = await Promise.all([
		listAreasOfSet(db, set.id),
		listAreaMembers(db, set.id)
	]);
	return { set, areas, members };
}

/** Rows with a problem, or an import that met one since its check: the rows as they stand (400). */
export class AreaRowsRefused extends Refusal<{ rows: AreaImportRow[]; clean: boolean }> {
	constructor(rows: AreaImportRow[]) {
		super(400, { rows, clean: areaImportIsClean(rows) }, 'The import has rows in error');
	}
}

/** Every row of the file with its problems, against the set as it stands. */
async function judge(db: Db, actor: AdminActor, setId: number, text: string) {
	const parsed = parseAreaImport(text);
	if (!parsed.ok) throw new UnreadableFile<AreaFileProblem>(parsed.problem, parsed.missing);
	const [units, areas, members] = await Promise.all([
		findActiveUnits(
			db,
			parsed.rows.map((row) => row.unitCode)
		),
		listAreasOfSet(db, setId),
		listAreaMembers(db, setId)
	]);
	return validateAreaRows(parsed.rows, {
		units,
		scopePath: actor.scopePath,
		areas: new Map(areas.map((area) => [area.code, { name: area.name }])),
		members: new Set(members.map((member) => member.unit_id))
	});
}

/** What importing the file would do: new areas and members; refused with its rows when it cannot. */
export async function previewAreaImport(db: Db, actor: AdminActor, setCode: string, text: string) {
	const set = await setByCode(db, setCode);
	const rows = await judge(db, actor, set.id, text);
	if (!areaImportIsClean(rows)) throw new AreaRowsRefused(rows);
	const existing = new Set((await listAreasOfSet(db, set.id)).map((area) => area.code));
	return {
		rows,
		clean: true as const,
		newAreas: newAreasOf(rows, existing).length,
		members: rows.filter((row) => row.unitCode).length
	};
}

/** Imports the file in one transaction: its new areas, then every member. */
export async function importAreas(db: Db, actor: AdminActor, setCode: string, text: string) {
	const set = await setByCode(db, setCode);
	return db.transaction().execute(async (trx) => {
		// Checked again inside the transaction, the set's rows held: all or nothing.
		await trx.selectFrom('area_sets').select('id').where('id', '=', set.id).forUpdate().execute();
		const rows = await judge(trx, actor, set.id, text);
		if (!areaImportIsClean(rows)) throw new AreaRowsRefused(rows);
		const areas = await listAreasOfSet(trx, set.id);
		const created = await insertAreas(
			trx,
			set.id,
			newAreasOf(rows, new Set(areas.map((area) => area.code)))
		);
		const areaId = new Map([...areas, ...created].map((area) => [area.code, area.id]));
		const units = await findActiveUnits(
			trx,
			rows.map((row) => row.unitCode),
			{ lock: true }
		);
		const members = rows
			.filter((row) => row.unitCode)
			.map((row) => ({ areaId: areaId.get(row.areaCode)!, unitId: units.get(row.unitCode)!.id }));
		await insertAreaMembers(trx, set.id, members);
		await writeAuditEntries(trx, [
			{
				actor,
				action: 'area_set.import',
				entityType: 'area_set',
				entityId: set.code,
				after: { areas: created.length, members: members.length },
				ip: actor.ip
			},
			...created.map((area) => ({
				actor,
				action: 'area.create',
				entityType: 'area',
				entityId: `${set.code}/${area.code}`,
				after: {
					name: area.name,
					map_codes: area.map_codes,
					units: rows.filter((row) => row.areaCode === area.code && row.unitCode).length
				},
				ip: actor.ip
			}))
		]);
		return { areas: created.length, members: members.length };
	});
}

/** Puts a unit (by its current code) into another area of the set. */
export async function moveMember(
	db: Db,
	actor: AdminActor,
	setCode: string,
	input: { unitCode: string; areaCode: string }
) {
	const set = await setByCode(db, setCode);
	const areas = await listAreasOfSet(db, set.id);
	const area = areas.find((candidate) => candidate.code === input.areaCode);
	const unit = await findUnitByCode(db, input.unitCode.trim());
	const errors: Record<string, string> = {};
	if (!unit || unit.status !== 'active') errors.unit = 'unit_unknown';
	else if (!pathInScope(unit.path, actor.scopePath)) errors.unit = 'unit_out_of_scope';
	if (!area) errors.area = 'area_unknown';
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	return db.transaction().execute(async (trx) => {
		const left = await moveAreaMember(trx, set.id, unit!.id, area!.id);
		const from = areas.find((candidate) => candidate.id === left)?.code ?? null;
		if (from !== area!.code)
			await writeAudit(trx, {
				actor,
				action: 'area.member_move',
				entityType: 'area_set',
				entityId: set.code,
				unitId: unit!.id,
				before: { unit: unit!.code, area: from },
				after: { unit: unit!.code, area: area!.code },
				ip: actor.ip
			});
		return { unit: unit!.name, from, to: area!.code };
	});
}
