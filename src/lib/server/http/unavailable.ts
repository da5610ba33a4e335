// While the database cannot be reached, every answer says so the same way: 503 with Retry-After;
// a page that says the data is temporarily unavailable and nothing was lost; a form post that
// could not be stored comes back as a failed form (what was typed stays on the page).
import { json, type RequestEvent } from '@sveltejs/kit';
import * as devalue from 'devalue';
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';

/** What a 503 tells browsers and load balancers: the database usually returns within seconds. */
export const RETRY_AFTER_SECONDS = 5;

type Event = Pick<RequestEvent, 'locals' | 'request' | 'url' | 'isDataRequest'>;

/** Records that this request met an unavailable database (the first failure is kept). */
export function markUnavailable(event: Pick<RequestEvent, 'locals'>, failure: unknown): void {
	event.locals.unavailable ??= failure ?? new Error('Database unavailable');
}

/**
 * The App.Error of a request the database could not serve; its message reads whole where only the
 * message is shown (src/error.html, a JSON client).
 */
export function unavailableError(requestId: string, locale: Locale = getLocale()): App.Error {
	const message = [
		`${m.ops_unavailable_title({}, { locale })}.`,
		m.ops_unavailable_body({}, { locale }),
		m.ops_unavailable_retry({}, { locale })
	].join(' ');
	return { message, requestId, unavailable: true };
}

function headers(type: string): Headers {
	return new Headers({
		'content-type': type,
		'retry-after': String(RETRY_AFTER_SECONDS),
		'cache-control': 'no-store'
	});
}

/** A form action posted by use:enhance (or a script), which reads an ActionResult. */
function postsAction(request: Request): boolean {
	if (request.method !== 'POST') return false;
	if (request.headers.get('x-sveltekit-action') === 'true') return true;
	const accept = request.headers.get('accept') ?? '';
	return accept.includes('application/json') && !accept.includes('text/html');
}

function wantsHtml(request: Request): boolean {
	return (request.headers.get('accept') ?? '').includes('text/html');
}

/**
 * A failed form (503) that shows that nothing was saved. Nothing typed comes back: the page keeps
 * its fields as they are (use:enhance resets a form only on success), and a password field's value
 * must never travel back over the wire.
 */
function actionFailure(data: Record<string, unknown>): Response {
	const result = { type: 'failure', status: 503, data: devalue.stringify(data) };
	return new Response(JSON.stringify(result), {
		status: 503,
		headers: headers('application/json')
	});
}

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** A page of its own, for when no SvelteKit page could be rendered (a redirect, an endpoint). */
export function unavailablePage(event: Event): string {
	const again = event.request.method === 'GET' ? event.url.pathname + event.url.search : '/';
	const locale = getLocale();
	return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(m.ops_unavailable_title())} · ${escapeHtml(m.app_name())}</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1c1917;background:#f6f5f2}
header{background:#991b1b;color:#fff;padding:.75rem 1rem;font-weight:700}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d6d3d1;border-radius:8px}
h1{font-size:1.4rem;line-height:1.3;margin:0 0 .75rem}
a{color:#1d4ed8}
.id{color:#57534e;font-size:.9rem;margin-top:1.5rem}
code{font-size:1rem}
@media (max-width:600px){main{margin:0;border:0;border-radius:0}}
</style>
</head>
<body>
<header><span aria-hidden="true">★</span> ${escapeHtml(m.app_name())}</header>
<main>
<h1>${escapeHtml(m.ops_unavailable_title())}</h1>
<p>${escapeHtml(m.ops_unavailable_body())}</p>
<p>${escapeHtml(m.ops_unavailable_retry())}</p>
<p><a href="${escapeHtml(again)}">${escapeHtml(m.ops_unavailable_reload())}</a></p>
<p class="id">${escapeHtml(m.ops_request_id({ id: '' }))}<code>${escapeHtml(event.locals.requestId)}</code></p>
</main>
</body>
</html>
`;
}

/** The 503 for a request whose handling could not even start (the session lookup failed). */
export async function unavailableResponse(event: Event): Promise<Response> {
	if (postsAction(event.request)) {
		return actionFailure({ unavailable: true });
	}
	if (event.isDataRequest || !wantsHtml(event.request)) {
		const body = unavailableError(event.locals.requestId);
		return json(body, { status: 503, headers: headers('application/json') });
	}
	return new Response(unavailablePage(event), {
		status: 503,
		headers: headers('text/html; charset=utf-8')
	});
}

/**
 * What a request that met an unavailable database answers: SvelteKit's error page (rendered with
 * the layout) or the action's own fail(503) become 503s with Retry-After; anything else (a
 * redirect to the sign-in page, a data request's error node, an endpoint's answer) is replaced.
 */
export async function asUnavailable(event: Event, response: Response): Promise<Response> {
	if (postsAction(event.request)) {
		const result = await response
			.clone()
			.json()
			.catch(() => null);
		if (result?.type === 'failure' && result.status === 503) return with503(response);
		return unavailableResponse(event);
	}
	const html = (response.headers.get('content-type') ?? '').startsWith('text/html');
	if (!event.isDataRequest && html && response.status >= 500) return with503(response);
	return unavailableResponse(event);
}

function with503(response: Response): Response {
	const replaced = new Response(response.body, { status: 503, headers: response.headers });
	replaced.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	replaced.headers.set('cache-control', 'no-store');
	return replaced;
}
