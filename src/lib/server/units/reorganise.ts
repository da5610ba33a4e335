// Applying a reorganisation file on a date (issue 14): the preview says what it does row by row,
// and applying writes all of it in one transaction or nothing, through the same unit changes as
// every other write (./changes.ts, ./structure.ts), audited as one reorganisation with its rows.
// The same file on the same date again is recognised (sha256 + date) and changes nothing.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { mayAdministerCampaigns } from '../../domain/authorization';
import {
	dayBefore,
	displayDate,
	effectiveDateProblem,
	parentsFirst,
	parseReorganisationFile,
	planIsReady,
	planReorganisation,
	withCounts,
	type ReorganisationCounts,
	type ReorganisationFileProblem,
	type ReorganisationPlan,
	type SnapshotUnit
} from '../../domain/reorganisation';
import type { UnitKind } from '../../domain/vocabulary';
import { writeAuditEntries, type AuditEntry } from '../audit/repository';
import { listOpenAssessmentsFrom, supersedeOpenAssessments } from '../assessments/supersede';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { Forbidden, InvalidInput, Refusal, UnreadableFile } from '../failure';
import { moveUsersToUnit } from '../users/repository';
import { moveUnitUnder, renameUnit, retireUnitOn, type ChangedBy } from './changes';
import {
	findAppliedReorganisation,
	findAreaIdByRef,
	insertLinks,
	insertReorganisation,
	loadActiveCodes,
	loadPlanPeople,
	loadSnapshot,
	setUserScope
} from './reorganise-repository';
import { findUnitPlacement, lockUnitTree } from './repository';
import { changedBy } from './service';
import { insertUnitsWithVersions } from './structure';

type Db = Kysely<Database>;

export interface ReorganisationInput {
	fileName: string;
	text: string;
	/** yyyy-mm-dd: the first day of the new structure. */
	effectiveOn: string;
	/** Scopes for users whose unit disappears with no single successor: username → unit (+ area). */
	scopes?: Record<string, { unitCode: string; areaCode?: string /* 'SET/AREA' */ }>;
}

export type { ReorganisationPlan };

/** A plan with refusals or users still without a scope: nothing is written (400). */
export class ReorganisationRefused extends Refusal<{ plan: ReorganisationPlan }> {
	constructor(plan: ReorganisationPlan) {
		super(400, { plan }, 'The reorganisation is refused');
	}
}

/**
 * The SHA-256 of the file's content: with the date, what recognises a file applied before. Line
 * ends and a byte-order mark are left out, since a browser sends a file kept in a form field back
 * with CRLF line ends: the same file read from disk or posted again has the same digest.
 */
