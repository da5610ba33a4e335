import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/repository';
import { hashPassword } from '../auth/password';
import type { Database, Role } from '../db/schema';

export type CreateUserResult = { ok: true; id: number } | { ok: false; message: string };

/** Creates a user; `actor` null means the command line (the bootstrap of an install). */
export async function createUser(
	db: Kysely<Database>,
	actor: { id: number; username: string } | null,
	input: {
		username: string;
		role: Role;
		unitCode: string;
		displayName: string;
		password: string;
		mustChangePassword?: boolean;
	}
): Promise<CreateUserResult> {
	const unit = await db
		.selectFrom('units')
		.select(['id', 'status'])
		.where('code', '=', input.unitCode)
		.executeTakeFirst();
	if (!unit || unit.status !== 'active') {
		return { ok: false, message: `No active unit has the code ${input.unitCode}.` };
	}
	if (!/^[a-z0-9._-]{3,64}$/.test(input.username)) {
		return {
			ok: false,
			message:
				'A username has 3 to 64 characters: lower-case letters, digits, dot, dash, underscore.'
		};
	}
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('users')
			.values({
				username: input.username,
				display_name: input.displayName,
				role: input.role,
				unit_id: unit.id,
				password_hash: passwordHash,
				must_change_password: input.mustChangePassword ?? false
			})
			.onConflict((conflict) => conflict.column('username').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!inserted)
			return { ok: false as const, message: `The username ${input.username} is taken.` };
		await writeAudit(trx, {
			actor,
			action: 'user.create',
			entityType: 'user',
			entityId: inserted.id,
			unitId: unit.id,
			after: { username: input.username, role: input.role, unit: input.unitCode }
		});
		return { ok: true as const, id: inserted.id };
	});
}
