// npm run db:seed [-- --seed N]: migrates, then seeds the Nghệ An demo (idempotent).
import { configFromEnv, createDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { DEFAULT_SEED, seedDemo } from '../src/lib/server/seed/demo';

const seedArg = process.argv.indexOf('--seed');
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : DEFAULT_SEED;
const db = createDatabase(configFromEnv());
try {
	await migrateToLatest(db);
	const started = performance.now();
	await seedDemo(db, { seed, log: (line) => console.log(line) });
	console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
	await db.destroy();
}