export function fileDigest(text: string): string {
	const content = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** Checks the actor and the date, and reads the file; refuses what cannot be planned at all. */
function readInput(actor: AdminActor, input: ReorganisationInput) {
	if (!mayAdministerCampaigns(actor)) throw new Forbidden();
	const dateProblem = effectiveDateProblem(input.effectiveOn);
	if (dateProblem) throw new InvalidInput({ effectiveOn: dateProblem });
	const parsed = parseReorganisationFile(input.text);
	if (!parsed.ok)
		throw new UnreadableFile<ReorganisationFileProblem>(parsed.problem, parsed.missing);
	return parsed;
}

/** The plan against the database as it is (or the note that this file was applied already). */
async function plan(db: Db, actor: AdminActor, input: ReorganisationInput) {
	const parsed = readInput(actor, input);
	const sha256 = fileDigest(input.text);
	const file = { fileName: input.fileName, sha256 };
	const applied = await findAppliedReorganisation(db, sha256, input.effectiveOn);
	const units = await loadSnapshot(db, dayBefore(input.effectiveOn), input.effectiveOn);
	const context = {
		effectiveOn: input.effectiveOn,
		units,
		activeCodes: await loadActiveCodes(db),
		scopePath: actor.scopePath,
		scopes: input.scopes ?? {},
		...(await loadPlanPeople(db))
	};
	if (applied) {
		const empty = planReorganisation({ ...parsed, rows: [] } as typeof parsed, context, file);
		empty.applied = {
			id: applied.id,
			appliedAt: applied.applied_at.toISOString(),
			counts: applied.summary as Partial<ReorganisationCounts>
		};
		return { plan: empty, units };
	}
	const planned = planReorganisation(parsed, context, file);
	const gone = disappearingIds(planned, units);
	planned.assessments = await listOpenAssessmentsFrom(db, gone, input.effectiveOn);
	return { plan: withCounts(planned), units };
}

/** The ids of the units that stop on the date: merged, split, retired, emptied. */
function disappearingIds(plan: ReorganisationPlan, units: readonly SnapshotUnit[]): number[] {
	const codes = new Set(
		[...plan.merged, ...plan.split, ...plan.retired, ...plan.emptied].map((unit) => unit.code)
	);
	return units.filter((unit) => codes.has(unit.code)).map((unit) => unit.id);
}

/** What applying the file would do, row by row with counts; writes nothing. */
export async function previewReorganisation(
	db: Db,
	actor: AdminActor,
	input: ReorganisationInput
): Promise<ReorganisationPlan> {
	return (await plan(db, actor, input)).plan;
}

/**
 * Applies the file on its date in one transaction: everything the preview lists, or nothing when
 * a row is refused or a user still needs a scope (ReorganisationRefused). The same file on the
 * same date again changes nothing and says so (`alreadyApplied`).
 */
export async function applyReorganisation(
	db: Db,
	actor: AdminActor,
	input: ReorganisationInput
): Promise<{ id: number; alreadyApplied: boolean; plan: ReorganisationPlan }> {
	readInput(actor, input);
	return db.transaction().execute(async (trx) => {
		await lockUnitTree(trx);
		const { plan: planned, units } = await plan(trx, actor, input);
		if (planned.applied) return { id: planned.applied.id, alreadyApplied: true, plan: planned };
		if (!planIsReady(planned)) throw new ReorganisationRefused(planned);
		const id = await writePlan(trx, actor, planned, units);
		return { id, alreadyApplied: false, plan: planned };
	});
}

type Placed = { id: number; code: string; path: string; level: number };

/** Writes a checked plan; returns the reorganisation's id. */
async function writePlan(
	trx: Db,
	actor: AdminActor,
	plan: ReorganisationPlan,
	units: readonly SnapshotUnit[]
): Promise<number> {
	const on = plan.effectiveOn;
	const old = new Map(units.map((unit) => [unit.code, unit]));
	const idOf = (code: string) => old.get(code)!.id;
	const placement = (code: string): Promise<Placed> => findUnitPlacement(trx, code);
	const id = await insertReorganisation(trx, {
		effectiveOn: on,
		format: plan.format,
		fileName: plan.fileName,
		sha256: plan.sha256,
		counts: plan.counts,
		appliedBy: actor.id
	});
	const by: ChangedBy = changedBy(
		actor,
		`reorganisation #${id} (${plan.fileName}, ${displayDate(on)})`
	);
	const audit: AuditEntry[] = [];
	const push = (entry: AuditEntry | null) => entry && audit.push(entry);

	for (const unit of plan.renamed) {
		const naming = (n: typeof unit.before) => ({ name: n.name, type_vi: n.typeVi, kind: n.kind });
		const target = { id: idOf(unit.code), code: unit.code };
		push(await renameUnit(trx, by, target, naming(unit.before), naming(unit.after), on));
	}
	// A unit the file places under one of its new units moves once that unit exists.
	const newCodes = new Set(plan.created.map((unit) => unit.code));
	const move = async (units: ReorganisationPlan['moved']) => {
		for (const unit of units) {
			const placed = {
				...(await placement(unit.code)),
				parentCode: unit.parentBefore?.code ?? null
			};
			push(await moveUnitUnder(trx, by, placed, await placement(unit.parentAfter.code), on));
		}
	};
	await move(plan.moved.filter((unit) => !newCodes.has(unit.parentAfter.code)));
	// Old units stop before the new ones take their codes (a code names one active unit).
	const leaving = [...plan.merged, ...plan.split, ...plan.retired];
	const retirements = new Map<string, AuditEntry>();
	for (const unit of leaving) {
		const entry = await retireUnitOn(trx, by, { id: idOf(unit.code), code: unit.code }, on);
		retirements.set(unit.code, entry);
		audit.push(entry);
	}
	const createdIds = await createUnits(trx, by, plan, on, audit);
	await move(plan.moved.filter((unit) => newCodes.has(unit.parentAfter.code)));
	await insertLinks(
		trx,
		plan.created.flatMap((unit) =>
			unit.from.map((from) => ({
				predecessorId: idOf(from.code),
				successorId: createdIds.get(unit.code)!,
				part: from.part
			}))
		),
		on,
		id
	);
	for (const unit of plan.merged) {
		const entry = retirements.get(unit.code)!;
		entry.after = { ...(entry.after as object), merged_into: unit.into.code };
	}
	for (const unit of plan.hanging) {
		const placed = { ...(await placement(unit.code)), parentCode: unit.from.code };
		push(await moveUnitUnder(trx, by, placed, await placement(unit.to.code), on));
	}
	for (const unit of plan.emptied) {
		audit.push(await retireUnitOn(trx, by, { id: idOf(unit.code), code: unit.code }, on));
	}
	audit.push(...(await moveUsers(trx, by, plan, idOf, createdIds)));
	const gone = disappearingIds(plan, units);
	const reason = `Sắp xếp đơn vị từ ${displayDate(on)} (${plan.fileName})`;
	audit.push(...(await supersedeOpenAssessments(trx, by, gone, on, reason)));
	audit.push({
		...changedBy(actor),
		action: 'unit.reorganise',
		entityType: 'reorganisation',
		entityId: id,
		after: { file_name: plan.fileName, effective_on: on, format: plan.format, ...plan.counts }
	});
	await writeAuditEntries(trx, audit);
	return id;
}

/** The new units under their parents, from the date; their ids by code. */
async function createUnits(
	trx: Db,
	by: ChangedBy,
	plan: ReorganisationPlan,
	on: string,
	audit: AuditEntry[]
): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	const parents = new Map<string, Placed>();
	for (const unit of parentsFirst(plan.created)) {
		const parent = parents.get(unit.parentCode) ?? (await findUnitPlacement(trx, unit.parentCode));
		parents.set(unit.parentCode, parent);
		const [inserted] = await insertUnitsWithVersions(trx, [
			{
				code: unit.code,
				name: unit.name,
				type_vi: unit.typeVi,
				kind: unit.kind as UnitKind,
				parent_id: parent.id,
				level: parent.level + 1,
				path: `${parent.path}${unit.code}/`,
				established_on: on
			}
		]);
		// The plan checked the code was free or held by a predecessor now retired.
		if (!inserted) throw new Error(`Code ${unit.code} is held by an active unit`);
		ids.set(unit.code, inserted.id);
		audit.push({
			...by,
			action: 'unit.create',
			entityType: 'unit',
			entityId: unit.code,
			unitId: inserted.id,
			after: {
				code: unit.code,
				name: unit.name,
				type_vi: unit.typeVi,
				kind: unit.kind,
				parent: unit.parentCode,
				established_on: on,
				from: unit.from.map((from) => `${from.code}${from.part === 'partial' ? ' (partial)' : ''}`)
			}
		});
	}
	return ids;
}

