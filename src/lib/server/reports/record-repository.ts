// Who took each workflow step of an assessment, and when: read from the assessment row itself.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** A user's name as lists show it: the display name, else the login. */
const nameOf = (alias: string) =>
	sql<
		string | null
	>`coalesce(nullif(${sql.ref(`${alias}.display_name`)}, ''), ${sql.ref(`${alias}.username`)})`;

export function findAssessmentSteps(db: Kysely<Database>, assessmentId: number) {
	return db
		.selectFrom('assessments as a')
		.leftJoin('users as su', 'su.id', 'a.submitted_by')
		.leftJoin('users as vu', 'vu.id', 'a.verified_by')
		.leftJoin('users as au', 'au.id', 'a.approved_by')
		.leftJoin('users as ru', 'ru.id', 'a.returned_by')
		.select([
			'a.submitted_at as submittedAt',
			nameOf('su').as('submittedBy'),
			'a.verified_at as verifiedAt',
			nameOf('vu').as('verifiedBy'),
			'a.approved_at as approvedAt',
			nameOf('au').as('approvedBy'),
			'a.returned_at as returnedAt',
			nameOf('ru').as('returnedBy'),
			'a.return_reason as returnReason'
		])
		.where('a.id', '=', assessmentId)
		.executeTakeFirst();
}

export type AssessmentSteps = NonNullable<Awaited<ReturnType<typeof findAssessmentSteps>>>;
