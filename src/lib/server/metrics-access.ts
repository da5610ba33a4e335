// Who may read /metrics: nobody unless the operator turns it on with METRICS_TOKEN (a bearer token
// a scraper sends) and/or METRICS_ALLOW (the scrapers' addresses); when both are set, both must
// hold. Figures about the app's traffic are not for the public.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface MetricsAccessConfig {
	token?: string;
	allow?: string[];
}

export type MetricsAccess = 'off' | 'granted' | 'unauthorized' | 'forbidden';

export function metricsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MetricsAccessConfig {
	const token = env.METRICS_TOKEN?.trim() || undefined;
	const allow = (env.METRICS_ALLOW ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
	return { token, allow: allow.length > 0 ? allow : undefined };
}

/** IPv4 addresses reach a dual-stack server as ::ffff:a.b.c.d. */
function plainAddress(address: string): string {
	return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').toLowerCase();
}

function sameSecret(given: string, expected: string): boolean {
	const digest = (text: string) => createHash('sha256').update(text).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

export function metricsAccess(
	config: MetricsAccessConfig,
	request: { authorization: string | null; address: string }
): MetricsAccess {
	if (!config.token && !config.allow) return 'off';
	if (config.allow) {
		const from = plainAddress(request.address);
		if (!config.allow.some((entry) => plainAddress(entry) === from)) return 'forbidden';
	}
	if (config.token) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '');
		if (!match || !sameSecret(match[1], config.token)) return 'unauthorized';
	}
	return 'granted';
}
