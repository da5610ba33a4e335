// Addresses the app links to, in one place: pages, tests and anchors agree on them.

/** One assessment: `/campaigns/CAP-DHKM/units/16672/periods/2026-Q4` (before localisation). */
export function assessmentPath(campaign: string, unit: string, period: string): string {
	return `/campaigns/${campaign}/units/${unit}/periods/${period}`;
}

/** The id of a criterion's card on the assessment page: 'c-1_3' for criterion 1.3. */
export function criterionAnchor(code: string): string {
	return `c-${code.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** A unit's page or dashboard in a campaign; the campaign's own dashboard without a unit. */
export function unitPath(campaign: string, unit?: string): string {
	return unit ? `/campaigns/${campaign}/units/${unit}` : `/campaigns/${campaign}`;
}

export interface FigureQuery {
	/** The dashboard's unit; the campaign's root when absent. */
	unit?: string;
	period?: string;
	level?: string;
	/** How the rows are grouped ('tree' or an area set's code), and one area ('SET/AREA'). */
	by?: string;
	area?: string;
	/** One block's figures ('area' or 'institution'); every block together when absent. */
	block?: string;
}

function query(values: Record<string, string | undefined>): string {
	const entries = Object.entries(values).filter((entry): entry is [string, string] => !!entry[1]);
	return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

/** The tables of a dashboard as a file: `.xlsx` (both tables) or `.csv` (one). */
export function exportPath(
	campaign: string,
	format: 'xlsx' | 'csv',
	{ unit, period, level, by, area, block, table }: FigureQuery & { table?: 'groups' | 'units' }
): string {
	return `/campaigns/${campaign}/export.${format}${query({ unit, period, level, by, area, block, table })}`;
}

/** The print-ready A4 report of a dashboard. */
export function reportPath(
	campaign: string,
	{ unit, period, level, by, area, block }: FigureQuery
): string {
	return `/campaigns/${campaign}/report${query({ unit, period, level, by, area, block })}`;
}

/** The same report as a Word file. */
export function reportDocxPath(
	campaign: string,
	{ unit, period, level, by, area, block }: FigureQuery
): string {
	return `/campaigns/${campaign}/report.docx${query({ unit, period, level, by, area, block })}`;
}

/** One unit's assessment record of a period, to print and sign, and as a Word file. */
export function recordPath(campaign: string, unit: string, period: string, word = false): string {
	return `${assessmentPath(campaign, unit, period)}/${word ? 'record.docx' : 'record'}`;
}
