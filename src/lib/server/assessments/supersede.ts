// Work on a retired unit stops: its open assessments (draft, submitted, verified) of the periods it
// no longer counts in (those ending on or after its retirement) are closed as 'superseded', with
// the reason, the status they had, and an audit entry each. Assessments of periods the unit still
// counted in stay as they are: their figures include the unit.
import { sql, type Kysely } from 'kysely';
import type { AuditEntry } from '../audit/repository';
import type { Database } from '../db/schema';
import type { ChangedBy } from '../units/changes';

type Db = Kysely<Database>;

/** An open assessment a retirement closes: what a reorganisation's preview lists. */
export interface OpenAssessment {
	id: number;
	unitId: number;
	unitCode: string;
	campaignCode: string;
	periodLabel: string;
	status: string;
}

/** The open assessments of these units in periods ending on or after the day `on`. */
export async function listOpenAssessmentsFrom(
	db: Db,
	unitIds: readonly number[],
	on: string
): Promise<OpenAssessment[]> {
	if (unitIds.length === 0) return [];
	return db
		.selectFrom('assessments as a')
		.innerJoin('periods as p', 'p.id', 'a.period_id')
		.innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
		.innerJoin('units as u', 'u.id', 'a.unit_id')
		.select([
			'a.id',
			'a.unit_id as unitId',
			'u.code as unitCode',
			'c.code as campaignCode',
			'p.label as periodLabel',
			'a.status'
		])
		.where('a.unit_id', 'in', [...unitIds])
		.where('a.status', 'in', ['draft', 'submitted', 'verified'])
		.where('p.ends_on', '>=', on)
		.orderBy('u.code')
		.orderBy('c.code')
		.orderBy('p.starts_on')
		.execute();
}

/** Closes them as superseded in the caller's transaction; returns the audit entries to write. */
export async function supersedeOpenAssessments(
	trx: Db,
	by: ChangedBy,
	unitIds: readonly number[],
	on: string,
	reason: string
): Promise<AuditEntry[]> {
	const open = await listOpenAssessmentsFrom(trx, unitIds, on);
	if (open.length === 0) return [];
	await trx
		.updateTable('assessments')
		.set({
			status: 'superseded',
			superseded_from: sql`status`,
			superseded_at: sql`now()`,
			superseded_reason: reason,
			version: sql`version + 1`,
			updated_at: sql`now()`
		})
		.where(
			'id',
			'in',
			open.map((assessment) => assessment.id)
		)
		.execute();
	return open.map((assessment) => ({
		...by,
		action: 'assessment.supersede',
		entityType: 'assessment',
		entityId: assessment.id,
		unitId: assessment.unitId,
		before: { status: assessment.status },
		after: { status: 'superseded', superseded_on: on },
		reason
	}));
}
