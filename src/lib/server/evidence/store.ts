// Where evidence content lives, behind one small interface: files under DATA_DIR for PGlite, the
// database itself for PostgreSQL (so every instance serves every file, and one database backup
// holds everything). Content is addressed by its SHA-256: the same file uploaded twice is stored
// once, and a name can never point outside the store.
import path from 'node:path';
import { databaseStore } from './database-store';
import { fileStore } from './file-store';
import type { EvidenceStore } from './content';

export { sha256Of, type EvidenceStore } from './content';

export function evidenceRoot(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.DATA_DIR || './data', 'evidence');
}

/** The store the configuration names: the database with DATABASE_URL, else files under DATA_DIR. */
export function evidenceStoreFor(env: NodeJS.ProcessEnv = process.env): EvidenceStore {
	return env.DATABASE_URL ? databaseStore() : fileStore(evidenceRoot(env));
}

let instance: EvidenceStore | undefined;

/** The app's store, chosen once from its environment. */
export function getEvidenceStore(): EvidenceStore {
	instance ??= evidenceStoreFor();
	return instance;
}
