// npm run backup -- FILE [--encrypt]: one file holding the database and the evidence content, as
// one consistent snapshot, written readable by its owner only. Encrypted with BACKUP_PASSPHRASE
// when it is set (or with a passphrase asked on the terminal, with --encrypt).
// On PostgreSQL it runs beside the serving app; on PGlite, the app serving DATA_DIR writes it
// (over its control socket), or the script opens the folder when no app runs.
import { verifyBackup } from '../src/lib/server/backup/read';
import { writeBackupFile, writeFileAtomically } from '../src/lib/server/backup/write';
import { AppNotRunning, CommandFailed, runInApp } from '../src/lib/server/control/client';
import { configFromEnv } from '../src/lib/server/db/connect';
import { evidenceStoreFor } from '../src/lib/server/evidence/store';
import { openForCommand } from './lib/embedded';
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

/** The backup written by the app serving DATA_DIR (PGlite), or undefined when none runs. */
async function byRunningApp() {
	if (configFromEnv().url) return undefined;
	try {
		const { bytes } = await writeFileAtomically(file!, (output) =>
			runInApp(process.env.DATA_DIR || './data', 'backup', { passphrase }, output)
		);
		// Read back: the app's summary cannot follow its stream, and a whole file is worth knowing.
		const { header, end } = await verifyBackup(file!, passphrase);
		console.log('(written by the running app)');
		return { header, end, bytes };
	} catch (error) {
		if (error instanceof AppNotRunning) return undefined;
		if (error instanceof CommandFailed) {
			console.error(`Backup refused: ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
}

async function byThisProcess() {
	const db = await openForCommand('maintenance');
	try {
		return await writeBackupFile(db, evidenceStoreFor(), file!, { passphrase });
	} finally {
		await db.destroy();
	}
}

const { header, end, bytes } = (await byRunningApp()) ?? (await byThisProcess());
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
