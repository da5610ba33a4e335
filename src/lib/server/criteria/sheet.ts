// A criteria set as an Excel workbook, as provinces write them: the criteria sheet (one row per
// criterion, the layout of criteria-sheet.ts) with lists to pick from, and a sheet of guidance.
// Reading keeps only the first sheet's values; the rows are judged by the JSON import's checks.
// An exported version names its audience in a title row, and as the workbook's category so that
// an import into another audience's draft can refuse it.
import ExcelJS from 'exceljs';
import { isAudience, type Audience } from '$lib/domain/audiences';
import type { CriteriaSetContent } from '$lib/domain/criteria-set';
import {
	SHEET_COLUMNS,
	parseSetRows,
	setToRows,
	yesNo,
	type Cell,
	type SheetColumn,
	type SheetIssue,
	type SheetResult
} from '$lib/domain/criteria-sheet';
import { COMPARATORS, CRITERION_TYPES, RATINGS } from '$lib/domain/scoring';
import type { FileAudience } from '$lib/domain/set-audience';
import { m } from '$lib/paraglide/messages';
import { XLSX_TYPE } from '../http/content-types';

const COLUMN_TEXT: Record<SheetColumn, { label: () => string; width: number; note: () => string }> =
	{
		group_code: {
			label: m.criteria_sheet_group_code,
			width: 10,
			note: m.criteria_sheet_note_group_code
		},
		group_name_vi: {
			label: m.criteria_sheet_group_name_vi,
			width: 28,
			note: m.criteria_sheet_note_name
		},
		group_name_en: {
			label: m.criteria_sheet_group_name_en,
			width: 24,
			note: m.criteria_sheet_note_name
		},
		code: { label: m.criteria_sheet_code, width: 10, note: m.criteria_sheet_note_code },
		title_vi: { label: m.criteria_sheet_title_vi, width: 48, note: m.criteria_sheet_note_title },
		title_en: { label: m.criteria_sheet_title_en, width: 40, note: m.criteria_sheet_note_title },
		type: { label: m.criteria_sheet_type, width: 16, note: m.criteria_sheet_note_type },
		comparator: {
			label: m.criteria_sheet_comparator,
			width: 12,
			note: m.criteria_sheet_note_comparator
		},
		target: { label: m.criteria_sheet_target, width: 12, note: m.criteria_sheet_note_target },
		points: { label: m.criteria_sheet_points, width: 9, note: m.criteria_sheet_note_points },
		mandatory: { label: m.criteria_sheet_mandatory, width: 12, note: m.criteria_sheet_note_yes_no },
		evidence_required: {
			label: m.criteria_sheet_evidence,
			width: 14,
			note: m.criteria_sheet_note_yes_no
		},
		guidance_vi: {
			label: m.criteria_sheet_guidance_vi,
			width: 40,
			note: m.criteria_sheet_note_guidance
		},
		guidance_en: {
			label: m.criteria_sheet_guidance_en,
			width: 36,
			note: m.criteria_sheet_note_guidance
		}
	};

/** The header cell: the column's name for people, its key for the import ("Điểm (points)"). */
export function columnHeader(column: SheetColumn): string {
	return `${COLUMN_TEXT[column].label()} (${column})`;
}

const LISTS: Partial<Record<SheetColumn, readonly string[]>> = {
	type: CRITERION_TYPES,
	comparator: COMPARATORS,
	mandatory: [yesNo(true), yesNo(false)],
	evidence_required: [yesNo(true), yesNo(false)]
};

/** Whose set a workbook holds, and its title in words ("Bộ tiêu chí Nhà trường, phiên bản 1"). */
export interface WorkbookTitle {
	audience: Audience;
	title: string;
}

