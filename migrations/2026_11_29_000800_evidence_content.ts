import { sql, type Kysely } from 'kysely';

// Evidence content in the database, for PostgreSQL installs: every instance serves every file and
// one database backup holds everything. Content is addressed by its SHA-256 (the same file uploaded
// twice is stored once, as on the file system) and cut into chunks, so a download streams it
// chunk by chunk and no statement carries a whole file. PGlite installs keep the file system and
// leave these tables empty.
// Portable between PostgreSQL 15 (server) and PGlite (PostgreSQL 17): plain SQL, no extensions.

const statements = [
	`CREATE TABLE evidence_content (
		sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
		size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
		chunk_count integer NOT NULL CHECK (chunk_count >= 0),
		created_at timestamptz NOT NULL DEFAULT now()
	)`,
	`CREATE TABLE evidence_chunks (
		sha256 text NOT NULL REFERENCES evidence_content (sha256) ON DELETE CASCADE,
		position integer NOT NULL CHECK (position >= 0),
		bytes bytea NOT NULL,
		PRIMARY KEY (sha256, position)
	)`,
	// PDFs and photographs are compressed already: store chunks out of line without trying again.
	`ALTER TABLE evidence_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await sql`DROP TABLE IF EXISTS evidence_chunks`.execute(db);
	await sql`DROP TABLE IF EXISTS evidence_content`.execute(db);
}
