// A reorganisation file, without I/O: its two formats (a mapping of new units ← old units, full or
// partial, as reorganisation-2025-07-01.csv; a changes file of renamed, moved and retired units, as
// changes-2025-01-01.csv), read row by row into what ./reorganisation.ts plans from.
import { parseCsv } from './csv';
import { cleanText, UNIT_TYPES_VI } from './unit-rules';

export const MAPPING_COLUMNS = [
	'new_code',
	'new_name',
	'new_type_vi',
	'new_kind',
	'old_code',
	'old_name',
	'part'
] as const;
export const CHANGES_COLUMNS = [
	'code',
	'name_before',
	'parent_before',
	'change',
	'name_after',
	'parent_after',
	'kind_after'
] as const;
/** Kinds that hang under a unit rather than being units of the map: they move, never merge. */
export const HANGING_KINDS = ['agency', 'school', 'enterprise'];
export const CHANGES = ['retired', 'renamed', 'moved', 'renamed+moved'] as const;

export type ReorganisationFormat = 'mapping' | 'changes';
export type ReorganisationFileProblem = 'empty' | 'unknown_format' | 'missing_columns';

export type ReorganisationRowProblem =
	| 'field_missing'
	| 'part_invalid'
	| 'kind_unknown'
	| 'change_invalid'
	| 'row_duplicate'
	| 'new_inconsistent'
	| 'old_not_active'
	| 'old_name_mismatch'
	| 'parent_mismatch'
	| 'full_in_two'
	| 'partial_in_one'
	| 'code_held'
	| 'changed_later'
	| 'below_changed_later'
	| 'parent_not_found'
	| 'out_of_scope'
	| 'scope_unit_unknown'
	| 'scope_area_unknown';

/** One refusal: the file's line (the header is line 1), the code it is about, and details. */
export interface RowProblem {
	line: number;
	code: string;
	problem: ReorganisationRowProblem;
	detail?: Record<string, string>;
}

export interface MappingRow {
	line: number;
	newCode: string;
	newName: string;
	newTypeVi: string;
	newKind: string;
	oldCode: string;
	oldName: string;
	part: string;
	newParentCode: string;
}

export interface ChangeRow {
	line: number;
	code: string;
	nameBefore: string;
	parentBefore: string;
	change: string;
	nameAfter: string;
	parentAfter: string;
	kindAfter: string;
}

export type ParsedReorganisation =
	| { ok: true; format: 'mapping'; rows: MappingRow[] }
	| { ok: true; format: 'changes'; rows: ChangeRow[] }
	| { ok: false; problem: ReorganisationFileProblem; missing: string[] };

/** Reads either format, recognised by its header; a missing column makes it unreadable. */
export function parseReorganisationFile(text: string): ParsedReorganisation {
	const [header, ...rows] = parseCsv(text);
	if (!header) return { ok: false, problem: 'empty', missing: [] };
	const names = header.map((name) => name.trim().toLowerCase());
	const format = names.includes('new_code')
		? 'mapping'
		: names.includes('change')
			? 'changes'
			: null;
	if (!format) return { ok: false, problem: 'unknown_format', missing: [] };
	const expected: readonly string[] = format === 'mapping' ? MAPPING_COLUMNS : CHANGES_COLUMNS;
	const missing = expected.filter((name) => !names.includes(name));
	if (missing.length > 0) return { ok: false, problem: 'missing_columns', missing };
	const records = rows.map((cells, index) => {
		const cell = (name: string) => cleanText(cells[names.indexOf(name)] ?? '');
		return { line: index + 2, cell };
	});
	if (format === 'mapping') {
		return {
			ok: true,
			format,
			rows: records.map(({ line, cell }) => ({
				line,
				newCode: cell('new_code'),
				newName: cell('new_name'),
				newTypeVi: cell('new_type_vi'),
				newKind: cell('new_kind'),
				oldCode: cell('old_code'),
				oldName: cell('old_name'),
				part: cell('part').toLowerCase(),
				newParentCode: names.includes('new_parent_code') ? cell('new_parent_code') : ''
			}))
		};
	}
	return {
		ok: true,
		format,
		rows: records.map(({ line, cell }) => ({
			line,
			code: cell('code'),
			nameBefore: cell('name_before'),
			parentBefore: cell('parent_before'),
			change: cell('change').toLowerCase(),
			nameAfter: cell('name_after'),
			parentAfter: cell('parent_after'),
			kindAfter: cell('kind_after')
		}))
	};
}

/** The Vietnamese type a name starts with (Phường, Xã, Thị trấn…), or null. */
export function typeOfName(name: string): string | null {
	const types = [...UNIT_TYPES_VI].sort((a, b) => b.length - a.length);
	return types.find((type) => name.startsWith(`${type} `)) ?? null;
}

/** The day before a yyyy-mm-dd date: the structure a reorganisation is checked against. */
export { dayBefore } from './lineage';

/** dd/mm/yyyy of a yyyy-mm-dd date, as pages and messages show it. */
export function displayDate(date: string): string {
	const [year, month, day] = date.split('-');
	return `${day}/${month}/${year}`;
}
