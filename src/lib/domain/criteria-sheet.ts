// A criteria set as a spreadsheet: one row per criterion, its group's code and names repeated on
// each row (a group row with no criterion keeps an empty group). The rows are read back through
// the JSON import's own shape checks (campaign-file.ts), so a sheet is judged exactly as a file
// is; each problem is named by its row and column. Pure: the workbook itself is built on the server.
import type { CriteriaSetContent } from './criteria-set';
import { CRITERION_KEYS, criterionToJson, parseSetData, type ParseProblem } from './campaign-file';

/** What a cell holds once read: text, a number, a yes/no, or nothing. */
export type Cell = string | number | boolean | null;

export const SHEET_COLUMNS = [
	'group_code',
	'group_name_vi',
	'group_name_en',
	...CRITERION_KEYS
] as const;

export type SheetColumn = (typeof SHEET_COLUMNS)[number];

export type SheetProblem = ParseProblem | 'no_header' | 'group_names_differ';

export interface SheetIssue {
	/** The row as the spreadsheet numbers it (the header is row 1, or 2 below a title). */
	row: number;
	column: SheetColumn | null;
	problem: SheetProblem;
}

export type SheetResult =
	{ ok: true; content: CriteriaSetContent } | { ok: false; issues: SheetIssue[] };

const GROUP_COLUMNS: readonly SheetColumn[] = ['group_code', 'group_name_vi', 'group_name_en'];
const YES = ['có', 'co', 'x', 'yes', 'y', 'true', '1'];
const NO = ['không', 'khong', 'no', 'n', 'false', '0'];

/** A header cell names its column by the key in brackets ("Điểm (points)") or by the key alone. */
export function headerKey(cell: Cell): SheetColumn | null {
	if (typeof cell !== 'string') return null;
	const text = cell.trim();
	const key = /\(([a-z_]+)\)$/.exec(text)?.[1] ?? text;
	return (SHEET_COLUMNS as readonly string[]).includes(key) ? (key as SheetColumn) : null;
}

/** Yes and no as written in a sheet: "Có"/"Không", "x", TRUE/FALSE. */
export function yesNo(value: boolean): string {
	return value ? 'Có' : 'Không';
}

/** The rows of a set, in the order of SHEET_COLUMNS, below the header. */
export function setToRows(content: CriteriaSetContent): Cell[][] {
	return content.groups.flatMap((group) => {
		const head = [group.code, group.name_vi, group.name_en];
		if (group.criteria.length === 0) return [[...head, ...SHEET_COLUMNS.slice(3).map(() => null)]];
		return group.criteria.map((criterion) => {
			const json = criterionToJson(criterion);
			return [
				...head,
				json.code,
				json.title_vi,
				json.title_en,
				json.type,
				json.comparator ?? null,
				json.target ?? null,
				json.points,
				yesNo(json.mandatory),
				yesNo(json.evidence_required ?? false),
				json.guidance_vi ?? null,
				json.guidance_en ?? null
			];
		});
	});
}

const blank = (cell: Cell | undefined) =>
	cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

const text = (cell: Cell) => (typeof cell === 'string' ? cell.trim() : String(cell));

/** The signs people type for "at least" and "at most" where Excel would start a formula. */
const SIGNS: Record<string, string> = { '≥': '>=', '≤': '<=', '＝': '=' };
const comparator = (cell: Cell) => SIGNS[text(cell)] ?? text(cell);

