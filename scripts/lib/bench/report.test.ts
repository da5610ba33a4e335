import { describe, expect, it } from 'vitest';
import type { LoadResult, PageTiming } from './measure';
import {
	assessTargets,
	formatReport,
	withRatios,
	type BenchReport,
	type PageLoad,
	type ShapeReport
} from './report';

const loadOf = (page: PageLoad['page'], rps: number, p50: number | null, more = {}) => ({
	page,
	path: page === 'sign-in' ? '/login' : `/${page}`,
	rps,
	p50,
	p99: p50 === null ? null : p50 * 3,
	max: p50 === null ? null : p50 * 4,
	requests: rps * 10,
	non2xx: 0,
	errors: 0,
	timeouts: 0,
	errorMessages: [],
	...more
});
const timing = (p50: number, p95: number): PageTiming => ({
	p50,
	p95,
	samples: 50,
	source: 'server'
});
const scriptsOf = (gzip: number) =>
	(['province dashboard', 'national dashboard', 'assessment', 'sign-in'] as const).map((page) => ({
		page,
		path: `/${page}`,
		budget: {
			'province dashboard': 150_000,
			'national dashboard': 150_000,
			assessment: 100_000,
			'sign-in': 60_000
		}[page],
		files: ['_app/immutable/entry/start.js'],
		bytes: gzip * 3,
		gzipBytes: gzip
	}));

describe('withRatios', () => {
	it('sets each page against the sign-in page of the same run', () => {
		const ratios = withRatios([
			loadOf('sign-in', 2000, 10),
			loadOf('province', 900, 40),
			loadOf('national', 33, 900)
		] as Omit<PageLoad, 'ratio'>[]).map((page) => page.ratio);
		expect(ratios).toEqual([1, 0.45, 0.017]);
	});

	it('has no ratio without the sign-in page or when it answered nothing', () => {
		expect(withRatios([loadOf('province', 900, 40)] as LoadResult[] as never)[0].ratio).toBeNull();
		const none = withRatios([loadOf('sign-in', 0, null), loadOf('province', 9, 40)] as never);
		expect(none.map((page) => page.ratio)).toEqual([null, null]);
	});
});

describe('assessTargets', () => {
	const load = withRatios([
		loadOf('sign-in', 2000, 10),
		loadOf('province', 1100, 40),
		loadOf('national', 33, 900)
	] as never);
	const serverTime = [
		{ scale: 'province' as const, path: '/p', unchanged: timing(2, 3), afterChange: timing(5, 9) },
		{ scale: 'national' as const, path: '/n', unchanged: timing(2, 3), afterChange: timing(20, 30) }
	];

	it('checks PostgreSQL against its targets, each with the figure measured', () => {
		const checks = assessTargets({
			engine: 'postgresql',
			load,
			serverTime,
			scripts: scriptsOf(50_000),
			duration: 10
		});
		expect(checks.map((check) => [check.figure, check.met])).toEqual([
			['province dashboard requests/s', true],
			['province dashboard rps / sign-in rps', true],
			// p99 is 120 ms here.
			['province dashboard latency p50 / p99', true],
			['province dashboard server time p95 after a change', true],
			['national dashboard server time p95 after a change', false],
			['province dashboard JavaScript (gzip)', true],
			['national dashboard JavaScript (gzip)', true],
			['assessment JavaScript (gzip)', true],
			['sign-in JavaScript (gzip)', true]
		]);
		expect(checks[4]).toMatchObject({ value: '30.0 ms', target: '≤ 25 ms' });
		expect(checks[1]).toMatchObject({ value: '55.0 %', target: '≥ 40.0 %' });
	});

	it('checks PGlite for requests/s and no request over 2 s, not for server times', () => {
		const slow = withRatios([
			loadOf('sign-in', 800, 10),
			loadOf('province', 310, 400, { max: 2100 })
		] as never);
		const checks = assessTargets({
			engine: 'pglite',
			load: slow,
			serverTime,
			scripts: scriptsOf(70_000),
			duration: 10
		});
		expect(checks.map((check) => [check.figure, check.met])).toEqual([
			['province dashboard requests/s', true],
			['province dashboard slowest request', false],
			['province dashboard JavaScript (gzip)', true],
			['national dashboard JavaScript (gzip)', true],
			['assessment JavaScript (gzip)', true],
			['sign-in JavaScript (gzip)', false]
		]);
	});

	it('misses the latency targets when nothing was answered within the run', () => {
		const none = withRatios([loadOf('sign-in', 800, 10), loadOf('province', 0, null)] as never);
		const checks = assessTargets({
			engine: 'pglite',
			load: none,
			serverTime: [],
			scripts: [],
			duration: 3
		});
		expect(checks[1]).toMatchObject({ value: '> 3000 ms', met: false });
	});
});

describe('formatReport', () => {
	const run = {
		engine: 'postgresql',
		shape: '2025',
		seedSeconds: 61.24,
		counts: {
			units: 3300,
			treeUnits: 3335,
			provinces: 34,
			districts: 0,
			areas: 306,
			criteria: 23,
			periods: 16
		},
		provinceRows: 'areas',
		connections: 50,
		duration: 10,
		load: withRatios([loadOf('sign-in', 2000, 10), loadOf('province', 500, 60)] as never),
		serverTime: [
			{ scale: 'province', path: '/p', unchanged: timing(2, 3), afterChange: timing(5, 12) }
		],
		save: timing(20, 30),
		scripts: scriptsOf(50_000),
		checks: [],
		failures: []
	} as unknown as ShapeReport;
	run.checks = assessTargets(run);
	const report: BenchReport = {
		generatedAt: '2026-12-02T08:00:00.000Z',
		node: 'v20.20.2',
		samples: 50,
		runs: [run],
		skipped: [{ engine: 'pglite', reason: 'a reason', include: 'a command' }],
		targetsMet: false
	};
	const text = formatReport(report);

	it('prints the shape, the load with ratios, server times and JavaScript', () => {
		expect(text).toContain('== PostgreSQL, 2025 shape: 34 provinces, 0 districts, 3300 units');
		expect(text).toContain('seeded in 61.2 s; province dashboard rows: reporting areas');
		expect(text).toMatch(
			/province\s+\/province\s+500\.0\s+60\.0\s+180\.0\s+240\.0\s+0\s+0\s+0\s+25\.0 %/
		);
		expect(text).toMatch(/province\s+2\.0\s+3\.0\s+5\.0\s+12\.0/);
		expect(text).toMatch(/sign-in\s+1\s+150\.0\s+50\.0\s+60\s+✓/);
	});

	it('puts each target beside its figure and counts the misses without failing', () => {
		expect(text).toMatch(/✗\s+province dashboard requests\/s\s+500\.0\s+≥ 1000/);
		expect(text).toMatch(
			/✗\s+province dashboard server time p95 after a change\s+12\.0 ms\s+≤ 10 ms/
		);
		expect(text).toContain('PGlite skipped: a reason. Include it with: a command');
		expect(text).toContain('Targets: 4 of 8 met (a missed target does not fail the run)');
	});
});
