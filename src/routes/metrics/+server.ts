// Prometheus figures, for a configured token or address only; 404 when turned off, as if absent.
import { clientAddress } from '$lib/server/auth/client';
import { metricsAccess, metricsConfigFromEnv } from '$lib/server/metrics-access';
import { registry } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

const config = metricsConfigFromEnv();

export const GET: RequestHandler = async (event) => {
	const access = metricsAccess(config, {
		authorization: event.request.headers.get('authorization'),
		address: clientAddress(event)
	});
	const plain = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
	if (access === 'off') return new Response('Not found\n', { status: 404, headers: plain });
	if (access === 'unauthorized') {
		return new Response('Unauthorized\n', {
			status: 401,
			headers: { ...plain, 'www-authenticate': 'Bearer' }
		});
	}
	if (access === 'forbidden') return new Response('Forbidden\n', { status: 403, headers: plain });
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
};
