// The campaign report in the Decree 30 layout, for the print page and the Word file alike: the
// dashboard service's figures for the same address (period, unit, level, grouping, area).
import type { Kysely } from 'kysely';
import { formatPeriod, localized } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { blockLabel, levelLabel, levelNote } from '$lib/components/dashboard/labels';
import type { Campaign, Database } from '../db/schema';
import { loadDashboard, type DashboardOptions, type DashboardRoot } from '../dashboard/service';
import type { Block } from '../../domain/audiences';
import type { DashboardData } from '../../types/dashboard';
import type { DocumentBlock, OfficialDocument } from '../../types/official-document';
import {
	blocksTable,
	groupsTable,
	type BlockFigures,
	overview,
	riskTable,
	statusTable,
	trendTable,
	weakestTable
} from './campaign-figures';
import { officialFrame, recipients, signer } from './frame';

export interface CampaignReport {
	dashboard: DashboardData;
	/** Each block's figures side by side, when the campaign has two and the report counts both. */
	byBlock: BlockFigures[] | null;
	document: OfficialDocument;
}

/** The report's subject: the campaign and the period by its name ('Quý IV/2026'). */
export function reportSubject(dashboard: DashboardData): string {
	return m.official_report_subject({
		campaign: localized(dashboard.campaign, 'name'),
		period: dashboard.period ? formatPeriod(dashboard.period.label) : ''
	});
}

function body(dashboard: DashboardData, byBlock: BlockFigures[] | null): DocumentBlock[] {
	const scope = {
		kind: 'paragraph' as const,
		text: m.official_scope({
			scope:
				dashboard.blocks.choices.length > 1
					? `${dashboard.root.name} · ${m.blocks_scope({ block: blockLabel(dashboard.blocks.current) })}`
					: dashboard.root.name,
			level: `${levelLabel(dashboard.level)}: ${levelNote(dashboard.level)}`
		})
	};
	if (!dashboard.figures) return [scope, { kind: 'paragraph', text: m.dashboard_no_period() }];
	const { figures } = dashboard;
	const groupHead = figures.mode === 'units' ? m.col_unit() : m.col_district();
	return [
		scope,
		{ kind: 'heading', text: m.official_section_overview() },
		...overview(figures, dashboard.level).map((text) => ({ kind: 'paragraph' as const, text })),
		...(byBlock
			? [{ kind: 'heading' as const, text: m.blocks_report_heading() }, blocksTable(byBlock)]
			: []),
		{ kind: 'heading', text: m.official_section_status() },
		statusTable(figures, groupHead),
		{ kind: 'heading', text: m.official_section_groups() },
		groupsTable(figures, groupHead),
		{ kind: 'heading', text: m.official_section_trend() },
		trendTable(figures),
		{ kind: 'heading', text: m.official_section_weakest() },
		weakestTable(figures),
		{ kind: 'heading', text: m.official_section_risk() },
		riskTable(figures, groupHead)
	];
}

/**
 * The figures of each block in the same period, from each block's own dashboard: for a report of
 * every block together of a campaign that has two; null otherwise.
 */
async function blockFigures(
	db: Kysely<Database>,
	campaign: Campaign,
	root: DashboardRoot,
	options: DashboardOptions,
	dashboard: DashboardData
): Promise<BlockFigures[] | null> {
	if (!dashboard.period || dashboard.blocks.current || dashboard.blocks.choices.length < 2)
		return null;
	const period = dashboard.period.label;
	const figuresOf = async (block: Block): Promise<BlockFigures> => {
		const { figures } = await loadDashboard(db, campaign, root, { ...options, period, block });
		const total = figures!.total;
		return {
			block,
			units: total.units,
			counted: total.counted,
			share: total.share,
			target: total.target
		};
	};
	const { total } = dashboard.figures!;
	return [
		...(await Promise.all(dashboard.blocks.choices.map(figuresOf))),
		{
			block: null,
			units: total.units,
			counted: total.counted,
			share: total.share,
			target: total.target
		}
	];
}

/**
 * The dashboard of `root` with `options`, and the document that reports it. The issuing body is
 * the police of the unit at the top of the dashboard (the province for the campaign's own).
 */
export async function loadCampaignReport(
	db: Kysely<Database>,
	campaign: Campaign,
	root: DashboardRoot,
	options: DashboardOptions,
	now = new Date()
): Promise<CampaignReport> {
	const dashboard = await loadDashboard(db, campaign, root, options);
	const byBlock = await blockFigures(db, campaign, root, options, dashboard);
	return {
		dashboard,
		byBlock,
		document: {
			frame: officialFrame(root.name, 'BC', now),
			kind: m.official_report_kind(),
			subject: reportSubject(dashboard),
			blocks: body(dashboard, byBlock),
			recipients: recipients(),
			signers: [signer()]
		}
	};
}
