// The dashboard's figures as the body of the official report: the key figures in sentences, then
// the tables the charts draw (status counts, rows by unit, trend, weakest criteria, units at risk).
// Read from the dashboard service's own result: the report computes nothing a second way.
import { formatNumber, formatPercent, formatPeriod, localized } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { blockLabel, paceLabel } from '$lib/components/dashboard/labels';
import { audienceLabel } from '$lib/labels';
import { statusLabel } from '$lib/criteria-format';
import type { Block } from '../../domain/audiences';
import type { DataLevel } from '../../domain/data-level';
import type { Figures, GroupFigures, YearTarget } from '../../types/dashboard';
import type { DocumentBlock } from '../../types/official-document';

const points = (share: number) => formatNumber(share * 100, 1);
const average = (value: number | null) => (value === null ? m.no_score() : formatNumber(value, 1));

/** The key figures, as the dashboard's tiles word them. */
export function overview(figures: Figures, level: DataLevel): string[] {
	const { total } = figures;
	const empty = total.units === 0;
	const recognised = `${level === 'official' ? m.kpi_recognised() : m.kpi_recognised_provisional()}: ${formatNumber(total.counted)} / ${formatNumber(total.units)} (${
		level === 'official'
			? m.kpi_recognised_share({ share: formatPercent(total.share, 1) })
			: m.kpi_recognised_share_provisional({
					share: formatPercent(total.share, 1),
					awaiting: formatNumber(total.awaiting)
				})
	}).`;
	const lines = [recognised];
	if (total.target)
		lines.push(
			`${m.kpi_year_target({ year: String(total.target.year) })}: ${formatPercent(total.target.share)}; ${
				empty
					? m.kpi_no_units()
					: total.target.gapUnits > 0
						? m.kpi_gap({
								points: points(total.target.gapShare),
								units: formatNumber(total.target.gapUnits)
							})
						: m.kpi_gap_none()
			}.`
		);
	lines.push(
		`${m.kpi_pace()}: ${empty ? m.no_score() : paceLabel(total.pace.status)}${
			!empty && total.pace.ratio !== null
				? ` (${m.kpi_pace_detail({
						ratio: formatNumber(total.pace.ratio, 2),
						actual: points(total.pace.actualPerYear ?? 0),
						required: points(total.pace.requiredPerYear ?? 0)
					})})`
				: ''
		}.`,
		`${m.kpi_at_risk()}: ${formatNumber(figures.atRisk.count)}; ${m.kpi_at_risk_detail({ noData: formatNumber(figures.atRisk.noData) })}.`,
		`${m.kpi_average()}: ${average(total.averageScore)} (${m.kpi_average_basis_level({ count: formatNumber(total.assessed) })}).`
	);
	return lines;
}

const STATUSES = [
	['approved', m.status_approved],
	['verified', m.status_verified],
	['submitted', m.status_submitted],
	['draft', m.status_draft],
	['notStarted', m.status_none]
] as const;

const n = (value: number) => formatNumber(value);

/** Units per workflow status, by row and in total: the numbers of the workflow chart. */
export function statusTable(figures: Figures, groupHead: string): DocumentBlock {
	const row = (name: string, group: GroupFigures) => [
		name,
		...STATUSES.map(([key]) => n(group[key])),
		n(group.units)
	];
	return {
		kind: 'table',
		head: [groupHead, ...STATUSES.map(([, label]) => label()), m.col_units()],
		rows: [
			...figures.groups.map((group) => row(group.name, group)),
			row(m.row_total(), figures.total)
		],
		numeric: [false, true, true, true, true, true, true]
	};
}

