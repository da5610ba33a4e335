// Reporting areas from a CSV file: `area_code,area_name,unit_code,map_codes`, one row per member
// unit (units by their current code; map_codes, the boundary file's features drawn for the area,
// separated by ';'; a row without a unit declares an area alone). Pure: the server supplies the
// lookups, judges every row, and imports all of them or none.
import { parseCsv } from './csv';
import { pathInScope } from './authorization';

export const AREA_IMPORT_COLUMNS = ['area_code', 'area_name', 'unit_code', 'map_codes'] as const;
export const MAX_AREA_ROWS = 2000;
export const AREA_CODE_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
export const AREA_SET_CODE_PATTERN = /^[A-Za-z0-9_-]{2,40}$/;

export type AreaRowProblem =
	| 'area_code_invalid'
	| 'area_name_empty'
	| 'area_name_conflict'
	| 'map_code_invalid'
	| 'unit_unknown'
	| 'unit_out_of_scope'
	| 'unit_repeated'
	| 'unit_already_member';

export type AreaFileProblem = 'empty' | 'header' | 'too_many_rows';

export interface AreaImportRow {
	line: number;
	areaCode: string;
	areaName: string;
	unitCode: string;
	mapCodes: string[];
	problems: AreaRowProblem[];
}

export type ParsedAreaImport =
	{ ok: true; rows: AreaImportRow[] } | { ok: false; problem: AreaFileProblem; missing?: string[] };

/** Reads the file: the header (any column order, case-insensitive; map_codes optional). */
export function parseAreaImport(text: string): ParsedAreaImport {
	const table = parseCsv(text);
	if (table.length === 0) return { ok: false, problem: 'empty' };
	const header = table[0].map((name) => name.trim().toLowerCase());
	const missing = AREA_IMPORT_COLUMNS.filter(
		(column) => column !== 'map_codes' && !header.includes(column)
	);
	if (missing.length > 0) return { ok: false, problem: 'header', missing };
	const body = table.slice(1);
	if (body.length === 0) return { ok: false, problem: 'empty' };
	if (body.length > MAX_AREA_ROWS) return { ok: false, problem: 'too_many_rows' };
	const cell = (cells: string[], column: (typeof AREA_IMPORT_COLUMNS)[number]) =>
		header.includes(column) ? (cells[header.indexOf(column)] ?? '').trim() : '';
	return {
		ok: true,
		rows: body.map((cells, index) => ({
			line: index + 2,
			areaCode: cell(cells, 'area_code'),
			areaName: cell(cells, 'area_name').replace(/\s+/g, ' '),
			unitCode: cell(cells, 'unit_code'),
			mapCodes: cell(cells, 'map_codes')
				.split(';')
				.map((code) => code.trim())
				.filter(Boolean),
			problems: []
		}))
	};
}

export interface AreaImportLookups {
	/** Active units by code. */
	units: Map<string, { id: number; path: string }>;
	scopePath: string;
	/** The set's areas already there, by code. */
	areas: Map<string, { name: string }>;
	/** Units already in an area of the set. */
	members: Set<number>;
}

/** An area's name as the file gives it first; later rows must agree (or leave it blank). */
function firstNames(rows: readonly AreaImportRow[]) {
	const names = new Map<string, string>();
	for (const row of rows)
		if (row.areaName && !names.has(row.areaCode)) names.set(row.areaCode, row.areaName);
	return names;
}

/** Every row with its problems: its own cells, the file as a whole and the lookups. */
export function validateAreaRows(
	rows: readonly AreaImportRow[],
	lookups: AreaImportLookups
): AreaImportRow[] {
	const names = firstNames(rows);
	const units = new Map<string, number>();
	for (const row of rows)
		if (row.unitCode) units.set(row.unitCode, (units.get(row.unitCode) ?? 0) + 1);
	return rows.map((row) => {
		const problems: AreaRowProblem[] = [];
		if (!AREA_CODE_PATTERN.test(row.areaCode)) problems.push('area_code_invalid');
		// The set's own name for an area it has, else the file's first name for it.
		const existing = lookups.areas.get(row.areaCode)?.name;
		const name = existing ?? names.get(row.areaCode) ?? '';
		if (!name) problems.push('area_name_empty');
		else if (row.areaName && row.areaName !== name) problems.push('area_name_conflict');
		if (row.mapCodes.some((code) => !AREA_CODE_PATTERN.test(code)))
			problems.push('map_code_invalid');
		if (row.unitCode) {
			const unit = lookups.units.get(row.unitCode);
			if (!unit) problems.push('unit_unknown');
			else if (!pathInScope(unit.path, lookups.scopePath)) problems.push('unit_out_of_scope');
			else if (lookups.members.has(unit.id)) problems.push('unit_already_member');
			if ((units.get(row.unitCode) ?? 0) > 1) problems.push('unit_repeated');
		}
		return { ...row, areaName: name, problems };
	});
}

export function areaImportIsClean(rows: readonly AreaImportRow[]): boolean {
	return rows.length > 0 && rows.every((row) => row.problems.length === 0);
}

/** The areas a clean file creates (those not in the set yet), each with all its map codes. */
export function newAreasOf(rows: readonly AreaImportRow[], existing: ReadonlySet<string>) {
	const areas = new Map<string, { code: string; name: string; map_codes: string[] }>();
	for (const row of rows) {
		if (existing.has(row.areaCode)) continue;
		const area = areas.get(row.areaCode) ?? {
			code: row.areaCode,
			name: row.areaName,
			map_codes: []
		};
		for (const code of row.mapCodes) if (!area.map_codes.includes(code)) area.map_codes.push(code);
		areas.set(row.areaCode, area);
	}
	return [...areas.values()];
}
