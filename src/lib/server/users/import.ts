// Many users at once from a CSV file: a preview judges every row, the import creates all of them in
// one transaction or none. Stateless: the confirmed import reads the same text again and checks it
// again, so nothing changed between preview and import slips through. A file that cannot be read
// is refused (UnreadableFile); rows with a problem are refused with the rows (ImportRowsRefused).
import type { Kysely } from 'kysely';
import {
	importIsClean,
	parseUserImport,
	validateImportRows,
	type ImportFileProblem,
	type ImportRow
} from '../../domain/user-import';
import { temporaryPassword } from '../../domain/user-password';
import type { Role } from '../../domain/authorization';
import { writeAuditEntries } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/schema';
import { Refusal, UnreadableFile } from '../failure';
import { findActiveUnits } from '../units/repository';
import { findTakenUsernames, insertUsers } from './repository';

type Db = Kysely<Database>;

/** Rows with a problem, or an import that met one since its check: the rows as they stand (400). */
export class ImportRowsRefused extends Refusal<{ rows: ImportRow[]; clean: boolean }> {
	constructor(rows: ImportRow[]) {
		super(400, { rows, clean: importIsClean(rows) }, 'The import has rows in error');
	}
}

/** Every row of the file with its problems. */
async function judge(db: Db, actor: AdminActor, text: string): Promise<ImportRow[]> {
	const parsed = parseUserImport(text);
	if (!parsed.ok) throw new UnreadableFile<ImportFileProblem>(parsed.problem, parsed.missing);
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
	return validateImportRows(parsed.rows, { taken, units, scopePath: actor.scopePath });
}

/** The rows of a file that can be imported as it is; refused with its rows when it cannot. */
export async function previewUserImport(
	db: Db,
	actor: AdminActor,
	text: string
): Promise<{ rows: ImportRow[]; clean: true }> {
	const rows = await judge(db, actor, text);
	if (!importIsClean(rows)) throw new ImportRowsRefused(rows);
	return { rows, clean: true };
}

export interface CreatedUser {
	username: string;
	displayName: string;
	role: Role;
	unitCode: string;
	password: string;
}

/** Raised inside the transaction to roll it back when a username was taken or a unit retired. */
class ImportRaceError extends Error {}

export async function importUsers(
	db: Db,
	actor: AdminActor,
	text: string
): Promise<{ created: CreatedUser[] }> {
	const { rows } = await previewUserImport(db, actor, text);
	const users = rows.map((row) => ({
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
			const inserted = await insertUsers(
				trx,
				users.map((user, i) => ({
					username: user.username,
					display_name: user.displayName,
					role: user.role,
					unit_id: unitId(user.unitCode),
					password_hash: hashes[i],
					must_change_password: true
				}))
			);
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
		throw new ImportRowsRefused(await judge(db, actor, text));
	}
	return { created: users };
}
