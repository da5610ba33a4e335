// The campaign report in the Decree 30 layout, for the print page and the Word file alike: the
// dashboard service's figures for the same address (period, unit, level, grouping, area).
import type { Kysely } from 'kysely';
import { formatPeriod, localized } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { levelLabel, levelNote } from '$lib/components/dashboard/labels';
import type { Campaign, Database } from '../db/schema';
import { loadDashboard, type DashboardOptions, type DashboardRoot } from '../dashboard/service';
import type { DashboardData } from '../../types/dashboard';
import type { DocumentBlock, OfficialDocument } from '../../types/official-document';
import {
	groupsTable,
	overview,
	riskTable,
	statusTable,
	trendTable,
	weakestTable
} from './campaign-figures';
import { officialFrame, recipients, signer } from './frame';

export interface CampaignReport {
	dashboard: DashboardData;
	document: OfficialDocument;
}

/** The report's subject: the campaign and the period by its name ('Quý IV/2026'). */
export function reportSubject(dashboard: DashboardData): string {
	return m.official_report_subject({
		campaign: localized(dashboard.campaign, 'name'),
		period: dashboard.period ? formatPeriod(dashboard.period.label) : ''
	});
}

function body(dashboard: DashboardData): DocumentBlock[] {
	const scope = {
		kind: 'paragraph' as const,
		text: m.official_scope({
			scope: dashboard.root.name,
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
	return {
		dashboard,
		document: {
			frame: officialFrame(root.name, 'BC', now),
			kind: m.official_report_kind(),
			subject: reportSubject(dashboard),
			blocks: body(dashboard),
			recipients: recipients(),
			signers: [signer()]
		}
	};
}
