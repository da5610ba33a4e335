// npm run backup -- FILE [--encrypt]: one file holding the database and the evidence content, as
// one consistent snapshot, written readable by its owner only. Encrypted with BACKUP_PASSPHRASE
// when it is set (or with a passphrase asked on the terminal, with --encrypt).
// On PostgreSQL it runs beside the serving app; on PGlite, with the app stopped.
import { writeBackupFile } from '../src/lib/server/backup/write';
import { configFromEnv, createDatabase } from '../src/lib/server/db/connect';
import { evidenceStoreFor } from '../src/lib/server/evidence/store';
import { newPassphrase } from './lib/passphrase';

const file = process.argv.slice(2).find((argument) => !argument.startsWith('--'));
if (!file) {
	console.error('Usage: npm run backup -- FILE [--encrypt]   (BACKUP_PASSPHRASE encrypts)');
	process.exit(2);
}
let passphrase: string | undefined;
try {
	passphrase = await newPassphrase(process.argv.includes('--encrypt'));
} catch (problem) {
	console.error((problem as Error).message);
	process.exit(2);
}

const started = performance.now();
const db = createDatabase(configFromEnv());
try {
	const { header, end, bytes } = await writeBackupFile(db, evidenceStoreFor(), file, {
		passphrase
	});
	const rows = Object.values(end.rows).reduce((sum, n) => sum + n, 0);
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`Backup written to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MiB, ${seconds} s, ` +
			`${passphrase ? 'encrypted' : 'NOT encrypted: it holds password hashes, keep it safe'}).`
	);
	console.log(
		`  ${rows} rows of ${header.tables.length} tables at ${header.migrations.at(-1)}; ` +
			`${end.blobs} evidence files (${(end.blobBytes / 1024 / 1024).toFixed(1)} MiB).`
	);
	const lacking = [...end.missing, ...end.damaged];
	if (lacking.length > 0) {
		console.error(
			`Warning: ${end.missing.length} evidence contents were missing and ${end.damaged.length} damaged ` +
				`in the store; the backup holds the rest. First: ${lacking[0]}.`
		);
		process.exitCode = 1;
	}
} finally {
	await db.destroy();
}
