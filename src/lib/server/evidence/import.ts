// Moves evidence content from one store to another: the files of a PGlite install (or of a
// PostgreSQL install from before content lived in the database) into the database. Only content
// that evidence rows refer to moves; each one under its lock, so the app can keep serving.
// Idempotent: content already in the target is counted and left alone; files are never removed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ContentMismatchError, type EvidenceStore } from './content';
import { listReferencedContent, lockContent } from './repository';

export interface ImportReport {
	/** Content written to the target now. */
	imported: number;
	importedBytes: number;
	/** Content the target held already. */
	present: number;
	/** Referenced content found in neither store. */
	missing: string[];
	/** Content whose bytes do not hash to its name: left out. */
	damaged: string[];
}

export async function importContent(
	db: Kysely<Database>,
	from: EvidenceStore,
	to: EvidenceStore
): Promise<ImportReport> {
	const report: ImportReport = {
		imported: 0,
		importedBytes: 0,
		present: 0,
		missing: [],
		damaged: []
	};
	for (const { sha256 } of await listReferencedContent(db)) {
		if (await to.has(db, sha256)) {
			report.present++;
			continue;
		}
		const content = await from.open(db, sha256);
		if (!content) {
			report.missing.push(sha256);
			continue;
		}
		try {
			const wrote = await db.transaction().execute(async (trx) => {
				await lockContent(trx, sha256);
				return to.put(trx, sha256, content.chunks);
			});
			if (wrote) {
				report.imported++;
				report.importedBytes += content.size;
			} else report.present++;
		} catch (failure) {
			if (!(failure instanceof ContentMismatchError)) throw failure;
			report.damaged.push(sha256);
		} finally {
			// Closes the file when the target had the content and read none of it.
			await content.chunks[Symbol.asyncIterator]().return?.();
		}
	}
	return report;
}
