// npm run figures:time [-- --samples N]: times the synthetic campaign's dashboard (national root and
// one province) right after a change, on PostgreSQL (DATABASE_URL), with each query's own time.
// For profiling the kept figures; `npm run db:synth` first.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { parseArgs } from 'node:util';
import type { Database } from '../src/lib/server/db/schema';
import { findCampaignByCode } from '../src/lib/server/campaigns/repository';
import { loadDashboard, type DashboardRoot } from '../src/lib/server/dashboard/service';
import { SYNTHETIC_CAMPAIGN } from './seed/synthetic';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '30' } } });
const samples = Number(values.samples);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to the synthetic database.');

/** The dashboard's queries by what they read; others by their first words. */
const LABELS: [string, string][] = [
	['count(*)::int AS n', 'units without pace (countUnpacedUnits)'],
	['formed AS', 'unit rows (loadUnitRows)'],
	['misses AS', 'criterion rates (loadCriterionRates)'],
	['periods WHERE campaign_id', 'trend (loadTrend)'],
	['GROUPING SETS', 'group figures (loadGroupFigures)'],
	['criterion_results', 'group scores (loadGroupScores)']
];
const labelOf = (text: string) =>
	LABELS.find(([needle]) => text.includes(needle))?.[1] ?? text.replace(/\s+/g, ' ').slice(0, 70);

/** Each query's text head and time, for the sample being timed. */
let queries: { sql: string; ms: number }[] = [];
const db = new Kysely<Database>({
	dialect: new PostgresDialect({
		pool: new pg.Pool({
			connectionString: url,
			max: 10,
			options: '-c jit=off',
			// As the app reads them (src/lib/server/db/connect.ts): numbers, and dates as text.
			types: {
				getTypeParser: ((oid: number, format?: string) => {
					if (oid === 20 || oid === 1700) return Number;
					if (oid === 1082) return (value: string) => value;
					return pg.types.getTypeParser(oid, format as 'text');
				}) as typeof pg.types.getTypeParser
			}
		})
	}),
	log(event) {
		if (event.level === 'query')
			queries.push({ sql: labelOf(event.query.sql), ms: event.queryDurationMillis });
	}
});

const percentile = (times: number[], p: number) =>
	[...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(p * times.length))];

/** A change the dashboard shows: one assessment's score moves, in its own transaction. */
async function change(campaignId: number, turn: number) {
	await sql`UPDATE assessments SET score = ${40 + (turn % 50)}
		WHERE id = (SELECT id FROM assessments WHERE campaign_id = ${campaignId}
			AND status = 'draft' ORDER BY id LIMIT 1)`.execute(db);
}

async function time(label: string, campaignId: number, root: DashboardRoot) {
	const campaign = await db
		.selectFrom('campaigns')
		.selectAll()
		.where('id', '=', campaignId)
		.executeTakeFirstOrThrow();
	const totals: number[] = [];
	const perQuery = new Map<string, number[]>();
	for (let i = 0; i < samples + 3; i++) {
		await change(campaignId, i);
		queries = [];
		const started = performance.now();
		await loadDashboard(db, campaign, root, { period: null, level: 'official' });
		const ms = performance.now() - started;
		if (i < 3) continue;
		totals.push(ms);
		for (const query of queries)
			perQuery.set(query.sql, [...(perQuery.get(query.sql) ?? []), query.ms]);
	}
	console.log(
		`${label}: p50 ${percentile(totals, 0.5).toFixed(1)} ms, p95 ${percentile(totals, 0.95).toFixed(1)} ms (${samples} samples, after a change each)`
	);
	const rows = [...perQuery].sort((a, b) => percentile(b[1], 0.5) - percentile(a[1], 0.5));
	for (const [text, times] of rows.slice(0, 8))
		console.log(`  ${percentile(times, 0.5).toFixed(1).padStart(7)} ms  ${text}`);
}

try {
	const campaign = await findCampaignByCode(db, SYNTHETIC_CAMPAIGN);
	if (!campaign) throw new Error(`No ${SYNTHETIC_CAMPAIGN}: run npm run db:synth first.`);
	const nation = await db
		.selectFrom('units')
		.select(['id', 'code', 'name', 'path'])
		.where('path', '=', '/VN/')
		.executeTakeFirstOrThrow();
	const province = await db
		.selectFrom('units')
		.select(['id', 'code', 'name', 'path'])
		.where('parent_id', '=', nation.id)
		.orderBy('code')
		.executeTakeFirstOrThrow();
	await time('national', campaign.id, nation);
	await time(`province ${province.code}`, campaign.id, province);
} finally {
	await db.destroy();
}
