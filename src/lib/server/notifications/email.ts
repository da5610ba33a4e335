// A user's e-mail address for notifications: set by the user (account page) or by an
// administrator whose scope holds the user (admin user page). Validated, audited.
import type { Kysely } from 'kysely';
import { isEmailAddress } from '../../domain/notifications';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { InvalidInput, NotFound } from '../failure';

type Db = Kysely<Database>;

export interface EmailActor {
	id: number;
	username: string;
	ip?: string | null;
}

export async function findEmail(db: Db, userId: number): Promise<string> {
	const row = await db
		.selectFrom('users')
		.select('email')
		.where('id', '=', userId)
		.executeTakeFirst();
	return row?.email ?? '';
}

/** Sets (or, empty, removes) the user's address; the caller has checked the actor may. */
export async function setEmail(
	db: Db,
	actor: EmailActor,
	userId: number,
	typed: string
): Promise<void> {
	const email = typed.trim();
	if (email !== '' && !isEmailAddress(email)) throw new InvalidInput({ email: 'email_invalid' });
	await db.transaction().execute(async (trx) => {
		const user = await trx
			.selectFrom('users')
			.select(['id', 'email', 'unit_id'])
			.where('id', '=', userId)
			.forUpdate()
			.executeTakeFirst();
		if (!user) throw new NotFound();
		const next = email || null;
		if (user.email === next) return;
		await trx.updateTable('users').set({ email: next }).where('id', '=', userId).execute();
		await writeAudit(trx, {
			actor,
			action: 'user.email',
			entityType: 'user',
			entityId: userId,
			unitId: user.unit_id,
			before: { email: user.email },
			after: { email: next },
			ip: actor.ip
		});
	});
}
