// npm run bench [-- --engines pglite,postgresql --shapes 2024,2025 --units N --units-2025 N --samples N --duration S
//   --connections N --json --keep]
// For each engine (PGlite always; PostgreSQL too when DATABASE_URL is set) and each shape of the
// synthetic national tree, seeds a fresh database, serves the built app on 127.0.0.1, and
// measures: the signed-out sign-in page (the trivial page) and the province and national
// dashboards under load; the dashboards' server time unchanged and right after an officer's save;
// and the JavaScript the key pages load. Progress goes to stderr, the figures to stdout (one JSON
// document with --json; `npm run -s` keeps npm's banner off stdout). --keep leaves the databases
// behind for EXPLAIN ANALYZE.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../src/lib/server/db/connect';
import {
	SHAPES,
	SYNTHETIC_CAMPAIGN,
	SYNTHETIC_SHAPES,
	type SyntheticShape
} from './seed/synthetic';
import { pageScripts } from './lib/bench/javascript';
import { checkPage, loadPage, timeAfterSaves, timePage } from './lib/bench/measure';
import { dropPostgresDatabase, prepareDatabase } from './lib/bench/prepare';
import {
	TARGETS,
	assessTargets,
	formatReport,
	withRatios,
	type BenchReport,
	type Engine,
	type PageLoad,
	type ScriptPage,
	type ShapeReport
} from './lib/bench/report';
import { startServer } from './lib/bench/server';
import { recreatePostgresDatabase } from './lib/database';
import { buildIfNeeded } from './lib/serve';

const WARM_UP = 5;
const ENGINES: readonly Engine[] = ['pglite', 'postgresql'];
const SIGN_IN = '/login';
const CLIENT_DIR = path.resolve(import.meta.dirname, '../build/client');

function readOptions() {
	const { values } = parseArgs({
		options: {
			shapes: { type: 'string', default: SYNTHETIC_SHAPES.join(',') },
			engines: { type: 'string', default: ENGINES.join(',') },
			units: { type: 'string', default: String(SHAPES['2024'].communes) },
			'units-2025': { type: 'string', default: String(SHAPES['2025'].communes) },
			samples: { type: 'string', default: '50' },
			duration: { type: 'string', default: '10' },
			connections: { type: 'string', default: '50' },
			json: { type: 'boolean', default: false },
			keep: { type: 'boolean', default: false }
		}
	});
	const whole = (name: 'units' | 'units-2025' | 'samples' | 'duration' | 'connections') => {
		const value = Number(values[name]);
		if (!Number.isInteger(value) || value <= 0) {
			throw new Error(`--${name} needs a positive whole number, not ${values[name]}.`);
		}
		return value;
	};
	const shapes = [...new Set(values.shapes.split(',').map((shape) => shape.trim()))];
	for (const shape of shapes) {
		if (!SYNTHETIC_SHAPES.includes(shape as SyntheticShape)) {
			throw new Error(
				`--shapes takes ${SYNTHETIC_SHAPES.join(', ')} (comma-separated), not ${shape}.`
			);
		}
	}
	const engines = [...new Set(values.engines.split(',').map((engine) => engine.trim()))];
	for (const engine of engines) {
		if (!ENGINES.includes(engine as Engine)) {
			throw new Error(`--engines takes ${ENGINES.join(', ')} (comma-separated), not ${engine}.`);
		}
	}
	return {
		engines: engines as Engine[],
		shapes: shapes as SyntheticShape[],
		units: { '2024': whole('units'), '2025': whole('units-2025') } as Record<
			SyntheticShape,
			number
		>,
		samples: whole('samples'),
		duration: whole('duration'),
		connections: whole('connections'),
		json: values.json,
		keep: values.keep
	};
}
type Options = ReturnType<typeof readOptions>;

const log = (line: string) => process.stderr.write(`${line}\n`);
let failed = false;

