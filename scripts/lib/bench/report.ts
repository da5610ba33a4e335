// The benchmark's figures: one JSON document, or a table to read.
import type { LoadResult, PageTiming } from './measure';

export type Engine = 'pglite' | 'postgresql';
export type Scale = 'province' | 'national';
/** 'save' posts a note into a draft assessment (one committed transaction). */
export type PageName = 'dashboard' | 'district' | 'unit' | 'save';

export interface EngineReport {
	engine: Engine;
	seedSeconds: number;
	pages: ({ scale: Scale; page: PageName; path: string } & PageTiming)[];
	load: ({ scale: Scale; path: string; connections: number; duration: number } & LoadResult)[];
	/** Answers other than 2xx, connection errors or timeouts under load: the run fails. */
	failures: string[];
}

export interface BenchReport {
	generatedAt: string;
	node: string;
	/** Commune-level units (the ones assessed); treeUnits adds the nation, provinces, districts. */
	units: number;
	treeUnits: number;
	criteria: number;
	periods: number;
	engines: EngineReport[];
	skipped: { engine: Engine; reason: string; include: string }[];
	aim: { p95Ms: number; engine: Engine; scale: Scale; met: boolean | null; misses: string[] };
}

export const AIM = { p95Ms: 50, engine: 'postgresql', scale: 'national' } as const;

export function assessAim(engines: EngineReport[]): BenchReport['aim'] {
	const engine = engines.find((candidate) => candidate.engine === AIM.engine);
	const misses = (engine?.pages ?? [])
		.filter((page) => page.scale === AIM.scale && page.p95 > AIM.p95Ms)
		.map((page) => `${page.page} (p95 ${page.p95.toFixed(1)} ms)`);
	return { ...AIM, met: engine ? misses.length === 0 : null, misses };
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

export function formatReport(report: BenchReport): string {
	const lines = [
		`Kiểu mẫu benchmark, ${report.generatedAt}, Node ${report.node}`,
		`${report.units} units (${report.treeUnits} in the tree), ${report.criteria} criteria, ` +
			`${report.periods} periods`,
		...report.engines.map(
			(engine) => `${ENGINE_NAMES[engine.engine]}: seeded in ${engine.seedSeconds.toFixed(1)} s`
		),
		''
	];
	const rows = [['engine', 'scale', 'page', 'path', 'p50 ms', 'p95 ms', 'rps', 'load p95 ms']];
	for (const engine of report.engines) {
		for (const page of engine.pages) {
			const load = engine.load.find(
				(candidate) => candidate.scale === page.scale && candidate.path === page.path
			);
			rows.push([
				ENGINE_NAMES[engine.engine],
				page.scale,
				page.page,
				page.path,
				page.p50.toFixed(1) + (page.source === 'client' ? '*' : ''),
				page.p95.toFixed(1) + (page.source === 'client' ? '*' : ''),
				load ? load.rps.toFixed(1) : '',
				load ? load.latencyP95.toFixed(1) : ''
			]);
		}
	}
	lines.push(table(rows, new Set([4, 5, 6, 7])), '');
	const first = report.engines[0];
	if (first) {
		const { pages, load } = first;
		lines.push(
			`p50, p95: server time (Server-Timing) of ${pages[0].samples} sequential requests after warm-up` +
				(pages.some((page) => page.source === 'client')
					? '; * client-measured, the header was missing'
					: ''),
			`rps, load p95: the dashboard under ${load[0].connections} connections for ${load[0].duration} s ` +
				`(autocannon; latency client-measured, queueing included)`
		);
	}
	for (const engine of report.engines) {
		for (const failure of engine.failures)
			lines.push(`FAILED ${ENGINE_NAMES[engine.engine]}: ${failure}`);
	}
	for (const skipped of report.skipped) {
		lines.push(
			`${ENGINE_NAMES[skipped.engine]} skipped: ${skipped.reason}. Include it with: ${skipped.include}`
		);
	}
	const { aim } = report;
	const verdict =
		aim.met === null ? 'not measured' : aim.met ? 'met' : `missed by ${aim.misses.join(', ')}`;
	lines.push(
		`Aim p95 ≤ ${aim.p95Ms} ms at ${aim.scale} scale on ${ENGINE_NAMES[aim.engine]}: ${verdict}`
	);
	return lines.join('\n');
}
