import { sql, type Kysely } from 'kysely';

// Failed sign-ins counted per username and per client address, shared by every app instance.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		CREATE TABLE sign_in_throttle (
			key text PRIMARY KEY CHECK (key ~ '^(user|ip):.+$'),
			failures integer NOT NULL CHECK (failures >= 0),
			last_failure_at timestamptz NOT NULL,
			locked_until timestamptz
		)
	`.execute(db);
	await sql`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await sql`DROP INDEX IF EXISTS sessions_expires_idx`.execute(db);
	await sql`DROP TABLE IF EXISTS sign_in_throttle`.execute(db);
}
