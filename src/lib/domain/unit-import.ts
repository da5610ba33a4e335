// The units CSV import, without I/O: parse the file (code,name,type_vi,kind,parent_code,level),
// check every row against the file itself and the units already stored, and say for each row
// whether it is new, changed (and what changes), unchanged, or in error.
import { pathInScope } from './authorization';
import { parseCsv } from './csv';
import { cleanText, isUnitCode, isUnitKind, MAX_NAME_LENGTH, MAX_TYPE_LENGTH } from './unit-rules';

export const IMPORT_COLUMNS = ['code', 'name', 'type_vi', 'kind', 'parent_code', 'level'] as const;
export const MAX_IMPORT_ROWS = 20_000;

export type ImportFileProblem = 'empty' | 'header' | 'too_many_rows';

export type ImportRowProblem =
	| 'code_invalid'
	| 'code_duplicate'
	| 'name_required'
	| 'name_too_long'
	| 'type_too_long'
	| 'kind_invalid'
	| 'level_invalid'
	| 'level_mismatch'
	| 'parent_missing'
	| 'parent_retired'
	| 'parent_self'
	| 'parent_cycle'
	| 'parent_invalid'
	| 'out_of_scope'
	| 'unit_retired';

export interface ImportRow {
	/** Line in the file (the header is line 1). */
	line: number;
	code: string;
	name: string;
	typeVi: string;
	kind: string;
	parentCode: string;
	level: string;
}

/** A unit as stored, as the import sees it. */
export interface StoredUnit {
	code: string;
	name: string;
	typeVi: string;
	kind: string;
	parentCode: string | null;
	level: number;
	path: string;
	status: 'active' | 'retired';
}

export type ImportField = 'name' | 'typeVi' | 'kind' | 'parentCode' | 'level';

export interface FieldChange {
	field: ImportField;
	from: string;
	to: string;
}

export type PlannedRow = ImportRow &
	(
		| { status: 'new' }
		| { status: 'changed'; changes: FieldChange[] }
		| { status: 'unchanged' }
		| { status: 'error'; problems: ImportRowProblem[] }
	);

export interface ImportPlan {
	rows: PlannedRow[];
	counts: { new: number; changed: number; unchanged: number; error: number };
}

/**
 * What a plan would write, as text: the import step compares it with the preview's, so units
 * changed by someone else in between are never overwritten with what the preview did not show.
 */
export function planFingerprint(plan: ImportPlan): string {
	return JSON.stringify(
		plan.rows.map((row) => [
			row.code,
			row.status,
			row.status === 'changed' ? row.changes.map((change) => [change.field, change.from]) : null
		])
	);
}

export type ParsedImport =
	{ ok: true; rows: ImportRow[] } | { ok: false; problem: ImportFileProblem; missing?: string[] };

/** Reads the file: the header must name the six columns (in any order, extra columns ignored). */
export function parseUnitCsv(text: string): ParsedImport {
	const table = parseCsv(text);
	if (table.length === 0) return { ok: false, problem: 'empty' };
	const header = table[0].map((name) => name.trim().toLowerCase());
	const missing = IMPORT_COLUMNS.filter((column) => !header.includes(column));
	if (missing.length > 0) return { ok: false, problem: 'header', missing };
	if (table.length - 1 > MAX_IMPORT_ROWS) return { ok: false, problem: 'too_many_rows' };
	const at = (cells: string[], column: string) => cleanText(cells[header.indexOf(column)] ?? '');
	// parseCsv drops blank lines, so line numbers count the rows it kept; good enough to find a row.
	const rows = table.slice(1).map((cells, index) => ({
		line: index + 2,
		code: at(cells, 'code'),
		name: at(cells, 'name'),
		typeVi: at(cells, 'type_vi'),
		kind: at(cells, 'kind'),
		parentCode: at(cells, 'parent_code'),
		level: at(cells, 'level')
	}));
	return { ok: true, rows };
}

function rowProblems(row: ImportRow): ImportRowProblem[] {
	const problems: ImportRowProblem[] = [];
	if (!isUnitCode(row.code)) problems.push('code_invalid');
	if (row.name === '') problems.push('name_required');
	else if (row.name.length > MAX_NAME_LENGTH) problems.push('name_too_long');
	if (row.typeVi.length > MAX_TYPE_LENGTH) problems.push('type_too_long');
	if (!isUnitKind(row.kind)) problems.push('kind_invalid');
	if (!/^[1-9]\d{0,2}$/.test(row.level)) problems.push('level_invalid');
	return problems;
}

/**
 * Plans the import of `rows` into the stored `units` (looked up by code) for an admin whose scope
 * is `scopePath`. A parent must be in the file or stored; a row's level is its parent's + 1 (1 for
 * a root); every unit written must land inside the scope.
 */