/** A number cell, or text that reads as one ("95,5" or "95.5"); anything else as it was. */
function numeric(cell: Cell): Cell {
	if (typeof cell !== 'string') return cell;
	const trimmed = cell.trim();
	return /^-?\d+(?:[.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : trimmed;
}

function boolean(cell: Cell): Cell {
	if (typeof cell !== 'string' && typeof cell !== 'number') return cell;
	const word = String(cell).trim().toLowerCase();
	if (YES.includes(word)) return true;
	if (NO.includes(word)) return false;
	return text(cell);
}

/** A criterion row as the JSON import reads it: blank cells leave their key out. */
function criterionObject(cells: Map<SheetColumn, Cell>): Record<string, unknown> {
	const object: Record<string, unknown> = {};
	const read: [SheetColumn, (cell: Cell) => unknown][] = [
		['code', text],
		['title_vi', text],
		['title_en', text],
		['type', text],
		['comparator', comparator],
		['target', numeric],
		['points', numeric],
		['mandatory', boolean],
		['evidence_required', boolean],
		['guidance_vi', text],
		['guidance_en', text]
	];
	for (const [column, convert] of read) {
		const cell = cells.get(column);
		if (!blank(cell)) object[column] = convert(cell!);
	}
	return object;
}

interface GroupDraft {
	row: number;
	object: Record<string, unknown>;
	criteria: Record<string, unknown>[];
	rows: number[];
}

/** Where a JSON path of the import lands in the sheet. */
function locate(path: string, groups: GroupDraft[]): { row: number; column: SheetColumn | null } {
	const match = /^groups\[(\d+)\](?:\.criteria\[(\d+)\])?(?:\.(\w+))?/.exec(path);
	if (!match) return { row: 1, column: null };
	const group = groups[Number(match[1])];
	const field = match[3] ?? null;
	if (match[2] !== undefined) {
		const column = (SHEET_COLUMNS as readonly string[]).includes(field ?? '') ? field : null;
		return { row: group.rows[Number(match[2])], column: column as SheetColumn | null };
	}
	const groupColumn = field === 'code' ? 'group_code' : field ? `group_${field}` : null;
	return {
		row: group.row,
		column: GROUP_COLUMNS.includes(groupColumn as SheetColumn) ? (groupColumn as SheetColumn) : null
	};
}

/**
 * Reads a set from a sheet's rows, the header first, or second below a title row (an exported
 * version names its audience there). Blank rows are skipped; rows of one group code form one
 * group, in the order the codes first appear.
 */
export function parseSetRows(rows: readonly (readonly Cell[])[]): SheetResult {
	const titled = !(rows[0] ?? []).some((cell) => headerKey(cell) !== null);
	const headerAt = titled && (rows[1] ?? []).some((cell) => headerKey(cell) !== null) ? 1 : 0;
	const columns = (rows[headerAt] ?? []).map(headerKey);
	const missing = SHEET_COLUMNS.filter((column) => !columns.includes(column));
	if (missing.length > 0) {
		return {
			ok: false,
			issues: missing.map((column) => ({ row: headerAt + 1, column, problem: 'no_header' }))
		};
	}
	const issues: SheetIssue[] = [];
	const groups: GroupDraft[] = [];
	const byCode = new Map<string, GroupDraft>();
	rows.slice(headerAt + 1).forEach((cellsOfRow, index) => {
		const row = index + headerAt + 2;
		const cells = new Map<SheetColumn, Cell>();
		columns.forEach((column, at) => column && cells.set(column, cellsOfRow[at] ?? null));
		if ([...cells.values()].every(blank)) return;
		const code = blank(cells.get('group_code')) ? '' : text(cells.get('group_code')!);
		const names = { name_vi: cells.get('group_name_vi'), name_en: cells.get('group_name_en') };
		let group = code ? byCode.get(code) : undefined;
		if (!group) {
			const object: Record<string, unknown> = {};
			if (code) object.code = code;
			for (const [key, cell] of Object.entries(names)) if (!blank(cell)) object[key] = text(cell!);
			group = { row, object, criteria: [], rows: [] };
			groups.push(group);
			if (code) byCode.set(code, group);
		} else {
			for (const [key, cell] of Object.entries(names)) {
				if (!blank(cell) && text(cell!) !== group.object[key]) {
					issues.push({
						row,
						column: `group_${key}` as SheetColumn,
						problem: 'group_names_differ'
					});
				}
			}
		}
		const criterion = criterionObject(cells);
		if (Object.keys(criterion).length === 0) return;
		group.criteria.push(criterion);
		group.rows.push(row);
	});
	const parsed = parseSetData({
		groups: groups.map((group) => ({ ...group.object, criteria: group.criteria }))
	});
	if (parsed.ok && issues.length === 0) return parsed;
	const shapeIssues = parsed.ok
		? []
		: parsed.issues.map((issue) => ({ ...locate(issue.path, groups), problem: issue.problem }));
	return { ok: false, issues: [...issues, ...shapeIssues].sort((a, b) => a.row - b.row) };
}
