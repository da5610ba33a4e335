// `npm run user:create`'s use case, the same whether the script opens the database itself or
// the running app runs it for the script (the `user:create` command, ./commands.ts): an
// optional root unit, then the user; both audited with no actor, as the command line.
import type { Kysely } from 'kysely';
import { isRole, ROLES, type Role } from '../../domain/authorization';
import { passwordProblem } from '../../domain/password-rules';
import type { Database } from '../db/schema';
import { Refusal } from '../failure';
import { findUnitByCode } from '../units/repository';
import { createRootUnit } from '../units/service';
import { createUser } from '../users/service';

export interface NewUserRequest {
	username: string;
	role: Role;
	unitCode: string;
	displayName: string;
	password: string;
	/** Creates the unit as the root of the tree when no unit has `unitCode` yet. */
	rootUnit?: { name: string; kind: string; typeVi: string };
}

const refuse = (message: string): never => {
	throw new Refusal(400, {}, message);
};

/** The request in `args` (from the command line or the control socket), checked. */
export function readNewUserRequest(args: Record<string, unknown>): NewUserRequest {
	const text = (name: string) => {
		const value = args[name];
		if (value !== undefined && typeof value !== 'string') refuse(`${name} must be text.`);
		return value as string | undefined;
	};
	const username = text('username')?.trim().toLowerCase();
	const role = text('role');
	const unitCode = text('unitCode');
	const password = text('password');
	if (!username || !role || !unitCode || password === undefined) {
		return refuse('A username, a role, a unit and a password are needed.');
	}
	if (!isRole(role)) return refuse(`The role must be one of: ${ROLES.join(', ')}.`);
	const problem = passwordProblem(password, { username });
	if (problem) {
		refuse(
			`The password is not acceptable (${problem}): at least 10 characters, not the username.`
		);
	}
	const unitName = text('unitName');
	return {
		username,
		role,
		unitCode,
		password,
		displayName: text('displayName') ?? username,
		rootUnit:
			unitName === undefined
				? undefined
				: {
						name: unitName.normalize('NFC').trim(),
						kind: text('unitKind') ?? 'province',
						typeVi: (text('unitType') ?? '').normalize('NFC').trim()
					}
	};
}

/** Creates the root unit if asked and missing, then the user; returns what to print. */
export async function createUserFromCommandLine(
	db: Kysely<Database>,
	request: NewUserRequest
): Promise<string[]> {
	const lines: string[] = [];
	const { rootUnit, unitCode } = request;
	if (rootUnit && !(await findUnitByCode(db, unitCode))) {
		try {
			await createRootUnit(db, null, { code: unitCode, ...rootUnit });
		} catch (refusal) {
			if (!(refusal instanceof Refusal)) throw refusal;
			const problems = Object.entries(refusal.body.errors ?? {}).map(
				([field, problem]) => `${field}: ${problem}`
			);
			refuse(`The unit ${unitCode} cannot be created (${problems.join(', ')}).`);
		}
		lines.push(`Created the root unit ${unitCode} (${rootUnit.name}).`);
	}
	const { username, role, displayName, password } = request;
	await createUser(db, null, { username, role, unitCode, displayName, password });
	lines.push(`Created ${role} ${username} for unit ${unitCode}.`);
	return lines;
}
