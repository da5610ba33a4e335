// npm run evidence:import: on PostgreSQL (DATABASE_URL), moves the evidence files found under
// DATA_DIR/evidence into the database, where every instance serves them. Idempotent: run it again
// and it counts what is there already. The files are left in place; remove them once the report
// shows nothing missing. Safe while the app serves.
import { withClusterLock } from '../src/lib/server/db/cluster-lock';
import { configFromEnv, createDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { databaseStore } from '../src/lib/server/evidence/database-store';
import { fileStore } from '../src/lib/server/evidence/file-store';
import { importContent } from '../src/lib/server/evidence/import';
import { evidenceRoot } from '../src/lib/server/evidence/store';

if (!process.env.DATABASE_URL) {
	console.error('Evidence moves into the database on PostgreSQL only: set DATABASE_URL.');
	process.exit(2);
}
const root = evidenceRoot();
const db = createDatabase(configFromEnv());
try {
	await withClusterLock(db, 'prepare', (locked) => migrateToLatest(locked));
	const report = await importContent(db, fileStore(root), databaseStore());
	console.log(
		`Evidence from ${root}: ${report.imported} contents imported ` +
			`(${(report.importedBytes / 1024 / 1024).toFixed(1)} MiB), ${report.present} already in the database, ` +
			`${report.missing.length} missing, ${report.damaged.length} damaged.`
	);
	for (const sha256 of report.missing.slice(0, 10)) console.log(`  missing: ${sha256}`);
	for (const sha256 of report.damaged.slice(0, 10)) console.log(`  damaged: ${sha256}`);
	if (report.missing.length > 0 || report.damaged.length > 0) process.exitCode = 1;
} finally {
	await db.destroy();
}
