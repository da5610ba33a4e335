// Many users at once from a CSV file: a preview judges every row, the import creates all of them in
// one transaction or none. Stateless: the confirmed import reads the same text again and checks it
// again, so nothing changed between preview and import slips through.
import type { Kysely } from 'kysely';
import {
	importIsClean,
	parseUserImport,
	validateImportRows,
	type ImportFileProblem,
	type ImportRow
} from '../../../domain/user-import';
import { temporaryPassword } from '../../../domain/user-password';
import type { Role } from '../../../domain/authorization';
import { writeAuditEntries } from '../../audit/repository';
import { hashPassword } from '../../auth/password';
import type { Database } from '../../db/schema';
import type { AdminActor } from '../../auth/guards';
import { findActiveUnits, findTakenUsernames } from './repository';

type Db = Kysely<Database>;

export type PreviewResult =
	| { ok: false; problem: ImportFileProblem; missing?: string[] }
	| { ok: true; rows: ImportRow[]; clean: boolean };

export async function previewUserImport(
	db: Db,
	actor: AdminActor,
	text: string
): Promise<PreviewResult> {
	const parsed = parseUserImport(text);
	if (!parsed.ok) return parsed;
	const [taken, units] = await Promise.all([
		findTakenUsernames(
			db,
			parsed.rows.map((row) => row.username)
		),
		findActiveUnits(
			db,
			parsed.rows.map((row) => row.unitCode)
		)
	]);
	const rows = validateImportRows(parsed.rows, { taken, units, scopePath: actor.scopePath });
	return { ok: true, rows, clean: importIsClean(rows) };
}

export interface CreatedUser {
	username: string;
	displayName: string;
	role: Role;
	unitCode: string;
	password: string;
}

export type ImportResult =
	{ ok: true; created: CreatedUser[] } | { ok: false; preview: PreviewResult };

/** Raised inside the transaction to roll it back when a username was taken or a unit retired. */
class ImportRaceError extends Error {}

export async function importUsers(db: Db, actor: AdminActor, text: string): Promise<ImportResult> {
	const preview = await previewUserImport(db, actor, text);
	if (!preview.ok || !preview.clean) return { ok: false, preview };
	const users = preview.rows.map((row) => ({
		username: row.username,
		displayName: row.displayName,
		role: row.role as Role,
		unitCode: row.unitCode,
		password: temporaryPassword()
	}));
	// Hashing is deliberately slow (argon2id): do it before the transaction, not while it holds locks.
	const hashes = await Promise.all(users.map((user) => hashPassword(user.password)));
	try {
		await db.transaction().execute(async (trx) => {
			// The units, checked again and held: one retired since the preview stops the import.
			const units = await findActiveUnits(
				trx,
				users.map((user) => user.unitCode),
				{ lock: true }
			);
			const unitId = (code: string) => {
				const unit = units.get(code);
				if (!unit) throw new ImportRaceError();
				return unit.id;
			};
			const inserted = await trx
				.insertInto('users')
				.values(
					users.map((user, i) => ({
						username: user.username,
						display_name: user.displayName,
						role: user.role,
						unit_id: unitId(user.unitCode),
						password_hash: hashes[i],
						must_change_password: true
					}))
				)
				.onConflict((conflict) => conflict.column('username').doNothing())
				.returning(['id', 'username'])
				.execute();
			if (inserted.length !== users.length) throw new ImportRaceError();
			const ids = new Map(inserted.map((row) => [row.username, row.id]));
			await writeAuditEntries(
				trx,
				users.map((user) => ({
					actor,
					action: 'user.import',
					entityType: 'user',
					entityId: ids.get(user.username)!,
					unitId: unitId(user.unitCode),
					after: {
						username: user.username,
						display_name: user.displayName,
						role: user.role,
						unit: user.unitCode
					},
					ip: actor.ip
				}))
			);
		});
	} catch (error) {
		if (!(error instanceof ImportRaceError)) throw error;
		// A username taken or a unit retired since the check: show the rows as they stand now.
		return { ok: false, preview: await previewUserImport(db, actor, text) };
	}
	return {
		ok: true,
		created: users.map(({ username, displayName, role, unitCode, password }) => ({
			username,
			displayName,
			role,
			unitCode,
			password
		}))
	};
}
