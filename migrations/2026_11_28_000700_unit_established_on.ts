import { sql, type Kysely } from 'kysely';

// The day a unit came into being, when it is younger than the campaigns that count it: a commune
// formed by merging others counts from that day on, not in the periods before it existed.
// Null: the unit existed from the start.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`ALTER TABLE units ADD COLUMN established_on date`.execute(db);
	await sql`
		ALTER TABLE units ADD CONSTRAINT units_established_before_retired
		CHECK (established_on IS NULL OR retired_on IS NULL OR retired_on >= established_on)
	`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await sql`ALTER TABLE units DROP COLUMN established_on`.execute(db);
}
