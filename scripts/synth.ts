// npm run db:synth -- --units N [--seed S]: adds a synthetic national tree with N commune-level
// units and its history (for benchmarks; best in a database of its own).
import { openForCommand } from './lib/embedded';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { DEFAULT_SEED } from './seed/demo';
import { seedSynthetic } from './seed/synthetic';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
	if (!Number.isInteger(value) || value <= 0) {
		console.error(`--${name} needs a positive whole number.`);
		process.exit(2);
	}
	return value;
}

const units = option('units', 10_600);
const seed = option('seed', DEFAULT_SEED);
const db = await openForCommand('maintenance');
try {
	await migrateToLatest(db);
	const started = performance.now();
	const counts = await seedSynthetic(db, { units, seed, log: (line) => console.log(line) });
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`${counts.assessments} assessments, ${counts.results} results, ${counts.recognitions} recognitions, ` +
			`${counts.auditEntries} audit entries in ${seconds} s.`
	);
} finally {
	await db.destroy();
}
