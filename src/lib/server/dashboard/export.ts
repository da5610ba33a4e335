// A dashboard's tables as files: the same figures the page shows, as .xlsx (one sheet per table,
// with the campaign, period and data level above) or as CSV (one table, machine-readable).
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { toCsv } from '../../domain/csv';
import { audienceLabel, blockLabel, levelLabel, paceLabel } from '$lib/components/dashboard/labels';
import { statusLabel } from '$lib/criteria-format';
import { formatPercent, formatPeriod, formatTime, localized } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { DashboardData, Figures } from '../../types/dashboard';
import type { Campaign, Database } from '../db/schema';
import { NotFound } from '../failure';
import { BY_TREE, loadDashboard, type DashboardOptions, type DashboardRoot } from './service';
import { XLSX_TYPE } from '../http/content-types';

type Cell = string | number | boolean | null;

export interface Table {
	name: string;
	/** Numbers stay numbers; the format lets the spreadsheet show them with the reader's marks. */
	columns: { header: string; width: number; format?: NumberFormat }[];
	rows: Cell[][];
}

export type ExportTable = 'groups' | 'units';

type NumberFormat = 'count' | 'percent' | 'decimal';

/** Excel number formats: the separators shown are the reader's (1.234 and 95,5 in Vietnamese). */
const NUMBER_FORMATS: Record<NumberFormat, string> = {
	count: '#,##0',
	percent: '0.0%',
	decimal: '0.0'
};

/** Whether a dashboard's rows are the areas of a reporting area set. */
const byAreas = (data: DashboardData) => !!data.grouping && data.grouping.by !== BY_TREE;

function groupsTable(data: DashboardData, figures: Figures): Table {
	const rule = data.campaign.district_min_share;
	return {
		name: m.export_sheet_groups(),
		columns: [
			{ header: m.export_col_code(), width: 10 },
			{ header: byAreas(data) ? m.figures_col_area() : m.col_district(), width: 28 },
			{ header: m.col_units(), width: 10, format: 'count' },
			{ header: m.col_recognised(), width: 12, format: 'count' },
			{ header: m.col_awaiting(), width: 12, format: 'count' },
			{ header: m.col_counted_share(), width: 14, format: 'percent' },
			{ header: m.col_pace(), width: 18 },
			...(rule === null
				? []
				: [{ header: m.col_district_rule({ share: formatPercent(rule) }), width: 16 }]),
			{ header: m.col_assessed_level(), width: 12, format: 'count' },
			{ header: m.col_average(), width: 10, format: 'decimal' as const },
			{ header: m.status_approved(), width: 12, format: 'count' },
			{ header: m.status_verified(), width: 12, format: 'count' },
			{ header: m.status_submitted(), width: 12, format: 'count' },
			{ header: m.status_draft(), width: 12, format: 'count' },
			{ header: m.status_none(), width: 14, format: 'count' }
		],
		rows: [
			...figures.groups,
			{
				...figures.total,
				code: '',
				name: m.row_total(),
				pace: figures.total.pace.status,
				districtMet: null
			}
		].map((row) => [
			row.code,
			row.name,
			row.units,
			row.recognised,
			row.awaiting,
			rounded(row.share),
			paceLabel(row.pace),
			...(rule === null
				? []
				: [
						row.districtMet === null
							? null
							: row.districtMet
								? m.district_rule_met()
								: m.district_rule_not_met()
					]),
			row.assessed,
			row.averageScore,
			row.approved,
			row.verified,
			row.submitted,
			row.draft,
			row.notStarted
		])
	};
}

function unitsTable(figures: Figures): Table {
	const units = figures.units;
	const columns = units?.columns ?? [];
	// On a district's dashboard every unit is its own group: the column would repeat the name.
	const grouped = figures.mode === 'groups';
	// Each audience's units are scored against its own set: its groups' columns say whose they are.
	const named = columns.some((column) => column.audience !== 'area');
	return {
		name: m.export_sheet_units(),
		columns: [
			{ header: m.export_col_code(), width: 10 },
			{ header: m.col_unit(), width: 28 },
			...(grouped ? [{ header: m.export_col_group(), width: 24 }] : []),
			{ header: m.col_status(), width: 16 },
			{ header: m.col_score(), width: 8, format: 'decimal' },
			{ header: m.col_met_count(), width: 12, format: 'count' },
			{ header: m.export_col_criteria_count(), width: 12, format: 'count' },
			{ header: m.unit_mandatory(), width: 14 },
			{ header: m.col_eligible(), width: 12 },
			{ header: m.unit_recognised_tag(), width: 12 },
			{ header: m.col_pace(), width: 18 },
			{ header: m.col_last_change(), width: 18 },
			...columns.map((column) => ({
				header: `${named ? `${audienceLabel(column.audience)} · ` : ''}${column.code}. ${localized(column, 'name')}`,
				width: 16,
				format: 'percent' as const
			}))
		],
		rows: (units?.rows ?? []).map((row) => [
			row.code,
			row.name,
			...(grouped ? [row.groupName] : []),
			statusLabel(row.status),
			row.score,
			row.metCount,
			row.criteriaCount,
			yesNo(row.mandatoryMet),
			yesNo(row.eligible),
			yesNo(row.recognised),
			paceLabel(row.pace),
			row.updatedAt ? formatTime(row.updatedAt) : null,
			...columns.map((column) =>
				column.audience === row.audience ? rounded(row.groups[column.code]) : null
			)
		])
	};
}