// Undone last first, on success, failure or Ctrl+C: the server, then its database.
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp() {
	for (let step = cleanups.pop(); step; step = cleanups.pop()) {
		try {
			await step();
		} catch (error) {
			log(`cleanup: ${error instanceof Error ? error.message : error}`);
		}
	}
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

/** A fresh database for the engine and shape, the environment that points the app at it, a log. */
async function freshDatabase(engine: Engine, shape: SyntheticShape, keep: boolean) {
	const env: NodeJS.ProcessEnv = { ...process.env };
	const dir = mkdtempSync(path.join(os.tmpdir(), `kieumau-bench-${shape}-`));
	if (keep) log(`keeping ${dir}`);
	else {
		cleanups.push(() => {
			// A failed run keeps the server's log for a look.
			if (failed) log(`keeping ${dir} (the server's log) after the failure`);
			else rmSync(dir, { recursive: true, force: true });
		});
	}
	if (engine === 'postgresql') {
		const base = configFromEnv().url!;
		const name = `kieumau_bench_${shape}`;
		env.DATABASE_URL = await recreatePostgresDatabase(base, name);
		if (keep) log(`keeping the database ${env.DATABASE_URL}`);
		else cleanups.push(() => dropPostgresDatabase(base, name));
	} else {
		delete env.DATABASE_URL;
		env.DATA_DIR = path.join(dir, 'data');
	}
	return { env, logFile: path.join(dir, 'server.log') };
}

/**
 * Waits until the sign-in page, which asks the database, answers within 100 ms, or 60 s passed:
 * the requests a load leaves open (autocannon drops them; the server finishes them) are done.
 */
async function settle(signIn: string, say: (line: string) => void) {
	const started = performance.now();
	for (;;) {
		const before = performance.now();
		const answered = await fetch(signIn).then(
			(response) => response.arrayBuffer().then(() => response.ok),
			() => false
		);
		if (answered && performance.now() - before < 100) return;
		if (performance.now() - started > 60_000) {
			say('the server is still busy after 60 s; going on');
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

async function benchShape(
	engine: Engine,
	shape: SyntheticShape,
	options: Options
): Promise<ShapeReport> {
	const say = (line: string) => log(`[${engine} ${shape}] ${line}`);
	const { env, logFile } = await freshDatabase(engine, shape, options.keep);
	const units = options.units[shape];
	say(`seeding ${units} units…`);
	const prepared = await prepareDatabase(configFromEnv(env), { units, shape, log: say });
	const server = await startServer(env, say, logFile);
	cleanups.push(() => server.stop());
	const at = (pagePath: string) => server.url + pagePath;

	const campaign = `/campaigns/${SYNTHETIC_CAMPAIGN}`;
	const leader = prepared.cookie;
	const paths = { province: `${campaign}/units/${prepared.codes.province}`, national: campaign };
	const pages: { page: ScriptPage; path: string; cookie: string }[] = [
		{ page: 'province dashboard', path: paths.province, cookie: leader },
		{ page: 'national dashboard', path: paths.national, cookie: leader },
		{ page: 'assessment', path: prepared.save.page, cookie: prepared.save.cookie },
		{ page: 'sign-in', path: SIGN_IN, cookie: '' }
	];
	const html = new Map<ScriptPage, string>();
	for (const page of pages) html.set(page.page, await checkPage(at(page.path), page.cookie));
	const { area } = prepared.codes;
	const provinceRows = area && html.get('province dashboard')!.includes(area) ? 'areas' : 'tree';
	const failures: string[] = [];
	if (shape === '2025' && provinceRows !== 'areas') {
		failures.push(`the province dashboard ${paths.province} does not list the areas (${area})`);
	}
	const scripts = pages.map(({ page, path: pagePath }) => ({
		page,
		path: pagePath,
		budget: TARGETS.scripts[page],
		...pageScripts(html.get(page)!, at(pagePath), CLIENT_DIR)
	}));

	// Sequential timings first, then the loads: requests a load leaves open run on after it.
	const timing = { warmUp: WARM_UP, samples: options.samples };
	const save = { ...prepared.save, url: at(prepared.save.page) };
	let version = 0;
	const serverTime: ShapeReport['serverTime'] = [];
	let saveTiming: ShapeReport['save'] | undefined;
	for (const scale of ['province', 'national'] as const) {
		say(`timing ${paths[scale]}, unchanged then after saves`);
		const unchanged = await timePage(at(paths[scale]), leader, timing);
		const after = await timeAfterSaves(
			save,
			{ url: at(paths[scale]), cookie: leader },
			{ ...timing, version }
		);
		version = after.version;
		saveTiming ??= after.save;
		serverTime.push({ scale, path: paths[scale], unchanged, afterChange: after.afterChange });
	}

	const loaded: Omit<PageLoad, 'ratio'>[] = [];
	for (const [page, pagePath, cookie] of [
		['sign-in', SIGN_IN, ''],
		['province', paths.province, leader],
		['national', paths.national, leader]
	] as const) {
		await settle(at(SIGN_IN), say);
		say(`loading ${pagePath} for ${options.duration} s`);
		await timePage(at(pagePath), cookie, { warmUp: WARM_UP, samples: 1 });
		const load = await loadPage(at(pagePath), cookie, options);
		if (load.non2xx > 0 || load.errors > 0) {
			failures.push(
				`${page} page under load: ${load.non2xx} answers other than 2xx and ` +
					`${load.errors} connection errors or timeouts beside ${load.requests} answers` +
					(load.errorMessages.length > 0 ? ` (${load.errorMessages.join(', ')})` : '')
			);
		}
		loaded.push({ page, path: pagePath, ...load });
	}

	await server.stop();

	const load = withRatios(loaded);
	const run = { engine, load, serverTime, scripts, duration: options.duration };
	return {
		...run,
		shape,
		seedSeconds: prepared.seedSeconds,
		counts: prepared.counts,
		provinceRows,
		connections: options.connections,
		save: saveTiming!,
		checks: assessTargets(run),
		failures
	};
}

async function main() {
	const options = readOptions();
	buildIfNeeded(log);
	const runs: ShapeReport[] = [];
	const skipped: BenchReport['skipped'] = [];
	for (const engine of options.engines) {
		if (engine === 'postgresql' && !process.env.DATABASE_URL) {
			skipped.push({
				engine,
				reason: 'DATABASE_URL is not set',
				include: 'DATABASE_URL=postgres://127.0.0.1:5432/postgres npm run bench'
			});
			continue;
		}
		for (const shape of options.shapes) {
			runs.push(await benchShape(engine, shape, options));
			await cleanUp();
		}
	}
	const report: BenchReport = {
		generatedAt: new Date().toISOString(),
		node: process.version,
		samples: options.samples,
		runs,
		skipped,
		targetsMet: runs.length === 0 ? null : runs.every((run) => run.checks.every((c) => c.met))
	};
	process.stdout.write(
		`${options.json ? JSON.stringify(report, null, '\t') : formatReport(report)}\n`
	);
	// The figures are out; failures under load still fail the run.
	const failures = runs.flatMap((run) =>
		run.failures.map((failure) => `${run.engine} ${run.shape}: ${failure}`)
	);
	if (failures.length > 0) throw new Error(failures.join('; '));
}

try {
	await main();
} catch (error) {
	failed = true;
	log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
	process.exitCode = 1;
} finally {
	await cleanUp();
}
