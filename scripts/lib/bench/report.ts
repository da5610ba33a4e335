// The benchmark's figures: one JSON document, or tables to read, each figure beside the target
// issue 15 sets for it (✓ met, ✗ missed). A missed target does not fail the run; errors do.
import type { SyntheticShape } from '../../seed/synthetic';
import type { PageScripts } from './javascript';
import type { LoadResult, PageTiming } from './measure';
import type { TreeCounts } from './prepare';

export type Engine = 'pglite' | 'postgresql';
/** The pages under load: the signed-out sign-in page (the trivial page) and the dashboards. */
export type LoadedPage = 'sign-in' | 'province' | 'national';
export type Scale = 'province' | 'national';
/** The pages whose JavaScript is measured. */
export type ScriptPage = 'province dashboard' | 'national dashboard' | 'assessment' | 'sign-in';

export interface PageLoad extends LoadResult {
	page: LoadedPage;
	path: string;
	/** requests/s over the sign-in page's in the same run (1 for the sign-in page itself). */
	ratio: number | null;
}

export interface ServerTime {
	scale: Scale;
	path: string;
	/** Repeated GETs, nothing written between them. */
	unchanged: PageTiming;
	/** Each GET right after an officer's save. */
	afterChange: PageTiming;
}

export interface ScriptSize extends PageScripts {
	page: ScriptPage;
	path: string;
	/** gzip bytes allowed. */
	budget: number;
}

export interface Check {
	figure: string;
	value: string;
	target: string;
	met: boolean;
}

export interface ShapeReport {
	engine: Engine;
	shape: SyntheticShape;
	seedSeconds: number;
	counts: TreeCounts;
	/** What the province dashboard's rows are: the province's districts, communes, or areas. */
	provinceRows: 'areas' | 'tree';
	connections: number;
	duration: number;
	load: PageLoad[];
	serverTime: ServerTime[];
	/** An officer's save (one committed transaction), server time. */
	save: PageTiming;
	scripts: ScriptSize[];
	checks: Check[];
	/** Answers other than 2xx, connection errors or timeouts under load: the run fails. */
	failures: string[];
}

export interface BenchReport {
	generatedAt: string;
	node: string;
	samples: number;
	runs: ShapeReport[];
	skipped: { engine: Engine; reason: string; include: string }[];
	/** Every check of every run met (null when nothing ran). */
	targetsMet: boolean | null;
}

/** Issue 15's targets. */
export const TARGETS = {
	postgresql: { provinceRps: 1000, provinceRatio: 0.4, provinceP50: 50, provinceP99: 150 },
	afterChangeP95: { national: 25, province: 10 },
	pglite: { provinceRps: 300, provinceMax: 2000 },
	/** gzip bytes (kB of 1,000 bytes). */
	scripts: {
		'province dashboard': 150_000,
		'national dashboard': 150_000,
		assessment: 100_000,
		'sign-in': 60_000
	} satisfies Record<ScriptPage, number>
} as const;

const ms = (value: number) => `${value.toFixed(1)} ms`;
/** A latency under load; none when nothing was answered within the run's `seconds`. */
const latency = (value: number | null, seconds: number) =>
	value === null ? `> ${seconds * 1000}` : value.toFixed(1);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

/** The ratio of each page's requests/s to the sign-in page's in the same run. */
export function withRatios(load: Omit<PageLoad, 'ratio'>[]): PageLoad[] {
	const trivial = load.find((page) => page.page === 'sign-in');
	return load.map((page) => ({
		...page,
		ratio: trivial && trivial.rps > 0 ? Math.round((page.rps / trivial.rps) * 1000) / 1000 : null
	}));
}

/** Each target that applies to the run's engine, with the figure measured. */
export function assessTargets(
	run: Pick<ShapeReport, 'engine' | 'load' | 'serverTime' | 'scripts' | 'duration'>
): Check[] {
	const checks: Check[] = [];
	const province = run.load.find((page) => page.page === 'province');
	if (province && run.engine === 'postgresql') {
		const aim = TARGETS.postgresql;
		checks.push(
			{
				figure: 'province dashboard requests/s',
				value: province.rps.toFixed(1),
				target: `≥ ${aim.provinceRps}`,
				met: province.rps >= aim.provinceRps
			},
			{
				figure: 'province dashboard rps / sign-in rps',
				value: province.ratio === null ? '–' : percent(province.ratio),
				target: `≥ ${percent(aim.provinceRatio)}`,
				met: province.ratio !== null && province.ratio >= aim.provinceRatio
			},
			{
				figure: 'province dashboard latency p50 / p99',
				value:
					`${latency(province.p50, run.duration)} / ` + `${latency(province.p99, run.duration)} ms`,
				target: `≤ ${aim.provinceP50} / ${aim.provinceP99} ms`,
				met:
					province.p50 !== null &&
					province.p99 !== null &&
					province.p50 <= aim.provinceP50 &&
					province.p99 <= aim.provinceP99
			}
		);
	}
	if (province && run.engine === 'pglite') {
		const aim = TARGETS.pglite;
		checks.push(
			{
				figure: 'province dashboard requests/s',
				value: province.rps.toFixed(1),
				target: `≥ ${aim.provinceRps}`,
				met: province.rps >= aim.provinceRps
			},
			{
				figure: 'province dashboard slowest request',
				value:
					`${latency(province.max, run.duration)} ms` +
					(province.timeouts > 0 ? `, ${province.timeouts} timeouts` : ''),
				target: `≤ ${aim.provinceMax} ms`,
				met: province.max !== null && province.max <= aim.provinceMax && province.timeouts === 0
			}
		);
	}
	if (run.engine === 'postgresql') {
		for (const time of run.serverTime) {
			const aim = TARGETS.afterChangeP95[time.scale];
			checks.push({
				figure: `${time.scale} dashboard server time p95 after a change`,
				value: ms(time.afterChange.p95),
				target: `≤ ${aim} ms`,
				met: time.afterChange.p95 <= aim
			});
		}
	}
	for (const script of run.scripts) {
		checks.push({
			figure: `${script.page} JavaScript (gzip)`,
			value: kB(script.gzipBytes),
			target: `≤ ${kB(script.budget)}`,
			met: script.gzipBytes <= script.budget
		});
	}
	return checks;
}