/** Shares to four decimals (0.1 of a percentage point): what a reader can use, no float noise. */
const rounded = (share: number | undefined) =>
	share === undefined ? null : Math.round(share * 10_000) / 10_000;

const yesNo = (value: boolean | null) => (value === null ? null : value ? m.yes() : m.no());

/** The tables of a dashboard loaded with `allUnits`: its groups (when it has any) and its units. */
export function exportTables(data: DashboardData): Table[] {
	const figures = data.figures;
	if (!figures) return [];
	return figures.mode === 'groups'
		? [groupsTable(data, figures), unitsTable(figures)]
		: [unitsTable(figures)];
}

/** The lines above each sheet: what the figures are. */
function describe(data: DashboardData): string[] {
	return [
		`${localized(data.campaign, 'name')} (${data.campaign.code})`,
		m.export_scope({ unit: data.root.name, period: formatPeriod(data.period?.label ?? '') }),
		...(data.blocks.choices.length > 1
			? [m.blocks_scope({ block: blockLabel(data.blocks.current) })]
			: []),
		m.export_level({ level: levelLabel(data.level) }),
		m.export_generated({ time: formatTime(new Date()) })
	];
}

export async function toXlsx(data: DashboardData, tables: Table[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = m.app_name();
	workbook.created = new Date();
	for (const table of tables) {
		const sheet = workbook.addWorksheet(table.name.slice(0, 31));
		for (const line of describe(data)) sheet.addRow([line]);
		sheet.getRow(1).font = { bold: true, size: 13 };
		sheet.addRow([]);
		const header = sheet.addRow(table.columns.map((column) => column.header));
		header.font = { bold: true };
		header.alignment = { wrapText: true, vertical: 'top' };
		table.columns.forEach((column, index) => {
			const sheetColumn = sheet.getColumn(index + 1);
			sheetColumn.width = column.width;
			if (column.format) sheetColumn.numFmt = NUMBER_FORMATS[column.format];
		});
		for (const row of table.rows) sheet.addRow(row);
		sheet.views = [{ state: 'frozen', ySplit: header.number, xSplit: 2 }];
		sheet.autoFilter = {
			from: { row: header.number, column: 1 },
			to: { row: header.number, column: table.columns.length }
		};
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * One table as CSV, with a byte-order mark so spreadsheet programs read the Vietnamese right.
 * CSV is the machine-readable form: numbers keep the point and shares stay fractions, so scripts
 * and imports read them whatever the locale; people's copy is the .xlsx, formatted for the reader.
 */
export function toCsvFile(table: Table): string {
	return '\uFEFF' + toCsv([table.columns.map((column) => column.header), ...table.rows]);
}

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface DashboardFile {
	name: string;
	type: string;
	body: Uint8Array<ArrayBuffer> | string;
}

/**
 * A dashboard's tables as a file named after what it holds: every table in .xlsx; in CSV one
 * table, the units unless `table` asks for the groups. A campaign without the period is NotFound.
 */
export async function exportDashboard(
	db: Kysely<Database>,
	campaign: Campaign,
	root: DashboardRoot,
	format: ExportFormat,
	options: DashboardOptions,
	table: string | null
): Promise<DashboardFile> {
	const data = await loadDashboard(db, campaign, root, { ...options, allUnits: true });
	if (!data.period) throw new NotFound('Period not found');
	const tables = exportTables(data);
	// The file names what it holds: the area or the grouping when not the tree's.
	const name = [
		campaign.code,
		data.grouping?.area ? `${data.grouping.area.set}-${data.grouping.area.code}` : root.code,
		...(byAreas(data) ? [data.grouping!.by] : []),
		...(data.blocks.current ? [data.blocks.current] : []),
		data.period.label,
		data.level
	].join('_');
	if (format === 'xlsx')
		return {
			name: `${name}.xlsx`,
			type: XLSX_TYPE,
			body: new Uint8Array(await toXlsx(data, tables))
		};
	const wanted = table === 'groups' ? 0 : tables.length - 1;
	const suffix = tables.length > 1 && wanted === 0 ? '_groups' : '';
	return {
		name: `${name}${suffix}.csv`,
		type: 'text/csv; charset=utf-8',
		body: toCsvFile(tables[wanted])
	};
}
