// npm run db:synth -- [--shape 2024|2025] [--units N] [--seed S]: adds a synthetic national tree
// and its history (for benchmarks; best in a database of its own). The 2024 shape has 63
// provinces with districts and 10,600 commune-level units by default; the 2025 shape 34 provinces,
// no districts, 3,300 communes and a reporting area set grouping each province's communes.
import { openForCommand } from './lib/embedded';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { DEFAULT_SEED } from './seed/demo';
import { SHAPES, SYNTHETIC_SHAPES, seedSynthetic, type SyntheticShape } from './seed/synthetic';

function argument(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : undefined;
}

function option(name: string, fallback: number): number {
	const given = argument(name);
	const value = given === undefined ? fallback : Number(given);
	if (!Number.isInteger(value) || value <= 0) {
		console.error(`--${name} needs a positive whole number.`);
		process.exit(2);
	}
	return value;
}

const shape = (argument('shape') ?? '2024') as SyntheticShape;
if (!SYNTHETIC_SHAPES.includes(shape)) {
	console.error(`--shape is one of ${SYNTHETIC_SHAPES.join(', ')}.`);
	process.exit(2);
}
const units = option('units', SHAPES[shape].communes);
const seed = option('seed', DEFAULT_SEED);
const db = await openForCommand('maintenance');
try {
	await migrateToLatest(db);
	const started = performance.now();
	const counts = await seedSynthetic(db, {
		units,
		shape,
		seed,
		log: (line) => console.log(line)
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`${counts.assessments} assessments, ${counts.results} results, ${counts.recognitions} recognitions, ` +
			`${counts.auditEntries} audit entries in ${seconds} s.`
	);
} finally {
	await db.destroy();
}
