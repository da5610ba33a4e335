// npm run bench [-- --units N --samples N --duration S --connections N --json --keep]
// Seeds the synthetic national tree in a fresh database (PGlite always; PostgreSQL too when
// DATABASE_URL is set), serves the built app on 127.0.0.1 and times the dashboard, a district
// page and a unit page at province and national scale. Progress goes to stderr, the figures to
// stdout (one JSON document with --json; `npm run -s` keeps npm's banner off stdout). --keep
// leaves the databases behind for EXPLAIN ANALYZE.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../src/lib/server/db/connect';
import { SYNTHETIC_CAMPAIGN } from './seed/synthetic';
import { checkPage, loadPage, timePage, timeSaves } from './lib/bench/measure';
import { dropPostgresDatabase, prepareDatabase, type PreparedDatabase } from './lib/bench/prepare';
import {
	assessAim,
	formatReport,
	type BenchReport,
	type Engine,
	type EngineReport,
	type PageName,
	type Scale
} from './lib/bench/report';
import { startServer } from './lib/bench/server';
import { recreatePostgresDatabase } from './lib/database';
import { buildIfNeeded } from './lib/serve';

const WARM_UP = 5;
const BENCH_DATABASE = 'kieumau_bench';

function readOptions() {
	const { values } = parseArgs({
		options: {
			units: { type: 'string', default: '10600' },
			samples: { type: 'string', default: '50' },
			duration: { type: 'string', default: '10' },
			connections: { type: 'string', default: '10' },
			json: { type: 'boolean', default: false },
			keep: { type: 'boolean', default: false }
		}
	});
	const whole = (name: 'units' | 'samples' | 'duration' | 'connections') => {
		const value = Number(values[name]);
		if (!Number.isInteger(value) || value <= 0) {
			throw new Error(`--${name} needs a positive whole number, not ${values[name]}.`);
		}
		return value;
	};
	return {
		units: whole('units'),
		samples: whole('samples'),
		duration: whole('duration'),
		connections: whole('connections'),
		json: values.json,
		keep: values.keep
	};
}

const log = (line: string) => process.stderr.write(`${line}\n`);

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

/** A fresh database for the engine, and the environment that points the app at it. */
async function freshDatabase(engine: Engine, keep: boolean): Promise<NodeJS.ProcessEnv> {
	const env: NodeJS.ProcessEnv = { ...process.env };
	if (engine === 'postgresql') {
		const base = configFromEnv().url!;
		env.DATABASE_URL = await recreatePostgresDatabase(base, BENCH_DATABASE);
		if (keep) log(`keeping the database ${env.DATABASE_URL}`);
		else cleanups.push(() => dropPostgresDatabase(base, BENCH_DATABASE));
		return env;
	}
	delete env.DATABASE_URL;
	env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'kieumau-bench-'));
	const dir = env.DATA_DIR;
	if (keep) log(`keeping the PGlite data in ${dir}`);
	else cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return env;
}

async function benchEngine(
	engine: Engine,
	options: ReturnType<typeof readOptions>
): Promise<{ report: EngineReport; prepared: PreparedDatabase }> {
	const say = (line: string) => log(`[${engine}] ${line}`);
	const env = await freshDatabase(engine, options.keep);
	say(`seeding ${options.units} units…`);
	const prepared = await prepareDatabase(configFromEnv(env), { units: options.units, log: say });
	const server = await startServer(env, say);
	cleanups.push(() => server.stop());

	const campaign = `/campaigns/${SYNTHETIC_CAMPAIGN}`;
	const { province, district, unit } = prepared.codes;
	const dashboards: Record<Scale, string> = {
		province: `${campaign}/units/${province}`,
		national: campaign
	};
	const report: EngineReport = {
		engine,
		seedSeconds: prepared.seedSeconds,
		pages: [],
		load: [],
		failures: []
	};
	for (const scale of ['province', 'national'] as const) {
		const pages: Record<Exclude<PageName, 'save'>, string> = {
			dashboard: dashboards[scale],
			district: `${campaign}/units/${district}`,
			unit: `${campaign}/units/${unit}`
		};
		for (const pagePath of Object.values(pages))
			await checkPage(server.url + pagePath, prepared.cookie);
		for (const [page, pagePath] of Object.entries(pages) as [Exclude<PageName, 'save'>, string][]) {
			say(`timing the ${scale} ${page} page ${pagePath}`);
			const timing = await timePage(server.url + pagePath, prepared.cookie, {
				warmUp: WARM_UP,
				samples: options.samples
			});
			report.pages.push({ scale, page, path: pagePath, ...timing });
		}
		say(`loading ${pages.dashboard} for ${options.duration} s`);
		const load = await loadPage(server.url + pages.dashboard, prepared.cookie, options);
		if (load.non2xx > 0 || load.errors > 0) {
			report.failures.push(
				`${scale} dashboard under load: ${load.non2xx} answers other than 2xx and ` +
					`${load.errors} connection errors or timeouts beside ${load.requests} answers` +
					(load.errorMessages.length > 0 ? ` (${load.errorMessages.join(', ')})` : '')
			);
		}
		report.load.push({
			scale,
			path: pages.dashboard,
			connections: options.connections,
			duration: options.duration,
			...load
		});
	}
	say(`timing saves into ${prepared.save.page}`);
	const saves = await timeSaves(server.url + prepared.save.page, prepared.save, {
		warmUp: WARM_UP,
		samples: options.samples
	});
	report.pages.push({ scale: 'province', page: 'save', path: prepared.save.page, ...saves });
	return { report, prepared };
}

async function main() {
	const options = readOptions();
	buildIfNeeded(log);
	const engines: EngineReport[] = [];
	const skipped: BenchReport['skipped'] = [];
	let counts: PreparedDatabase['counts'] | undefined;
	for (const engine of ['pglite', 'postgresql'] as const) {
		if (engine === 'postgresql' && !process.env.DATABASE_URL) {
			skipped.push({
				engine,
				reason: 'DATABASE_URL is not set',
				include: 'DATABASE_URL=postgres://127.0.0.1:5432/postgres npm run bench'
			});
			continue;
		}
		const { report, prepared } = await benchEngine(engine, options);
		engines.push(report);
		counts ??= prepared.counts;
		await cleanUp();
	}
	const report: BenchReport = {
		generatedAt: new Date().toISOString(),
		node: process.version,
		...counts!,
		engines,
		skipped,
		aim: assessAim(engines)
	};
	process.stdout.write(
		`${options.json ? JSON.stringify(report, null, '\t') : formatReport(report)}\n`
	);
	// The figures are out; failures under load still fail the run.
	const failures = engines.flatMap((engine) => engine.failures);
	if (failures.length > 0) throw new Error(failures.join('; '));
}

try {
	await main();
} catch (error) {
	log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
	process.exitCode = 1;
} finally {
	await cleanUp();
}
