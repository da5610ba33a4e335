// npm start: builds if needed, migrates, seeds the demo on an empty embedded database, serves.
// On PGlite the folder is locked before anything opens it and stays locked until the server
// exits: the server inherits this process's lock socket (descriptor 3, see
// src/lib/server/db/lock.ts), so no other process can open the folder between the preparation
// here and the server's start.
import { configFromEnv, createDatabase } from '../src/lib/server/db/connect';
import { durabilityProblems } from '../src/lib/server/db/durability';
import { FolderInUse, lockFolder, type FolderLock } from '../src/lib/server/db/lock';
import { evidenceRoot } from '../src/lib/server/evidence/store';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo';
import { prepareDatabase, wantsDemo } from './lib/database';
import { buildIfNeeded, handleSignals, serve } from './lib/serve';

const started = performance.now();
handleSignals();
buildIfNeeded();
const config = configFromEnv();
let lock: FolderLock | undefined;
if (!config.url) {
	try {
		lock = await lockFolder(config.dataDir!, 'app');
	} catch (error) {
		if (!(error instanceof FolderInUse)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}
const db = createDatabase({ ...config, lock });
let demo = false;
let problems: string[] = [];
try {
	({ demo } = await prepareDatabase(db, {
		seed: wantsDemo(process.env),
		evidenceFiles: config.url ? evidenceRoot() : undefined
	}));
	problems = await durabilityProblems(db);
} finally {
	await db.destroy();
}
const serving = serve(process.env, lock?.fd);
// The server holds the socket from its spawn on; this process stops answering on it.
await lock?.handOver();
const { url } = await serving;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const database = config.url
	? 'PostgreSQL (DATABASE_URL)'
	: `embedded PGlite in ${config.dataDir}, locked for this app` +
		(problems.length
			? ''
			: '; every save is written to disk (fsync) before it is acknowledged, which survives a ' +
				'power cut if the disk honours flush requests');
console.log(`
Kiểu mẫu is running at ${url} (ready in ${seconds} s)
Database: ${database}${problems.map((problem) => `\nWARNING: ${problem}`).join('')}
${
	demo
		? `
Demo logins (password ${DEMO_PASSWORD}):
${DEMO_USERS.map((user) => `  ${user.username.padEnd(18)} ${user.role}`).join('\n')}`
		: `
No demo data. Without an administrator yet, run (in another terminal, while the app runs)
  npm run user:create -- --username NAME --role province_admin \\
    --unit 40 --unit-name "Tỉnh Nghệ An" --unit-kind province --unit-type "Tỉnh"
then sign in and import the units, the campaign and the users under /admin.`
}

Press Ctrl+C to stop.`);