/** The rows of the dashboard's table: districts or areas, or a district's own units. */
export function groupsTable(figures: Figures, groupHead: string): DocumentBlock {
	if (figures.mode === 'units' && figures.units)
		return {
			kind: 'table',
			head: [m.col_unit(), m.col_score(), m.col_met_count(), m.col_status(), m.col_pace()],
			rows: figures.units.rows.map((unit) => [
				unit.name,
				unit.score === null ? m.no_score() : formatNumber(unit.score, 1),
				unit.metCount === null ? m.no_score() : `${n(unit.metCount)}/${n(unit.criteriaCount ?? 0)}`,
				unit.recognised
					? m.unit_recognised_tag()
					: unit.status
						? statusLabel(unit.status)
						: m.status_none(),
				paceLabel(unit.pace)
			]),
			numeric: [false, true, true, false, false]
		};
	const { total } = figures;
	return {
		kind: 'table',
		head: [
			groupHead,
			m.col_units(),
			m.col_recognised(),
			m.col_awaiting(),
			m.col_counted_share(),
			m.col_pace(),
			m.col_average()
		],
		rows: [
			...figures.groups.map((row) => [
				row.name,
				n(row.units),
				n(row.recognised),
				n(row.awaiting),
				formatPercent(row.share),
				paceLabel(row.pace),
				average(row.averageScore)
			]),
			[
				m.row_total(),
				n(total.units),
				n(total.recognised),
				n(total.awaiting),
				formatPercent(total.share),
				paceLabel(total.pace.status),
				average(total.averageScore)
			]
		],
		numeric: [false, true, true, true, true, false, true]
	};
}

/** The trend chart's numbers: each period shown with its share and the roadmap's. */
export function trendTable(figures: Figures): DocumentBlock {
	const shown = figures.trend.filter((point) => point.share !== null);
	const share = (value: number | null) => (value === null ? m.no_score() : formatPercent(value, 1));
	return {
		kind: 'table',
		head: [m.col_period(), m.col_units(), m.trend_actual(), m.trend_roadmap()],
		rows: shown.map((point) => [
			formatPeriod(point.label),
			point.units === null ? m.no_score() : n(point.units),
			share(point.share),
			share(point.roadmap)
		]),
		numeric: [false, true, true, true]
	};
}

export function weakestTable(figures: Figures): DocumentBlock {
	if (figures.weakest.length === 0) return { kind: 'paragraph', text: m.official_none() };
	// Criteria of several sets (communes', schools'…) may share a code: each row names its set.
	const several = new Set(figures.weakest.map((rate) => rate.audience)).size > 1;
	return {
		kind: 'table',
		head: [
			m.col_criterion(),
			m.col_met_count(),
			m.col_met_rate(),
			...(several ? [m.col_audience()] : [])
		],
		rows: figures.weakest.map((rate) => [
			`${rate.code}. ${localized(rate, 'title')}${rate.mandatory ? ` (${m.criterion_mandatory()})` : ''}`,
			`${n(rate.met)}/${n(rate.assessed)}`,
			formatPercent(rate.rate, 1),
			...(several ? [audienceLabel(rate.audience)] : [])
		]),
		numeric: [false, true, true, ...(several ? [false] : [])]
	};
}

export function riskTable(figures: Figures, groupHead: string): DocumentBlock {
	if (figures.atRisk.units.length === 0) return { kind: 'paragraph', text: m.official_none() };
	return {
		kind: 'table',
		head: [m.col_unit(), groupHead, m.col_score(), m.col_pace()],
		rows: figures.atRisk.units.map((unit) => [
			unit.name,
			unit.groupName,
			unit.score === null ? m.no_score() : formatNumber(unit.score, 1),
			paceLabel(unit.status)
		]),
		numeric: [false, false, true, false]
	};
}

/** A block's total, or every block's together (block null), as its own dashboard counts it. */
export interface BlockFigures {
	block: Block | null;
	units: number;
	/** The units the data level counts as recognised, and their share of the units. */
	counted: number;
	share: number;
	target: YearTarget | null;
}

/** The blocks side by side: each on its own denominator, against its own year's target. */
export function blocksTable(rows: BlockFigures[]): DocumentBlock {
	const year = rows.find((row) => row.target)?.target?.year;
	return {
		kind: 'table',
		head: [
			m.blocks_col_block(),
			m.col_units(),
			m.col_recognised(),
			m.col_counted_share(),
			m.blocks_col_target({ year: year === undefined ? '' : String(year) })
		],
		rows: rows.map((row) => [
			blockLabel(row.block),
			n(row.units),
			n(row.counted),
			formatPercent(row.share, 1),
			row.target ? formatPercent(row.target.share) : m.no_score()
		]),
		numeric: [false, true, true, true, true]
	};
}
