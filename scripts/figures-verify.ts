// npm run figures:verify: recomputes the kept figures (per period and unit, and their sums per path)
// from the raw tables and prints every difference from the kept ones. Exits 1 if there is any.
// On PGlite, with the app stopped (DATA_DIR), or against DATABASE_URL.
import { compareKeptFigures, describeDifference } from '../src/lib/server/figures/kept';
import { openForCommand } from './lib/embedded';

const db = await openForCommand('maintenance');
try {
	const started = performance.now();
	const differences = await compareKeptFigures(db, 100_000);
	for (const difference of differences) console.log(describeDifference(difference));
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	if (differences.length > 0) {
		console.log(`${differences.length} kept figures differ from the raw tables (${seconds} s).`);
		process.exitCode = 1;
	} else {
		console.log(`The kept figures equal the ones computed from the raw tables (${seconds} s).`);
	}
} finally {
	await db.destroy();
}
