// Users from a CSV file: parsing and every per-row check. Pure: what the database knows (taken
// usernames, units) comes in as lookups, so the preview and the import judge rows the same way.
import { pathInScope, ROLES, type Role } from './authorization';
import { parseCsv } from './csv';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
export const IMPORT_COLUMNS = ['username', 'display_name', 'role', 'unit_code'] as const;
/** One import is one office's staff, not a registry: larger files are split. */
export const MAX_IMPORT_ROWS = 500;
export const MAX_DISPLAY_NAME_LENGTH = 120;

/** Usernames are lower case; sign-in lower-cases what is typed, so 'Cb.HungBinh' means cb.hungbinh. */
export function normalizeUsername(value: string): string {
	return value.trim().toLowerCase();
}

export function isValidUsername(username: string): boolean {
	return USERNAME_PATTERN.test(username);
}

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

export type UserRowProblem =
	| 'username_invalid'
	| 'username_duplicate'
	| 'username_taken'
	| 'name_empty'
	| 'name_too_long'
	| 'role_unknown'
	| 'unit_unknown'
	| 'unit_out_of_scope';

export type ImportFileProblem = 'empty' | 'header' | 'too_many_rows';

export interface ImportRow {
	/** Line number in the file, the header being line 1 (blank lines are skipped). */
	line: number;
	username: string;
	displayName: string;
	role: string;
	unitCode: string;
	problems: UserRowProblem[];
}

export interface ImportLookups {
	/** Usernames that already exist (lower case). */
	taken: ReadonlySet<string>;
	/** Active units by code, with their materialised path. */
	units: ReadonlyMap<string, { path: string }>;
	/** The admin's scope: a unit outside it is refused. */
	scopePath: string;
}

export type ParsedImport =
	{ ok: true; rows: ImportRow[] } | { ok: false; problem: ImportFileProblem; missing?: string[] };

/** Reads the file: the header (any column order, case-insensitive) and each row's cells. */
export function parseUserImport(text: string): ParsedImport {
	const table = parseCsv(text);
	if (table.length === 0) return { ok: false, problem: 'empty' };
	const header = table[0].map((name) => name.trim().toLowerCase());
	const missing = IMPORT_COLUMNS.filter((column) => !header.includes(column));
	if (missing.length > 0) return { ok: false, problem: 'header', missing };
	const body = table.slice(1);
	if (body.length === 0) return { ok: false, problem: 'empty' };
	if (body.length > MAX_IMPORT_ROWS) return { ok: false, problem: 'too_many_rows' };
	const cell = (cells: string[], column: (typeof IMPORT_COLUMNS)[number]) =>
		(cells[header.indexOf(column)] ?? '').trim();
	return {
		ok: true,
		rows: body.map((cells, index) => ({
			line: index + 2,
			username: normalizeUsername(cell(cells, 'username')),
			displayName: cell(cells, 'display_name'),
			role: cell(cells, 'role').toLowerCase(),
			unitCode: cell(cells, 'unit_code'),
			problems: []
		}))
	};
}

/** The problems of one user's fields on their own (the form of a single user uses it too). */
export function fieldProblems(input: {
	username: string;
	displayName: string;
	role: string;
}): UserRowProblem[] {
	const problems: UserRowProblem[] = [];
	if (!isValidUsername(input.username)) problems.push('username_invalid');
	if (input.displayName.trim() === '') problems.push('name_empty');
	else if ([...input.displayName].length > MAX_DISPLAY_NAME_LENGTH) problems.push('name_too_long');
	if (!isRole(input.role)) problems.push('role_unknown');
	return problems;
}

/** Every row with its problems: its own fields, the file (repeated usernames) and the lookups. */
export function validateImportRows(
	rows: readonly ImportRow[],
	lookups: ImportLookups
): ImportRow[] {
	const seen = new Map<string, number>();
	for (const row of rows) seen.set(row.username, (seen.get(row.username) ?? 0) + 1);
	return rows.map((row) => {
		const problems = fieldProblems(row);
		if (!problems.includes('username_invalid')) {
			if ((seen.get(row.username) ?? 0) > 1) problems.push('username_duplicate');
			if (lookups.taken.has(row.username)) problems.push('username_taken');
		}
		const unit = lookups.units.get(row.unitCode);
		if (!unit) problems.push('unit_unknown');
		// An out-of-scope unit is reported as unknown elsewhere in the app; here the admin typed the
		// code and deserves to know why it is refused, without learning more than that it exists.
		else if (!pathInScope(unit.path, lookups.scopePath)) problems.push('unit_out_of_scope');
		return { ...row, problems };
	});
}

/** Whether the import can go ahead: rows, and none with a problem. */
export function importIsClean(rows: readonly ImportRow[]): boolean {
	return rows.length > 0 && rows.every((row) => row.problems.length === 0);
}
