// Cheap repeated reads of the dashboards, never stale, on any number of instances:
// - figures are reused while the map's and the campaign's data versions stay (`reuseFigures`);
// - a browser that has the page already gets 304 while nothing it shows changed: the ETag names
//   the data versions, the signed-in user's own version (name, role, notification bell), the
//   address, language, day and build;
// - a page rendered for a tag is kept and sent again for that tag: whatever it shows is named by
//   the tag, and so is its Content-Security-Policy (hashes of its inline script, not a nonce).
// Both read the versions from the database on every request, so a change committed through any
// instance shows on the next request to every instance.
import { createHash } from 'node:crypto';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { version } from '$app/environment';
import { env } from '$env/dynamic/private';
import { getLocale } from '$lib/paraglide/runtime';
import { vnDate } from '../../domain/periods';
import { getDb } from '../db';
import { countReuse } from '../metrics';
import { namesTag } from './entity-tag';
import { createReuse, createShelf, type Shelf } from './reuse';
import { figuresVersion, readVersions, type DataVersions } from './versions';

/** The pages whose figures come from the campaign and map alone (plus the user's own row). */
const FRESHNESS_ROUTES = new Set([
	'/(app)/campaigns/[campaign]',
	'/(app)/campaigns/[campaign]/units/[unit]'
]);

const DEFAULT_ENTRIES = 200;
const DEFAULT_PAGES_MB = 32;

let kept: ReturnType<typeof createReuse> | undefined;
/** Room for FIGURES_REUSE_ENTRIES dashboards (200 by default), least recently used go first. */
function keptFigures() {
	kept ??= createReuse(Number(env.FIGURES_REUSE_ENTRIES || DEFAULT_ENTRIES));
	return kept;
}

interface KeptPage {
	body: string;
	headers: [string, string][];
}

/** What a kept page is sent with; the outer hooks add the rest (request id, timing, security). */
const PAGE_HEADERS = ['content-type', 'content-security-policy', 'etag', 'cache-control'];

let pages: Shelf<KeptPage> | undefined;
/** Rendered pages by tag, up to PAGES_REUSE_MB megabytes of text (32 by default). */
function keptPages() {
	pages ??= createShelf(Number(env.PAGES_REUSE_MB || DEFAULT_PAGES_MB) * 1024 * 1024);
	return pages;
}

async function versionsOf(event: RequestEvent): Promise<DataVersions> {
	event.locals.versions ??= await readVersions(
		getDb(),
		event.params.campaign ?? '',
		event.locals.user?.id ?? null
	);
	return event.locals.versions;
}

/**
 * The figures `compute` gives for `parts` (what they depend on besides the data: the unit, the
 * filters), computed once per data version, language and day.
 */
export async function reuseFigures<T>(
	event: RequestEvent,
	parts: unknown[],
	compute: () => Promise<T>
): Promise<T> {
	const versions = await versionsOf(event);
	const key = JSON.stringify([figuresVersion(versions), getLocale(), vnDate(new Date()), parts]);
	let computed = false;
	const value = await keptFigures().get(key, () => {
		computed = true;
		return compute();
	});
	countReuse(computed ? 'computed' : 'reused');
	return value;
}

function entityTag(event: RequestEvent, versions: DataVersions): string {
	const request = new URL(event.request.url);
	const named = JSON.stringify([
		version,
		request.pathname + request.search,
		getLocale(),
		vnDate(new Date()),
		event.locals.user?.id,
		versions.map,
		versions.campaign,
		versions.user
	]);
	return `W/"${createHash('sha256').update(named).digest('base64url').slice(0, 32)}"`;
}

const REVALIDATE = 'private, no-cache';

/** After the session and the password gate: only a signed-in user's reads of the dashboards. */
export const freshness: Handle = async ({ event, resolve }) => {
	const method = event.request.method;
	if (
		(method !== 'GET' && method !== 'HEAD') ||
		!event.locals.user ||
		!FRESHNESS_ROUTES.has(event.route.id ?? '')
	) {
		return resolve(event);
	}
	const tag = entityTag(event, await versionsOf(event));
	// A renewed session's cookie is set by the rendering (SvelteKit adds cookies in resolve()).
	const shortcut = !event.locals.sessionRenewed;
	if (shortcut && namesTag(event.request.headers.get('if-none-match'), tag)) {
		return new Response(null, { status: 304, headers: { etag: tag, 'cache-control': REVALIDATE } });
	}
	const shelf = keptPages();
	const page = shortcut && method === 'GET' ? shelf.get(tag) : undefined;
	if (page) {
		countReuse('page');
		return new Response(page.body, { status: 200, headers: page.headers });
	}
	const response = await resolve(event);
	if (response.status !== 200) return response;
	response.headers.set('etag', tag);
	response.headers.set('cache-control', REVALIDATE);
	if (method !== 'GET') return response;
	const body = await response.text();
	const headers = PAGE_HEADERS.flatMap((name): [string, string][] => {
		const value = response.headers.get(name);
		return value === null ? [] : [[name, value]];
	});
	shelf.set(tag, { body, headers }, body.length * 2);
	return new Response(body, { status: 200, headers: response.headers });
};
