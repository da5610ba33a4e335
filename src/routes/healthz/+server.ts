// Liveness: the process answers. It asks nothing of the database, so a database outage never makes
// a supervisor restart a healthy process.
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	new Response('ok\n', {
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