/** The workbook of a set, under its title when it has one; an empty set makes the template. */
export async function criteriaWorkbook(
	content: CriteriaSetContent,
	named?: WorkbookTitle
): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = m.app_name();
	const headerRow = named ? 2 : 1;
	const sheet = workbook.addWorksheet(m.criteria_sheet_name(), {
		views: [{ state: 'frozen', ySplit: headerRow }]
	});
	sheet.columns = SHEET_COLUMNS.map((column) => ({
		header: columnHeader(column),
		key: column,
		width: COLUMN_TEXT[column].width
	}));
	// Codes are text: typed into a General cell, 2.10 would become the number 2.1.
	for (const column of ['group_code', 'code']) sheet.getColumn(column).numFmt = '@';
	if (named) {
		workbook.title = named.title;
		workbook.category = named.audience;
		sheet.insertRow(1, [named.title]);
		sheet.getRow(1).font = { bold: true, size: 13 };
	}
	sheet.getRow(headerRow).font = { bold: true };
	sheet.getRow(headerRow).alignment = { wrapText: true, vertical: 'top' };
	for (const cells of setToRows(content)) sheet.addRow(cells);
	// Lists to pick from on the rows people will fill: those written and a few hundred more.
	const last = Math.max(sheet.rowCount, headerRow) + 300;
	for (const [column, values] of Object.entries(LISTS)) {
		const letter = sheet.getColumn(column).letter;
		for (let row = headerRow + 1; row <= last; row++) {
			sheet.getCell(`${letter}${row}`).dataValidation = {
				type: 'list',
				allowBlank: true,
				formulae: [`"${values.join(',')}"`]
			};
		}
	}
	addGuide(workbook);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addGuide(workbook: ExcelJS.Workbook) {
	const guide = workbook.addWorksheet(m.criteria_sheet_guide_name());
	guide.columns = [
		{ header: m.criteria_sheet_guide_column(), width: 36 },
		{ header: m.criteria_sheet_guide_meaning(), width: 90 }
	];
	guide.getRow(1).font = { bold: true };
	for (const column of SHEET_COLUMNS)
		guide.addRow([columnHeader(column), COLUMN_TEXT[column].note()]);
	guide.addRow([]);
	guide.addRow([m.criteria_sheet_guide_types(), CRITERION_TYPES.join(', ')]);
	guide.addRow([m.criteria_sheet_guide_ratings(), RATINGS.join(', ')]);
	guide.addRow([m.criteria_sheet_guide_rows(), m.criteria_sheet_guide_rows_note()]);
	guide.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

/** What a cell holds, whatever Excel stored: rich text, a formula's result, a link's text. */
function cellValue(value: ExcelJS.CellValue): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		return value;
	}
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if ('richText' in value) return value.richText.map((part) => part.text).join('');
	if ('formula' in value || 'sharedFormula' in value) {
		return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
	}
	if ('text' in value) return String(value.text);
	return null;
}

/** True when the bytes are a zip archive, as every .xlsx is. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/**
 * Reads the first sheet of a workbook into a set and the audience the workbook names, or the
 * problems by row and column.
 */
export async function readCriteriaWorkbook(
	bytes: Uint8Array
): Promise<
	| (SheetResult & { ok: true; audience: FileAudience })
	| (SheetResult & { ok: false })
	| { ok: false; unreadable: true }
> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	} catch {
		return { ok: false, unreadable: true };
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) return { ok: false, unreadable: true };
	const rows: Cell[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row, number) => {
		const values = row.values as ExcelJS.CellValue[];
		rows[number - 1] = values.slice(1).map(cellValue);
	});
	const read = parseSetRows(Array.from(rows, (row) => row ?? []));
	if (!read.ok) return read;
	// A category that is no audience was written by someone else's hand: it names none.
	const category = workbook.category?.trim();
	return { ...read, audience: { ok: true, audience: isAudience(category) ? category : null } };
}

/** Where a problem is, in words: "Dòng 5, cột Điểm (points)". */
export function sheetIssuePath(issue: SheetIssue): string {
	return issue.column
		? m.criteria_sheet_where({ row: issue.row, column: columnHeader(issue.column) })
		: m.criteria_sheet_where_row({ row: issue.row });
}

/** A workbook as a download. */
export function xlsxResponse(name: string, body: Uint8Array): Response {
	return new Response(body as BodyInit, {
		headers: {
			'content-type': XLSX_TYPE,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
}
