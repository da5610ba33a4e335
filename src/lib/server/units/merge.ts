// Merging units into a successor: what a province does when it redraws its wards. The same checks
// and audit as every other unit write (./service.ts), in one transaction.
import type { Kysely } from 'kysely';
import { isScopeTop, pathInScope } from '../../domain/authorization';
import { isIsoDate } from '../../domain/periods';
import type { UnitErrors, UnitProblem } from '../../types/units';
import { supersedeOpenAssessments } from '../assessments/supersede';
import { writeAuditEntries, type AuditEntry } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { InvalidInput } from '../failure';
import { moveUsersToUnit } from '../users/repository';
import { moveUnitUnder, retireUnitOn } from './changes';
import { changedAfter } from './structure';
import { findScopedUnit, listActiveChildren, updateUnitRow, type ScopedUnit } from './repository';
import { changedBy, lockForEdit, UnitRefused } from './service';

type Db = Kysely<Database>;

const refuse = (errors: UnitErrors) => new InvalidInput(errors as Record<string, string>);

/** Why a predecessor's assessments close, as their page shows it (stored once, in Vietnamese). */
function mergeReason(predecessor: ScopedUnit, successor: ScopedUnit, date: string) {
	const [year, month, day] = date.split('-');
	return `${predecessor.name} (${predecessor.code}) sáp nhập vào ${successor.name} (${successor.code}) từ ngày ${day}/${month}/${year}`;
}

/**
 * Merges units into this one (the successor) on a date: each predecessor is retired on that date
 * with `merged_into_id` set, its active children move under the successor, and the users scoped
 * to it move to the successor. Dashboards then count the successor, not the predecessors, in
 * periods ending on or after the date; so the predecessors' open assessments of those periods are
 * closed as superseded (they leave the queues; work on them stops).
 */
export async function mergeUnits(
	db: Db,
	actor: AdminActor,
	input: { code: string; revision: string; predecessorCodes: string[]; date: string }
): Promise<{ code: string }> {
	const codes = [...new Set(input.predecessorCodes.filter(Boolean))];
	const errors: UnitErrors = {};
	if (codes.length === 0) errors.predecessors = 'predecessors_required';
	if (!isIsoDate(input.date)) errors.date = 'date_invalid';
	if (Object.keys(errors).length > 0) throw refuse(errors);
	return db.transaction().execute(async (trx) => {
		const successor = await lockForEdit(trx, actor, input.code, input.revision);
		if (successor.status !== 'active') throw refuse({ form: 'retired' });
		// A successor formed by the merge cannot take units over before it exists.
		if (successor.established_on && input.date < successor.established_on) {
			throw refuse({ date: 'before_established' });
		}
		const predecessors: ScopedUnit[] = [];
		for (const code of codes) {
			const unit = await findScopedUnit(trx, actor.scopePath, code, { lock: true });
			const fault = (problem: UnitProblem) => new UnitRefused({ predecessors: problem }, code);
			if (!unit) throw fault('predecessor_not_found');
			if (unit.id === successor.id) throw fault('predecessor_self');
			if (unit.status !== 'active') throw fault('predecessor_retired');
			if (unit.established_on && input.date < unit.established_on) {
				throw refuse({ date: 'before_established' });
			}
			if (pathInScope(successor.path, unit.path) || isScopeTop(actor, unit.path)) {
				throw fault('predecessor_ancestor');
			}
			predecessors.push(unit);
		}
		const involved = [successor, ...predecessors].map((unit) => unit.id);
		if (await changedAfter(trx, involved, input.date)) throw refuse({ date: 'later_change' });
		const audit: AuditEntry[] = [];
		for (const predecessor of predecessors) {
			const by = changedBy(actor, `merge ${predecessor.code} → ${successor.code}`);
			for (const child of await listActiveChildren(trx, predecessor.id)) {
				const placed = { ...child, parentCode: predecessor.code };
				audit.push(await moveUnitUnder(trx, by, placed, successor, input.date));
			}
			for (const user of await moveUsersToUnit(trx, predecessor.id, successor.id)) {
				audit.push({
					...by,
					action: 'user.move',
					entityType: 'user',
					entityId: user.id,
					unitId: successor.id,
					before: { username: user.username, unit: predecessor.code },
					after: { username: user.username, unit: successor.code }
				});
			}
			audit.push(await retireUnitOn(trx, changedBy(actor), predecessor, input.date, successor));
			audit.push(
				...(await supersedeOpenAssessments(
					trx,
					by,
					[predecessor.id],
					input.date,
					mergeReason(predecessor, successor, input.date)
				))
			);
		}
		// The successor's revision moves on: a form read before the merge is stale.
		await updateUnitRow(trx, successor.id);
		audit.push({
			...changedBy(actor),
			action: 'unit.merge',
			entityType: 'unit',
			entityId: successor.code,
			unitId: successor.id,
			after: { predecessors: predecessors.map((unit) => unit.code), merged_on: input.date }
		});
		await writeAuditEntries(trx, audit);
		return { code: successor.code };
	});
}
