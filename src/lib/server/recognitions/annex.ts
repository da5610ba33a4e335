// A recognition decision's annex: the units it recognises (unit, parent, period, score) for its
// printable page and as .xlsx, with the decision above the table, as the dashboard's exports are.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { formatDate, formatNumber, formatPeriod, formatTime, localized } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { Database } from '../db/schema';
import { NotFound } from '../failure';
import { findDecision, listDecisionUnits, type DecisionRow, type DecisionUnit } from './decisions';
import { XLSX_TYPE } from '../http/content-types';

type Db = Kysely<Database>;

/** The decision and its units, or NotFound. */
export async function loadDecisionAnnex(db: Db, decisionId: number) {
	const decision = Number.isInteger(decisionId) ? await findDecision(db, decisionId) : undefined;
	if (!decision) throw new NotFound();
	const units = await listDecisionUnits(db, decision.id);
	return { decision, units };
}

/** A file name made of the decision's number and date: '123-QD-UBND_2026-11-20'. */
export function annexFileName(decision: Pick<DecisionRow, 'number' | 'date'>) {
	const number = decision.number
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return `${number || 'decision'}_${decision.date}.xlsx`;
}

/** The annex as a workbook: the decision's lines, then one row per unit. */
export async function annexXlsx(decision: DecisionRow, units: readonly DecisionUnit[]) {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = m.app_name();
	workbook.created = new Date();
	const sheet = workbook.addWorksheet(m.decision_annex_sheet().slice(0, 31));
	const campaign = localized(
		{ name_vi: decision.campaignNameVi, name_en: decision.campaignNameEn },
		'name'
	);
	sheet.addRow([
		m.decision_title({ number: decision.number, date: formatDate(decision.date) })
	]).font = { bold: true, size: 13 };
	sheet.addRow([`${campaign} (${decision.campaignCode})`]);
	sheet.addRow([m.decision_annex_count({ count: formatNumber(units.length) })]);
	sheet.addRow([m.export_generated({ time: formatTime(new Date()) })]);
	sheet.addRow([]);
	const columns = [
		{ header: m.decision_col_number(), width: 6 },
		{ header: m.export_col_code(), width: 10 },
		{ header: m.col_unit(), width: 32 },
		{ header: m.decision_col_parent(), width: 28 },
		{ header: m.col_period(), width: 22 },
		{ header: m.col_score(), width: 10 },
		{ header: m.unit_met(), width: 12 }
	];
	const header = sheet.addRow(columns.map((column) => column.header));
	header.font = { bold: true };
	header.alignment = { wrapText: true, vertical: 'top' };
	columns.forEach((column, index) => (sheet.getColumn(index + 1).width = column.width));
	// Numbers stay numbers; Excel shows them with the reader's separators (95,5 in Vietnamese).
	sheet.getColumn(1).numFmt = '#,##0';
	sheet.getColumn(6).numFmt = '0.0';
	units.forEach((unit, index) => {
		sheet.addRow([
			index + 1,
			unit.unitCode,
			unit.revokedAt ? `${unit.unitName} (${m.decision_revoked()})` : unit.unitName,
			unit.parentName ?? '',
			formatPeriod(unit.period),
			unit.score,
			`${unit.metCount}/${unit.criteriaCount}`
		]);
	});
	sheet.views = [{ state: 'frozen', ySplit: header.number }];
	return {
		name: annexFileName(decision),
		type: XLSX_TYPE,
		body: new Uint8Array(await workbook.xlsx.writeBuffer())
	};
}