/** Users of a unit merged in full follow it; users given a scope get it. */
async function moveUsers(
	trx: Db,
	by: ChangedBy,
	plan: ReorganisationPlan,
	idOf: (code: string) => number,
	createdIds: Map<string, number>
): Promise<AuditEntry[]> {
	const audit: AuditEntry[] = [];
	const unitId = async (code: string) =>
		createdIds.get(code) ?? (await findUnitPlacement(trx, code)).id;
	for (const user of plan.users.filter((u) => u.to)) {
		const to = user.to!;
		const area = user.area ? ((await findAreaIdByRef(trx, user.area)) ?? null) : null;
		const before = await setUserScope(trx, user.username, await unitId(to.code), area);
		if (!before) continue;
		audit.push({
			...by,
			action: 'user.move',
			entityType: 'user',
			entityId: before.id,
			unitId: await unitId(to.code),
			before: { username: user.username, unit: user.from.code, area_id: before.area_id },
			after: { username: user.username, unit: to.code, ...(user.area ? { area: user.area } : {}) }
		});
	}
	// Inactive users of a unit merged in full follow it too.
	for (const unit of plan.merged) {
		const successor = await unitId(unit.into.code);
		for (const user of await moveUsersToUnit(trx, idOf(unit.code), successor)) {
			audit.push({
				...by,
				action: 'user.move',
				entityType: 'user',
				entityId: user.id,
				unitId: successor,
				before: { username: user.username, unit: unit.code },
				after: { username: user.username, unit: unit.into.code }
			});
		}
	}
	return audit;
}