const ENGINE_NAMES: Record<Engine, string> = { pglite: 'PGlite', postgresql: 'PostgreSQL' };

function table(rows: string[][], rightAligned: Set<number>): string {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	return rows
		.map((row) =>
			row
				.map((cell, column) =>
					rightAligned.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])
				)
				.join('  ')
				.trimEnd()
		)
		.join('\n');
}

const timed = (timing: PageTiming, value: number) =>
	value.toFixed(1) + (timing.source === 'client' ? '*' : '');

function formatRun(run: ShapeReport): string[] {
	const { counts } = run;
	const lines = [
		`== ${ENGINE_NAMES[run.engine]}, ${run.shape} shape: ${counts.provinces} provinces, ` +
			`${counts.districts} districts, ${counts.units} units (${counts.treeUnits} in the tree), ` +
			`${counts.areas} areas, ${counts.criteria} criteria, ${counts.periods} periods; ` +
			`seeded in ${run.seedSeconds.toFixed(1)} s; province dashboard rows: ` +
			(run.provinceRows === 'areas' ? 'reporting areas' : 'the tree'),
		'',
		`Under load: ${run.connections} connections for ${run.duration} s each (autocannon; ` +
			'latency client-measured, queueing included)'
	];
	const loadRows = [
		['page', 'path', 'rps', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'timeouts', 'ratio']
	];
	for (const page of run.load) {
		loadRows.push([
			page.page,
			page.path,
			page.rps.toFixed(1),
			latency(page.p50, run.duration),
			latency(page.p99, run.duration),
			latency(page.max, run.duration),
			String(page.non2xx),
			String(page.errors),
			String(page.timeouts),
			page.ratio === null ? '–' : percent(page.ratio)
		]);
	}
	lines.push(table(loadRows, new Set([2, 3, 4, 5, 6, 7, 8, 9])), '');
	lines.push('Server time (Server-Timing app;dur; * client-measured where the header was missing)');
	const timeRows = [['dashboard', 'unchanged p50', 'p95', 'after a change p50', 'p95']];
	for (const time of run.serverTime) {
		timeRows.push([
			time.scale,
			timed(time.unchanged, time.unchanged.p50),
			timed(time.unchanged, time.unchanged.p95),
			timed(time.afterChange, time.afterChange.p50),
			timed(time.afterChange, time.afterChange.p95)
		]);
	}
	timeRows.push([
		'(an officer’s save)',
		'',
		'',
		timed(run.save, run.save.p50),
		timed(run.save, run.save.p95)
	]);
	lines.push(table(timeRows, new Set([1, 2, 3, 4])), '');
	lines.push('JavaScript of the first view (gzip -9, every file once)');
	const scriptRows = [['page', 'files', 'raw kB', 'gzip kB', 'budget kB', '']];
	for (const script of run.scripts) {
		scriptRows.push([
			script.page,
			String(script.files.length),
			(script.bytes / 1000).toFixed(1),
			(script.gzipBytes / 1000).toFixed(1),
			(script.budget / 1000).toFixed(0),
			script.gzipBytes <= script.budget ? '✓' : '✗'
		]);
	}
	lines.push(table(scriptRows, new Set([1, 2, 3, 4])), '');
	lines.push('Targets (issue 15)');
	lines.push(
		table(
			run.checks.map((check) => [check.met ? '✓' : '✗', check.figure, check.value, check.target]),
			new Set([2])
		)
	);
	for (const failure of run.failures) lines.push(`FAILED: ${failure}`);
	return lines;
}

export function formatReport(report: BenchReport): string {
	const lines = [
		`Kiểu mẫu benchmark, ${report.generatedAt}, Node ${report.node}; ` +
			`server times over ${report.samples} requests after 5 warm-up ones`,
		''
	];
	for (const run of report.runs) lines.push(...formatRun(run), '');
	for (const skipped of report.skipped) {
		lines.push(
			`${ENGINE_NAMES[skipped.engine]} skipped: ${skipped.reason}. Include it with: ${skipped.include}`
		);
	}
	const missed = report.runs.reduce(
		(sum, run) => sum + run.checks.filter((check) => !check.met).length,
		0
	);
	const all = report.runs.reduce((sum, run) => sum + run.checks.length, 0);
	lines.push(
		report.targetsMet === null
			? 'Targets: not measured'
			: `Targets: ${all - missed} of ${all} met` +
					(missed > 0 ? ' (a missed target does not fail the run)' : '')
	);
	return lines.join('\n');
}
