// npm run db:seed [-- --seed N]: migrates, then seeds the Nghệ An demo (idempotent).
// npm run db:seed -- --units-only: only the 482 units of the 2023 registry, for a real install.
import { openForCommand } from './lib/embedded';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { DEFAULT_SEED, seedDemo } from './seed/demo';
import { loadNgheAnUnits } from './seed/reference';
import { insertUnits } from './seed/structure';

const seedArg = process.argv.indexOf('--seed');
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : DEFAULT_SEED;
const db = await openForCommand('maintenance');
try {
	await migrateToLatest(db);
	const started = performance.now();
	if (process.argv.includes('--units-only')) {
		console.log(`units: ${await insertUnits(db, loadNgheAnUnits())} added`);
	} else {
		await seedDemo(db, { seed, log: (line) => console.log(line) });
	}
	console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
	await db.destroy();
}
