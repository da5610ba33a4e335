// Prometheus figures for /metrics (off unless METRICS_TOKEN or METRICS_ALLOW is set, see
// ./metrics-access.ts): request durations by route, the PostgreSQL pool, the process's own.
import client from 'prom-client';
import { configFromEnv, poolFigures } from './db/connect';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const requestDuration = new client.Histogram({
	name: 'http_request_duration_seconds',
	help: 'Time to answer a request, by method, route and status class',
	labelNames: ['method', 'route', 'status_class'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

/** Known methods only, so a client cannot grow the label set. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function observeRequest(
	method: string,
	route: string | null,
	status: number,
	seconds: number
): void {
	requestDuration.observe(
		{
			method: METHODS.has(method) ? method : 'OTHER',
			// The route's id (/campaigns/[campaign]), never the path: unknown paths share one label.
			route: route ?? 'unmatched',
			status_class: `${Math.floor(status / 100)}xx`
		},
		seconds
	);
}

const figuresReuse = new client.Counter({
	name: 'figures_reuse_total',
	help: 'Dashboards served: figures computed, figures reused, or the whole page reused',
	labelNames: ['result'] as const,
	registers: [registry]
});

export function countReuse(result: 'computed' | 'reused' | 'page'): void {
	figuresReuse.inc({ result });
}

if (configFromEnv().url) {
	const figure = (
		name: string,
		help: string,
		read: (f: NonNullable<ReturnType<typeof poolFigures>>) => number
	) =>
		new client.Gauge({
			name,
			help,
			registers: [registry],
			collect() {
				const figures = poolFigures();
				this.set(figures ? read(figures) : 0);
			}
		});
	figure('pg_pool_clients', 'PostgreSQL connections the pool holds', (f) => f.total);
	figure('pg_pool_idle_clients', 'PostgreSQL connections the pool holds unused', (f) => f.idle);
	figure(
		'pg_pool_waiting_requests',
		'Queries waiting for a PostgreSQL connection',
		(f) => f.waiting
	);
}
