import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import { deLocalizeUrl, extractLocaleFromRequest, localizeHref } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { getDb, startDatabase } from '$lib/server/db';
import { faultSummary, isDatabaseUnavailable } from '$lib/server/db/faults';
import {
	asUnavailable,
	markUnavailable,
	unavailableError,
	unavailableResponse
} from '$lib/server/http/unavailable';
import { log, requestIdFrom } from '$lib/server/log';
import { freshness } from '$lib/server/freshness/pages';
import { observeRequest } from '$lib/server/metrics';
import { startNotificationJobs } from '$lib/server/notifications/scheduler';

/** Probes and scrapers: no session, no locale, no redirect; they must answer while sign-in cannot. */
const OPERATIONS = new Set(['/healthz', '/readyz', '/metrics']);
const isOperations = (url: URL) => OPERATIONS.has(url.pathname);

/**
 * A request id for every request (a sane X-Request-Id from a proxy is kept, and echoed), then one
 * log line and one metrics observation when it is answered.
 */
const context: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = requestIdFrom(event.request.headers.get('x-request-id'));
	event.locals.unavailable = null;
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		response.headers.set('x-request-id', event.locals.requestId);
		return response;
	} finally {
		const ms = performance.now() - started;
		const route = event.route.id;
		observeRequest(event.request.method, route, status, ms / 1000);
		const line = {
			requestId: event.locals.requestId,
			method: event.request.method,
			route,
			// The path only: query strings may carry what is not ours to keep.
			path: event.url.pathname,
			status,
			ms: Math.round(ms * 10) / 10,
			userId: event.locals.user?.id
		};
		if (isOperations(event.url)) log.debug(line, 'request');
		else log.info(line, 'request');
	}
};

/** Server time of every response (browser developer tools show it; `npm run bench` reads it). */
const timing: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	response.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
	return response;
};

const i18n: Handle = ({ event, resolve }) => {
	if (isOperations(event.url)) return resolve(event);
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});
};

/**
 * While the database cannot be reached, every answer is a 503 that says so (and nothing was lost),
 * with Retry-After, instead of a 500 or a sign-in page; a form keeps what was typed.
 */
const faults: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (failure) {
		if (!isDatabaseUnavailable(failure)) throw failure;
		markUnavailable(event, failure);
		return unavailableResponse(event);
	}
	return event.locals.unavailable ? asUnavailable(event, response) : response;
};

/** Always sets locals.user and locals.session: null when signed out. */
const auth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.sessionRenewed = false;
	const token = isOperations(event.url) ? undefined : event.cookies.get(SESSION_COOKIE);
	if (token) {
		let valid: Awaited<ReturnType<typeof validateSessionToken>>;
		try {
			valid = await validateSessionToken(getDb(), token);
		} catch (failure) {
			if (!isDatabaseUnavailable(failure)) throw failure;
			// Who this is cannot be known now: the guards answer 503 rather than a sign-in page,
			// and the cookie stays, so the user is still signed in when the database returns.
			markUnavailable(event, failure);
			return resolve(event);
		}
		if (!valid) clearSessionCookie(event.cookies, event.url);
		else {
			event.locals.user = valid.user;
			event.locals.session = valid.session;
			if (valid.renewed) {
				setSessionCookie(event.cookies, event.url, token, valid.session.expiresAt);
				// The new cookie goes out with a rendered answer, not a kept one or a 304.
				event.locals.sessionRenewed = true;
			}
		}
	}
	return resolve(event);
};

const PASSWORD_PAGE = '/account/password';

/** A temporary password must be replaced before anything else. */
const passwordGate: Handle = ({ event, resolve }) => {
	const path = deLocalizeUrl(event.url).pathname;
	if (event.locals.user?.mustChangePassword && path !== PASSWORD_PAGE && path !== '/logout') {
		return new Response(null, { status: 303, headers: { location: localizeHref(PASSWORD_PAGE) } });
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	// A signed-in page is the user's alone; pages that revalidate with an ETag say so themselves.
	if (event.locals.user && !response.headers.has('Cache-Control')) {
		response.headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};

/** The embedded database is locked and opened before the first request (or the process ends). */
export const init: ServerInit = async () => {
	if (building) return;
	await startDatabase();
	startNotificationJobs(getDb);
};

export const handle = sequence(
	context,
	timing,
	securityHeaders,
	i18n,
	faults,
	auth,
	passwordGate,
	freshness
);

/**
 * One log line per unexpected error, with the request id the error page shows; an unavailable
 * database is a warning (the page says so and answers 503), anything else an error with its stack.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId ?? requestIdFrom(null);
	const where = { requestId, method: event.request.method, route: event.route.id };
	// Outside the i18n handle (a fault in a hook) the locale is read again from the request.
	const locale = extractLocaleFromRequest(
		new Request(event.url, { headers: event.request.headers })
	);
	if (isDatabaseUnavailable(error)) {
		markUnavailable(event, error);
		log.warn({ ...where, fault: faultSummary(error) }, 'database unavailable');
		return unavailableError(requestId, locale);
	}
	if (status === 404) return { message, requestId };
	log.error({ ...where, status, err: error }, 'request failed');
	// The fallback page (src/error.html) shows only the message: it carries the id too.
	const quote = m.ops_request_id({ id: requestId }, { locale });
	return { message: `${m.error_generic({}, { locale })} ${quote}`, requestId };
};
