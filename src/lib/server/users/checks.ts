// The checks of an account write: the unit and the reporting area an administrator gives a user,
// the field each problem is shown beside, and the refusals that carry them.
import type { Kysely } from 'kysely';
import { inScope, roleAllows } from '../../domain/authorization';
import { isRole, type UserRowProblem } from '../../domain/user-import';
import { areaMemberPaths, findAreaByRef } from '../areas/repository';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { InvalidInput, Refusal } from '../failure';
import { findActiveUnits } from '../units/repository';

type Db = Kysely<Database>;

export type UserField = 'username' | 'display_name' | 'role' | 'unit_code' | 'area' | 'form';
export type AreaProblem = 'area_unknown' | 'area_role' | 'area_outside_unit';
export type UserProblem =
	UserRowProblem | AreaProblem | 'stale' | 'self_role' | 'self_unit' | 'self';
export type UserErrors = Partial<Record<UserField, UserProblem>>;

/** A refused account write, with the sentence the command line prints. */
export class UserRefused extends Refusal<{ errors: UserErrors }> {
	constructor(errors: UserErrors, message = 'Invalid input') {
		super(400, { errors }, message);
	}
}

export const refuse = (errors: UserErrors) => new InvalidInput(errors as Record<string, string>);

const FIELD_OF: Record<UserRowProblem, UserField> = {
	username_invalid: 'username',
	username_duplicate: 'username',
	username_taken: 'username',
	name_empty: 'display_name',
	name_too_long: 'display_name',
	role_unknown: 'role',
	unit_unknown: 'unit_code',
	unit_out_of_scope: 'unit_code'
};

/** The unit a user is given: it must exist, be active and lie in the admin's scope. */
export async function assignableUnit(
	db: Db,
	actor: AdminActor,
	code: string,
	problems: UserRowProblem[]
): Promise<{ id: number; path: string } | undefined> {
	const unit = (await findActiveUnits(db, [code])).get(code);
	if (!unit) problems.push('unit_unknown');
	else if (!inScope(actor, unit.path)) problems.push('unit_out_of_scope');
	return unit;
}

/** Whether a role may be narrowed to an area: those who read and review across units, not the
 * officers who enter one unit's values nor the administrators. */
function areaScopable(role: string): boolean {
	return isRole(role) && !roleAllows(role, 'assessment.edit') && !roleAllows(role, 'admin.manage');
}

/**
 * The reporting area (`SET/AREA`, blank for none) a user is scoped to: it must exist, suit the
 * role, and every member unit must lie within the user's unit scope (an area narrows a scope, it
 * never widens it). Null when blank; a problem beside the field otherwise.
 */
export async function assignableArea(
	db: Db,
	ref: string,
	role: string,
	unitPath: string | undefined
): Promise<{ id: number | null; ref: string | null; problem?: AreaProblem }> {
	if (!ref) return { id: null, ref: null };
	const area = await findAreaByRef(db, ref);
	if (!area) return { id: null, ref, problem: 'area_unknown' };
	if (!areaScopable(role)) return { id: area.id, ref, problem: 'area_role' };
	if (unitPath && (await areaMemberPaths(db, area.id)).some((path) => !path.startsWith(unitPath)))
		return { id: area.id, ref, problem: 'area_outside_unit' };
	return { id: area.id, ref: `${area.set_code}/${area.code}` };
}

/** Refuses with the first problem of each field (and the area's), when there is one. */
export function checkFields(
	problems: readonly UserRowProblem[],
	area: { problem?: AreaProblem } = {}
) {
	const errors: UserErrors = {};
	for (const problem of problems) errors[FIELD_OF[problem]] ??= problem;
	if (area.problem) errors.area = area.problem;
	if (Object.keys(errors).length > 0) throw refuse(errors);
}

/** Holds the unit until the commit; refused when it was retired since it was checked. */
export async function holdUnit(trx: Db, code: string): Promise<{ id: number; path: string }> {
	const unit = (await findActiveUnits(trx, [code], { lock: true })).get(code);
	if (!unit) {
		throw new UserRefused({ unit_code: 'unit_unknown' }, `No active unit has the code ${code}.`);
	}
	return unit;
}
