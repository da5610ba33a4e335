// `npm run units:reorganise`'s use case, the same whether the script opens the database itself or
// the running app runs it for the script (the `units:reorganise` command, ./commands.ts): the
// preview as text, and with `apply` the reorganisation itself, as a province administrator.
import type { Kysely } from 'kysely';
import { mayAdministerCampaigns } from '../../domain/authorization';
import type { ReorganisationPlan, RowProblem } from '../../domain/reorganisation';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { Refusal } from '../failure';
import {
	applyReorganisation,
	previewReorganisation,
	ReorganisationRefused,
	type ReorganisationInput
} from '../units/reorganise';

export interface ReorganiseRequest extends ReorganisationInput {
	apply: boolean;
	/** The province administrator it acts as; the first one when not named. */
	as?: string;
}

const refuse = (message: string): never => {
	throw new Refusal(400, {}, message);
};

/** The request in `args` (from the command line or the control socket), checked. */
export function readReorganiseRequest(args: Record<string, unknown>): ReorganiseRequest {
	const text = (name: string) => {
		const value = args[name];
		if (value !== undefined && typeof value !== 'string') refuse(`${name} must be text.`);
		return value as string | undefined;
	};
	const fileName = text('fileName');
	const content = text('text');
	const effectiveOn = text('effectiveOn');
	if (!fileName || content === undefined || !effectiveOn) {
		return refuse('A file and an effective date (--on yyyy-mm-dd) are needed.');
	}
	const scopes: NonNullable<ReorganisationInput['scopes']> = {};
	const given = Array.isArray(args.scopes) ? args.scopes : [];
	for (const scope of given) {
		if (typeof scope !== 'string') refuse('A scope must be text: user=UNIT[/SET/AREA].');
		const parsed = parseScope(scope as string);
		if (!parsed) refuse(`Cannot read the scope "${scope}": write user=UNIT or user=UNIT/SET/AREA.`);
		scopes[parsed!.username] = parsed!.scope;
	}
	return {
		fileName,
		text: content,
		effectiveOn,
		scopes,
		apply: args.apply === true,
		as: text('as')
	};
}

/** `user=UNIT` or `user=UNIT/SET/AREA`, as `--scope` takes it. */
export function parseScope(
	text: string
): { username: string; scope: { unitCode: string; areaCode?: string } } | null {
	const match = /^([^=\s]+)=([^/\s]+)(?:\/([^/\s]+\/[^/\s]+))?$/.exec(text.trim());
	if (!match) return null;
	const [, username, unitCode, areaCode] = match;
	return {
		username: username.toLowerCase(),
		scope: { unitCode, ...(areaCode ? { areaCode } : {}) }
	};
}

/** The province administrator the command acts as. */
async function findActor(db: Kysely<Database>, username?: string): Promise<AdminActor> {
	let query = db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.select(['users.id', 'users.username', 'users.role', 'units.path'])
		.where('users.active', '=', true)
		.orderBy('users.id');
	if (username) query = query.where('users.username', '=', username.toLowerCase());
	const rows = await query.execute();
	const admin = rows.find((row) => mayAdministerCampaigns({ role: row.role, scopePath: row.path }));
	if (!admin) {
		return refuse(
			username
				? `${username} is not an active administrator of the whole tree.`
				: 'No active administrator of the whole tree: create one with npm run user:create.'
		);
	}
	return {
		id: admin.id,
		username: admin.username,
		role: admin.role,
		scopePath: admin.path,
		ip: null
	};
}

const PROBLEMS: Record<RowProblem['problem'], string> = {
	field_missing: 'the column {column} is empty',
	part_invalid: 'part must be full or partial, not "{part}"',
	kind_unknown: 'unknown unit kind "{kind}"',
	change_invalid: 'invalid change "{change}"',
	row_duplicate: 'repeats an earlier row',
	new_inconsistent: "the new unit's name, type, kind or parent differs from line {line}",
	old_not_active: 'no active unit held this code on {date}',
	old_name_mismatch: 'the name does not match: this code is "{expected}"',
	parent_mismatch: 'the parent before does not match: it is {expected}',
	full_in_two: 'merged in full into several new units ({codes})',
	partial_in_one: 'goes in part into only one new unit',
	code_held: 'the code {code} is held by "{name}", not one of its old units',
	changed_later: 'the unit already has changes on or after {date}',
	below_changed_later:
		'not in the file, moves with the unit above it, and already has changes on or after {date}',
	parent_not_found: 'no active parent unit has the code {code}',
	out_of_scope: 'outside your scope',
	scope_unit_unknown: '{code} is not a unit still active after the reorganisation',
	scope_area_unknown: 'there is no area {code}'
};