export function planUnitImport(
	rows: ImportRow[],
	units: ReadonlyMap<string, StoredUnit>,
	scopePath: string
): ImportPlan {
	const seen = new Map<string, number>();
	for (const row of rows) seen.set(row.code, (seen.get(row.code) ?? 0) + 1);
	const inFile = new Map(rows.map((row) => [row.code, row]));

	// The path each file row will have, following parents through the file, then the database.
	const paths = new Map<string, string | null>();
	const pathOf = (code: string, trail: Set<string>): string | null => {
		if (paths.has(code)) return paths.get(code)!;
		const row = inFile.get(code);
		let path: string | null;
		if (!row) path = units.get(code)?.path ?? null;
		else if (row.parentCode === '') path = `/${code}/`;
		else if (trail.has(code)) path = null;
		else {
			trail.add(code);
			const parent = pathOf(row.parentCode, trail);
			path = parent === null ? null : `${parent}${code}/`;
		}
		paths.set(code, path);
		return path;
	};

	const planned: PlannedRow[] = rows.map((row) => {
		const problems = rowProblems(row);
		if ((seen.get(row.code) ?? 0) > 1) problems.push('code_duplicate');
		const stored = units.get(row.code);
		if (stored?.status === 'retired') problems.push('unit_retired');

		let parentLevel: number | null = 0;
		if (row.parentCode !== '') {
			const parentRow = inFile.get(row.parentCode);
			const parentStored = units.get(row.parentCode);
			parentLevel = null;
			if (row.parentCode === row.code) problems.push('parent_self');
			else if (!parentRow && !parentStored) problems.push('parent_missing');
			else {
				if (parentStored?.status === 'retired') problems.push('parent_retired');
				if (parentRow) {
					if (/^\d+$/.test(parentRow.level)) parentLevel = Number(parentRow.level);
				} else parentLevel = parentStored!.level;
			}
		}
		if (
			parentLevel !== null &&
			!problems.includes('level_invalid') &&
			Number(row.level) !== parentLevel + 1
		) {
			problems.push('level_mismatch');
		}
		const path = pathOf(row.code, new Set());
		if (path !== null) {
			// Under one of its own descendants, a stored unit would make a loop.
			if (stored && path !== stored.path && pathInScope(path, stored.path)) {
				problems.push('parent_cycle');
			}
			// Where it lands and, for a stored unit, where it stands now: both inside the scope.
			if (!pathInScope(path, scopePath) || (stored && !pathInScope(stored.path, scopePath))) {
				problems.push('out_of_scope');
			}
		}
		if (problems.length > 0) return { ...row, status: 'error' as const, problems };
		if (!stored) return { ...row, status: 'new' as const };
		const changes = diffUnit(stored, row);
		if (changes.length === 0) return { ...row, status: 'unchanged' as const };
		return { ...row, status: 'changed' as const, changes };
	});

	// A row under a row in error cannot be written either; say so, down the file's tree.
	let spread = true;
	while (spread) {
		spread = false;
		const failed = new Set(planned.filter((row) => row.status === 'error').map((row) => row.code));
		planned.forEach((row, index) => {
			if (row.status !== 'error' && row.parentCode !== '' && failed.has(row.parentCode)) {
				planned[index] = { ...rowOf(row), status: 'error', problems: ['parent_invalid'] };
				spread = true;
			}
		});
	}

	const counts = { new: 0, changed: 0, unchanged: 0, error: 0 };
	for (const row of planned) counts[row.status]++;
	return { rows: planned, counts };
}

function rowOf(row: PlannedRow): ImportRow {
	const { line, code, name, typeVi, kind, parentCode, level } = row;
	return { line, code, name, typeVi, kind, parentCode, level };
}

/** What an import row changes on the stored unit. */
export function diffUnit(stored: StoredUnit, row: ImportRow): FieldChange[] {
	const pairs: [ImportField, string, string][] = [
		['name', stored.name, row.name],
		['typeVi', stored.typeVi, row.typeVi],
		['kind', stored.kind, row.kind],
		['parentCode', stored.parentCode ?? '', row.parentCode],
		['level', String(stored.level), String(Number(row.level))]
	];
	return pairs
		.filter(([, from, to]) => from !== to)
		.map(([field, from, to]) => ({ field, from, to }));
}

/** Rows in an order that writes every parent before its children (by level, then file order). */
export function writeOrder<T extends { level: string; line: number }>(rows: T[]): T[] {
	return [...rows].sort((a, b) => Number(a.level) - Number(b.level) || a.line - b.line);
}
