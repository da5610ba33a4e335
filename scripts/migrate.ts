// npm run db:migrate [-- --down]: the one migrator, for PGlite (DATA_DIR) and PostgreSQL (DATABASE_URL).
import { withClusterLock } from '../src/lib/server/db/cluster-lock';
import { migrateDownAll, migrateToLatest } from '../src/lib/server/db/migrate';
import { openForCommand } from './lib/embedded';

const db = await openForCommand('maintenance');
try {
	const down = process.argv.includes('--down');
	// The lock `npm start` prepares the database under: never beside a starting instance's seed.
	const { results } = await withClusterLock(db, 'prepare', (locked) =>
		down ? migrateDownAll(locked) : migrateToLatest(locked)
	);
	for (const result of results ?? []) {
		console.log(`${result.direction === 'Up' ? '↑' : '↓'} ${result.migrationName}`);
	}
	if (!results?.length) console.log('Database is up to date.');
} finally {
	await db.destroy();
}
