// npm run restore -- FILE [--dry-run]: fills an empty DATA_DIR or an empty database (DATABASE_URL)
// from a backup, then checks scores and evidence. With --dry-run, only reads and checks the file.
// The passphrase of an encrypted backup comes from BACKUP_PASSPHRASE or is asked on the terminal.
import { checkDatabase, describeCheck } from '../src/lib/server/backup/check';
import { BackupError } from '../src/lib/server/backup/envelope';
import { readEnvelope, verifyBackup } from '../src/lib/server/backup/read';
import { restoreBackup } from '../src/lib/server/backup/restore';
import { withClusterLock } from '../src/lib/server/db/cluster-lock';
import { configFromEnv } from '../src/lib/server/db/connect';
import { evidenceStoreFor } from '../src/lib/server/evidence/store';
import { openForCommand } from './lib/embedded';
import { existingPassphrase } from './lib/passphrase';

const file = process.argv.slice(2).find((argument) => !argument.startsWith('--'));
if (!file) {
	console.error('Usage: npm run restore -- FILE [--dry-run]');
	process.exit(2);
}

try {
	const envelope = await readEnvelope(file);
	const passphrase = envelope.encryption ? await existingPassphrase() : undefined;
	if (process.argv.includes('--dry-run')) {
		const { header, end, damaged } = await verifyBackup(file, passphrase);
		const rows = Object.values(end.rows).reduce((sum, n) => sum + n, 0);
		console.log(
			`${file}: a whole backup of ${header.createdAt} (${header.database}, ${header.migrations.at(-1)}), ` +
				`${rows} rows, ${end.blobs} evidence files; ${end.missing.length + damaged.size} lacking.`
		);
		process.exit(0);
	}
	const config = configFromEnv();
	const db = await openForCommand('maintenance', config);
	try {
		const store = evidenceStoreFor();
		// The lock `npm start` prepares the database under: an instance starting meanwhile waits,
		// then finds the restored rows instead of seeding or migrating beside the restore.
		const summary = await withClusterLock(db, 'prepare', (locked) =>
			restoreBackup(locked, store, file, { passphrase, log: console.log })
		);
		const rows = Object.values(summary.rows).reduce((sum, n) => sum + n, 0);
		console.log(
			`Restored ${rows} rows and ${summary.blobs} evidence files from the backup of ` +
				`${summary.header.createdAt} into ${config.url ? 'the PostgreSQL database' : config.dataDir}.`
		);
		console.log('No session was restored: everyone signs in again.');
		const report = await checkDatabase(db, store);
		for (const line of describeCheck(report)) console.log(line);
		if (!report.ok) process.exitCode = 1;
	} finally {
		await db.destroy();
	}
} catch (failure) {
	if (!(failure instanceof BackupError)) throw failure;
	console.error(`Restore refused: ${failure.message}`);
	process.exit(2);
}
