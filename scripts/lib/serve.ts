// Builds when the build is missing or older than the sources, then serves the built app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const SOURCES = [
	'src',
	'messages',
	'static',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newestChange(entry: string): number {
	const full = path.join(root, entry);
	if (!existsSync(full)) return 0;
	const stat = statSync(full);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(full).reduce(
		(newest, child) =>
			child === 'paraglide' ? newest : Math.max(newest, newestChange(path.join(entry, child))),
		stat.mtimeMs
	);
}

export function buildIfNeeded(log = console.log) {
	const built = path.join(root, 'build/index.js');
	const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
	if (builtAt > Math.max(...SOURCES.map(newestChange))) return;
	log(builtAt ? 'Sources changed: rebuilding…' : 'No build yet: building…');
	const result = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
		{
			cwd: root,
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	if (result.status !== 0) throw new Error('The build failed (see above).');
}

/** Starts `node build` and resolves with its address once it listens. */
export function serve(env: NodeJS.ProcessEnv): Promise<{ url: string }> {
	const port = env.PORT || '3000';
	const origin = env.ORIGIN || `http://localhost:${port}`;
	const child = spawn(process.execPath, [path.join(root, 'build/index.js')], {
		cwd: root,
		// Evidence files reach 20 MiB: the body limit sits above it so the app, not the adapter,
		// answers an oversized file with a message beside the field.
		env: { BODY_SIZE_LIMIT: '25M', ...env, PORT: port, ORIGIN: origin },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.on(signal, () => child.kill(signal));
	}
	child.on('exit', (code) => process.exit(code ?? 0));
	return new Promise((resolve) => {
		child.stdout.on('data', (chunk: Buffer) => {
			const text = chunk.toString();
			if (text.includes('Listening on')) resolve({ url: origin });
			else process.stdout.write(text);
		});
	});
}
