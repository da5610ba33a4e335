// The JavaScript a page makes the browser load for its first view: what its HTML names (module
// preloads, script sources, the imports of SvelteKit's start script and the route's nodes it
// starts with), and every static import of those files, followed through the built client
// (build/client). Each file counted once, gzipped at level 9.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageScripts {
	/** Paths under the client directory, `_app/immutable/…`, sorted. */
	files: string[];
	bytes: number;
	gzipBytes: number;
}

const MODULE_PRELOAD = /<link\b[^>]*\brel=["']?modulepreload["']?[^>]*>/gi;
const SCRIPT_SRC = /<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/gi;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+\.js)["']\s*\)/g;
const NODE_IDS = /\bnode_ids:\s*\[([\d,\s]*)\]/;
const HREF = /\bhref=["']([^"']+)["']/i;
// `import{a as b}from"./x.js"`, `import x from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`:
// static imports only (a dynamic `import("…")` is loaded later, if ever).
const STATIC_IMPORT =
	/(?:^|[;\s}])(?:import|export)\s*(?:(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*(?:\s*as\s+[\w$]+)?)?\s*from\s*)?["']([^"']+\.js)["']/g;

/**
 * What the HTML names: the paths (from the site's root, no leading slash) of its module preloads,
 * script sources and start-script imports, and the ids of the route's nodes it starts with.
 */
export function scriptsNamedBy(
	html: string,
	pageUrl: string
): { paths: string[]; nodes: number[] } {
	const named = new Set<string>();
	const add = (reference: string) => {
		const url = new URL(reference, pageUrl);
		if (url.origin === new URL(pageUrl).origin) named.add(url.pathname.replace(/^\//, ''));
	};
	for (const [link] of html.matchAll(MODULE_PRELOAD)) {
		const href = link.match(HREF);
		if (href) add(href[1]);
	}
	for (const [, src] of html.matchAll(SCRIPT_SRC)) add(src);
	const nodes = new Set<number>();
	for (const [, body] of html.matchAll(INLINE_SCRIPT)) {
		for (const [, reference] of body.matchAll(DYNAMIC_IMPORT)) add(reference);
		const ids = body.match(NODE_IDS);
		for (const id of ids?.[1].split(',') ?? []) if (id.trim()) nodes.add(Number(id));
	}
	return { paths: [...named].sort(), nodes: [...nodes].sort((a, b) => a - b) };
}

/** The static imports of a module's source, as written (relative to the module). */
export function staticImports(source: string): string[] {
	return [...new Set([...source.matchAll(STATIC_IMPORT)].map((match) => match[1]))];
}

/** The built file of a route node, `_app/immutable/nodes/<id>.<hash>.js`, if there is one. */
function nodeFile(clientDir: string, id: number): string | undefined {
	const dir = path.join(clientDir, '_app/immutable/nodes');
	if (!existsSync(dir)) return undefined;
	const name = readdirSync(dir).find((file) => file.startsWith(`${id}.`) && file.endsWith('.js'));
	return name && `_app/immutable/nodes/${name}`;
}

/** The files `roots` load, their static imports followed recursively; each counted once. */
export function measureScripts(clientDir: string, roots: readonly string[]): PageScripts {
	const seen = new Set<string>();
	const pending = roots.filter((file) => file.endsWith('.js'));
	let bytes = 0;
	let gzipBytes = 0;
	for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
		const normal = path.posix.normalize(file);
		if (seen.has(normal)) continue;
		const full = path.join(clientDir, normal);
		if (!existsSync(full)) throw new Error(`A page loads ${normal}, which is not in ${clientDir}.`);
		seen.add(normal);
		const source = readFileSync(full);
		bytes += source.length;
		gzipBytes += gzipSync(source, { level: 9 }).length;
		for (const reference of staticImports(source.toString('utf8'))) {
			if (/^[a-z]+:|^\/\//i.test(reference)) continue;
			pending.push(
				reference.startsWith('/')
					? reference.slice(1)
					: path.posix.join(path.posix.dirname(normal), reference)
			);
		}
	}
	return { files: [...seen].sort(), bytes, gzipBytes };
}

/** The JavaScript of a page's first view, from its HTML and the built client. */
export function pageScripts(html: string, pageUrl: string, clientDir: string): PageScripts {
	const { paths, nodes } = scriptsNamedBy(html, pageUrl);
	const nodeFiles = nodes
		.map((id) => nodeFile(clientDir, id))
		.filter((file): file is string => !!file);
	return measureScripts(clientDir, [...paths, ...nodeFiles]);
}
