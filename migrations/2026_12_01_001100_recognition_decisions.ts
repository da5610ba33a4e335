import { sql, type Kysely } from 'kysely';

// A recognition decision of its own: one number and date of a campaign recognises many units at
// once (the province's decision and its annex), and may carry the scanned signed decision (a PDF
// whose content lives in the evidence store, like any evidence file, and is backed up with it).
// Each recognition refers to its decision; recognitions written before, or by the demo's synthetic
// history, are attached to a decision made from their number, date and campaign.
// Portable between PostgreSQL 15 (server) and PGlite (PostgreSQL 17): plain SQL, no extensions.

const statements = [
	`CREATE TABLE recognition_decisions (
		id serial PRIMARY KEY,
		campaign_id integer NOT NULL REFERENCES campaigns (id),
		decision_number text NOT NULL CHECK (length(trim(decision_number)) > 0),
		decision_date date NOT NULL,
		created_by integer REFERENCES users (id),
		created_at timestamptz NOT NULL DEFAULT now(),
		scan_sha256 text CHECK (scan_sha256 ~ '^[0-9a-f]{64}$'),
		scan_file_name text,
		scan_media_type text,
		scan_size_bytes integer CHECK (scan_size_bytes > 0),
		scan_uploaded_by integer REFERENCES users (id),
		scan_uploaded_at timestamptz,
		UNIQUE (campaign_id, decision_number, decision_date),
		CHECK ((scan_sha256 IS NULL) = (scan_file_name IS NULL)
			AND (scan_sha256 IS NULL) = (scan_size_bytes IS NULL)
			AND (scan_sha256 IS NULL) = (scan_media_type IS NULL))
	)`,
	`CREATE INDEX recognition_decisions_scan_idx ON recognition_decisions (scan_sha256)
		WHERE scan_sha256 IS NOT NULL`,
	`ALTER TABLE recognitions ADD COLUMN decision_id integer REFERENCES recognition_decisions (id)`,
	`CREATE INDEX recognitions_decision_idx ON recognitions (decision_id)`,
	`INSERT INTO recognition_decisions (campaign_id, decision_number, decision_date, created_by,
			created_at)
		SELECT campaign_id, decision_number, decision_date,
			(array_agg(approved_by ORDER BY created_at, id))[1], min(created_at)
		FROM recognitions GROUP BY campaign_id, decision_number, decision_date`,
	`UPDATE recognitions r SET decision_id = d.id FROM recognition_decisions d
		WHERE d.campaign_id = r.campaign_id AND d.decision_number = r.decision_number
			AND d.decision_date = r.decision_date`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await sql`ALTER TABLE recognitions DROP COLUMN IF EXISTS decision_id`.execute(db);
	await sql`DROP TABLE IF EXISTS recognition_decisions`.execute(db);
}
