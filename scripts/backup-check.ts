// npm run backup:check: recomputes every assessment's score and hashes every evidence file's
// content, against what the database (DATA_DIR or DATABASE_URL) stores. Exits 1 on a mismatch.
// Runs after every restore; on PGlite, with the app stopped.
import { checkDatabase, describeCheck } from '../src/lib/server/backup/check';
import { evidenceStoreFor } from '../src/lib/server/evidence/store';
import { openForCommand } from './lib/embedded';

const db = await openForCommand('maintenance');
try {
	const report = await checkDatabase(db, evidenceStoreFor());
	for (const line of describeCheck(report)) console.log(line);
	if (!report.ok) process.exitCode = 1;
} finally {
	await db.destroy();
}
