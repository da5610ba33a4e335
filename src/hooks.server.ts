import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { deLocalizeUrl, localizeHref } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';

/** Server time of every response (browser developer tools show it; `npm run bench` reads it). */
const timing: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	response.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
	return response;
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Always sets locals.user and locals.session: null when signed out. */
const auth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const valid = await validateSessionToken(getDb(), token);
		if (!valid) clearSessionCookie(event.cookies, event.url);
		else {
			event.locals.user = valid.user;
			event.locals.session = valid.session;
			if (valid.renewed) {
				setSessionCookie(event.cookies, event.url, token, valid.session.expiresAt);
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
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(timing, i18n, auth, passwordGate, securityHeaders);
