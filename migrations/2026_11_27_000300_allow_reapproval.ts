import { sql, type Kysely } from 'kysely';

// An approved assessment can be reopened, corrected and approved again: its first recognition is
// revoked and a new one recorded, so one assessment may hold several (one standing at most, by
// recognitions_standing_idx).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`ALTER TABLE recognitions DROP CONSTRAINT recognitions_assessment_id_key`.execute(db);
	await sql`CREATE INDEX recognitions_assessment_idx ON recognitions (assessment_id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await sql`DROP INDEX IF EXISTS recognitions_assessment_idx`.execute(db);
	await sql`ALTER TABLE recognitions ADD CONSTRAINT recognitions_assessment_id_key
		UNIQUE (assessment_id)`.execute(db);
}
