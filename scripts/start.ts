// npm start: builds if needed, migrates, seeds the demo on an empty embedded database, serves.
import { configFromEnv, createDatabase } from '../src/lib/server/db/connect';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo';
import { prepareDatabase, wantsDemo } from './lib/database';
import { buildIfNeeded, handleSignals, serve } from './lib/serve';

const started = performance.now();
handleSignals();
buildIfNeeded();
const config = configFromEnv();
const db = createDatabase(config);
let demo = false;
try {
	({ demo } = await prepareDatabase(db, { seed: wantsDemo(process.env) }));
} finally {
	await db.destroy();
}
const { url } = await serve(process.env);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`
Kiểu mẫu is running at ${url} (ready in ${seconds} s)
Database: ${config.url ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}
${
	demo
		? `
Demo logins (password ${DEMO_PASSWORD}):
${DEMO_USERS.map((user) => `  ${user.username.padEnd(18)} ${user.role}`).join('\n')}`
		: `
No demo data. Without an administrator yet, stop the app (PGlite serves one process) and run
  npm run user:create -- --username NAME --role province_admin \\
    --unit 40 --unit-name "Tỉnh Nghệ An" --unit-kind province --unit-type "Tỉnh"
then sign in and import the units, the campaign and the users under /admin.`
}

Press Ctrl+C to stop.`);