/** One refusal as a line of text. */
export function describeProblem(problem: RowProblem): string {
	const text = PROBLEMS[problem.problem].replace(
		/\{(\w+)\}/g,
		(_, key: string) => problem.detail?.[key] ?? ''
	);
	const where =
		problem.line > 0
			? `line ${problem.line}`
			: problem.problem === 'below_changed_later'
				? 'below'
				: 'scope';
	return `  ${where}, ${problem.code}: ${text}`;
}

/** The plan as the terminal shows it: counts, then the rows worth reading. */
export function describePlan(plan: ReorganisationPlan): string[] {
	const lines = [`${plan.fileName} (${plan.format}), effective ${plan.effectiveOn}`];
	if (plan.applied) {
		lines.push(`Already applied (reorganisation #${plan.applied.id}, ${plan.applied.appliedAt}).`);
		return lines;
	}
	lines.push(
		Object.entries(plan.counts)
			.map(([key, value]) => `${key} ${value}`)
			.join(', ')
	);
	for (const unit of plan.emptied) lines.push(`  emptied, retired: ${unit.code} ${unit.name}`);
	for (const unit of plan.hanging) {
		const why =
			unit.follows === 'first_of_split' ? ` (first unit ${unit.from.code} splits into)` : '';
		lines.push(`  moves: ${unit.code} ${unit.name} → ${unit.to.code}${why}`);
	}
	for (const user of plan.users) {
		const to = user.to ? `${user.to.code}${user.area ? ` + ${user.area}` : ''}` : 'NEEDS --scope';
		lines.push(`  user ${user.username} (${user.from.code}) → ${to}`);
	}
	for (const assessment of plan.assessments) {
		lines.push(
			`  superseded: ${assessment.unitCode} ${assessment.campaignCode} ${assessment.periodLabel} (${assessment.status})`
		);
	}
	for (const change of plan.campaigns) {
		const moves = [...change.joins.map((c) => `+${c}`), ...change.leaves.map((c) => `-${c}`)];
		lines.push(`  campaigns: ${change.code} ${change.name} ${moves.join(' ')}`);
	}
	if (plan.errors.length > 0) lines.push('Refused:', ...plan.errors.map(describeProblem));
	return lines;
}

/** Previews, or applies with `apply`; `ok` false when refused. */
export async function reorganiseFromCommandLine(
	db: Kysely<Database>,
	request: ReorganiseRequest
): Promise<{ lines: string[]; ok: boolean }> {
	const actor = await findActor(db, request.as);
	const lines = [`As ${actor.username}.`];
	try {
		if (!request.apply) {
			const plan = await previewReorganisation(db, actor, request);
			lines.push(...describePlan(plan), 'Preview only: add --apply to apply it.');
			return { lines, ok: plan.counts.errors === 0 };
		}
		const result = await applyReorganisation(db, actor, request);
		lines.push(...describePlan(result.plan));
		lines.push(
			result.alreadyApplied ? 'Nothing changed.' : `Applied: reorganisation #${result.id}.`
		);
		return { lines, ok: true };
	} catch (refusal) {
		if (refusal instanceof ReorganisationRefused) {
			lines.push(...describePlan(refusal.body.plan), 'Not applied: nothing was written.');
			return { lines, ok: false };
		}
		if (refusal instanceof Refusal) {
			const body = refusal.body as {
				errors?: Record<string, string>;
				problem?: string;
				missing?: string[];
			};
			const detail = body.problem
				? `${body.problem}${body.missing?.length ? `: ${body.missing.join(', ')}` : ''}`
				: Object.entries(body.errors ?? {})
						.map(([field, problem]) => `${field}: ${problem}`)
						.join(', ');
			return refuse(`Refused (${detail || refusal.message}).`);
		}
		throw refusal;
	}
}
