import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { measureScripts, pageScripts, scriptsNamedBy, staticImports } from './javascript';

describe('staticImports', () => {
	it('finds static imports and re-exports, not dynamic imports', () => {
		const source =
			'import{a as b}from"../chunks/A.js";import"./side.js";export{c}from"./C.js";' +
			'export*from"./star.js";\nimport d,{e}from "./D.js";const f=()=>import("../nodes/3.js");' +
			'const g=["../chunks/listed.js"];';
		expect(staticImports(source)).toEqual([
			'../chunks/A.js',
			'./side.js',
			'./C.js',
			'./star.js',
			'./D.js'
		]);
	});
});

describe('scriptsNamedBy', () => {
	it('reads module preloads, script sources, the start imports and the node ids', () => {
		const html = `<head>
			<link href="../_app/immutable/entry/start.X.js" rel="modulepreload">
			<link rel="stylesheet" href="../_app/immutable/assets/0.css">
			<script src="/_app/extra.js"></script>
			<script src="https://elsewhere.example/x.js"></script>
		</head><body><script>
			Promise.all([import("../_app/immutable/entry/start.X.js"),
				import("../_app/immutable/entry/app.Y.js")]).then(([kit, app]) => {
				kit.start(app, element, { node_ids: [0, 4], data: [] });
			});
		</script></body>`;
		expect(scriptsNamedBy(html, 'http://127.0.0.1:5000/campaigns/X')).toEqual({
			paths: ['_app/extra.js', '_app/immutable/entry/app.Y.js', '_app/immutable/entry/start.X.js'],
			nodes: [0, 4]
		});
	});
});

describe('measureScripts and pageScripts on a built client', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-js-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const files: Record<string, string> = {
		'_app/immutable/entry/start.js': 'export{s as start}from"../chunks/shared.js";',
		'_app/immutable/entry/app.js':
			'import{x}from"../chunks/shared.js";const n=[()=>import("../nodes/0.N.js"),()=>import("../nodes/1.M.js")];',
		'_app/immutable/chunks/shared.js': 'import"./leaf.js";export const s=1;'.repeat(20),
		'_app/immutable/chunks/leaf.js': 'export const leaf=2;',
		'_app/immutable/chunks/lazy.js': 'export const never=3;',
		'_app/immutable/nodes/0.N.js': 'import{s}from"../chunks/shared.js";',
		'_app/immutable/nodes/1.M.js': 'import{never}from"../chunks/lazy.js";'
	};
	for (const [name, source] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		writeFileSync(path.join(dir, name), source);
		writeFileSync(path.join(dir, `${name}.gz`), 'not JavaScript');
	}
	const gzipped = (name: string) => gzipSync(files[name], { level: 9 }).length;

	it('follows static imports recursively and counts each file once', () => {
		const measured = measureScripts(dir, [
			'_app/immutable/entry/start.js',
			'_app/immutable/entry/app.js',
			'_app/immutable/entry/start.js'
		]);
		const loaded = [
			'_app/immutable/chunks/leaf.js',
			'_app/immutable/chunks/shared.js',
			'_app/immutable/entry/app.js',
			'_app/immutable/entry/start.js'
		];
		expect(measured.files).toEqual(loaded);
		expect(measured.bytes).toBe(loaded.reduce((sum, name) => sum + files[name].length, 0));
		expect(measured.gzipBytes).toBe(loaded.reduce((sum, name) => sum + gzipped(name), 0));
	});

	it('adds the nodes the start script names, not the others', () => {
		const html =
			'<script>Promise.all([import("./_app/immutable/entry/start.js"),' +
			'import("./_app/immutable/entry/app.js")]).then(([k,a])=>k.start(a,e,{node_ids:[0]}))</script>';
		const measured = pageScripts(html, 'http://127.0.0.1:5000/login', dir);
		expect(measured.files).toContain('_app/immutable/nodes/0.N.js');
		expect(measured.files).not.toContain('_app/immutable/nodes/1.M.js');
		expect(measured.files).not.toContain('_app/immutable/chunks/lazy.js');
		expect(measured.files).toHaveLength(5);
	});

	it('refuses a file the build does not have', () => {
		expect(() => measureScripts(dir, ['_app/immutable/chunks/gone.js'])).toThrow(/gone\.js/);
	});
});
