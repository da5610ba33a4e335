import { sql, type Kysely } from 'kysely';

// Each assessment stores the codes of the criteria it does not meet, computed with its score in
// the same transaction: the dashboards count the weakest criteria from one row per assessment
// instead of one row per criterion result (23 times fewer rows at national scale).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`ALTER TABLE assessments ADD COLUMN unmet_codes text[] NOT NULL DEFAULT '{}'`.execute(
		db
	);
	await sql`
		UPDATE assessments a SET unmet_codes = coalesce((
			SELECT array_agg(c.code ORDER BY g.position, c.position)
			FROM criteria c
			JOIN criteria_groups g ON g.id = c.group_id
			LEFT JOIN criterion_results r ON r.assessment_id = a.id AND r.criterion_id = c.id
			WHERE c.criteria_set_id = a.criteria_set_id AND NOT coalesce(r.met, false)
		), '{}')
	`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await sql`ALTER TABLE assessments DROP COLUMN unmet_codes`.execute(db);
}
