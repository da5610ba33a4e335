// Evidence content in the database (PostgreSQL installs): one evidence_content row per SHA-256 and
// its bytes in evidence_chunks of 256 KiB. Written in the caller's transaction, so the evidence row
// and its content commit together; read back one chunk per query, so a download never holds more
// than a chunk of a file in memory.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
	checkDigest,
	ContentMismatchError,
	rechunk,
	type Content,
	type EvidenceStore
} from './content';

type Db = Kysely<Database>;

export const CHUNK_BYTES = 256 * 1024;

async function write(trx: Db, sha256: string, content: Content) {
	// The row first: chunks refer to it; its size and count are set once every chunk is in.
	await trx
		.insertInto('evidence_content')
		.values({ sha256, size_bytes: 0, chunk_count: 0 })
		.execute();
	const reading = rechunk(content, CHUNK_BYTES);
	let position = 0;
	for await (const bytes of reading.chunks) {
		await trx.insertInto('evidence_chunks').values({ sha256, position, bytes }).execute();
		position++;
	}
	const digest = reading.digest();
	if (digest !== sha256) throw new ContentMismatchError(sha256, digest);
	await trx
		.updateTable('evidence_content')
		.set({ size_bytes: reading.size(), chunk_count: position })
		.where('sha256', '=', sha256)
		.execute();
}

export function databaseStore(): EvidenceStore {
	return {
		kind: 'database',
		location: 'the database (evidence_content, evidence_chunks)',
		async put(db, sha256, content) {
			checkDigest(sha256);
			if (await this.has(db, sha256)) return false;
			if (db.isTransaction) await write(db, sha256, content);
			else await db.transaction().execute((trx) => write(trx, sha256, content));
			return true;
		},
		async open(db, sha256) {
			const row = await db
				.selectFrom('evidence_content')
				.select(['size_bytes', 'chunk_count'])
				.where('sha256', '=', checkDigest(sha256))
				.executeTakeFirst();
			if (!row) return undefined;
			async function* chunks() {
				for (let position = 0; position < row!.chunk_count; position++) {
					const chunk = await db
						.selectFrom('evidence_chunks')
						.select('bytes')
						.where('sha256', '=', sha256)
						.where('position', '=', position)
						.executeTakeFirst();
					if (!chunk) throw new Error(`Evidence ${sha256} lost its chunk ${position}`);
					yield chunk.bytes;
				}
			}
			return { size: row.size_bytes, chunks: chunks() };
		},
		async has(db, sha256) {
			const row = await db
				.selectFrom('evidence_content')
				.select('sha256')
				.where('sha256', '=', checkDigest(sha256))
				.executeTakeFirst();
			return row !== undefined;
		},
		async remove(db, sha256) {
			await db.deleteFrom('evidence_content').where('sha256', '=', checkDigest(sha256)).execute();
		},
		async *list(db) {
			let after = '';
			for (;;) {
				const rows = await db
					.selectFrom('evidence_content')
					.select(['sha256', 'size_bytes'])
					.where('sha256', '>', after)
					.orderBy('sha256')
					.limit(1000)
					.execute();
				for (const row of rows) yield { sha256: row.sha256, size: row.size_bytes };
				if (rows.length < 1000) return;
				after = rows.at(-1)!.sha256;
			}
		}
	};
}
