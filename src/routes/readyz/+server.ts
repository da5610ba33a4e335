// Readiness: the database answers and holds every migration of this build. A load balancer sends
// no traffic while it answers 503. The body names no version, host or error.
import { getDb } from '$lib/server/db';
import { readiness } from '$lib/server/db/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const state = await readiness(getDb());
	return new Response(state.ready ? 'ready\n' : `not ready: ${state.reason}\n`, {
		status: state.ready ? 200 : 503,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
};
