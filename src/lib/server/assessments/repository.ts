// Reads and writes of one assessment: its place (unit × campaign × period), its criteria, results,
// evidence and review comments.
import type { Kysely } from 'kysely';
import type { CriterionValue, Rating, ScoredCriterion } from '../../domain/scoring';
import type { Campaign, Database, Period, Unit } from '../db/schema';

type Db = Kysely<Database>;

export interface AssessmentPlace {
	campaign: Campaign;
	unit: Unit;
	period: Period;
	/** The end of an extension the province granted this unit for this period, if any. */
	extensionUntil: Date | null;
}

export async function findPeriodByLabel(db: Db, campaignId: number, label: string) {
	return db
		.selectFrom('periods')
		.selectAll()
		.where('campaign_id', '=', campaignId)
		.where('label', '=', label)
		.executeTakeFirst();
}

export async function findExtension(db: Db, periodId: number, unitId: number) {
	const row = await db
		.selectFrom('period_extensions')
		.select('until')
		.where('period_id', '=', periodId)
		.where('unit_id', '=', unitId)
		.executeTakeFirst();
	return row ? new Date(row.until) : null;
}

export function findAssessment(db: Db, place: AssessmentPlace) {
	return db
		.selectFrom('assessments')
		.selectAll()
		.where('unit_id', '=', place.unit.id)
		.where('campaign_id', '=', place.campaign.id)
		.where('period_id', '=', place.period.id)
		.executeTakeFirst();
}

export type AssessmentRow = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;

/** Locks the row until the transaction ends: every write to an assessment goes through here. */
export function lockAssessmentForUpdate(db: Db, assessmentId: number) {
	return db
		.selectFrom('assessments')
		.selectAll()
		.where('id', '=', assessmentId)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

/**
 * Creates the draft if it does not exist yet; concurrent creations leave exactly one.
 * Answers whether this call created it.
 */
export async function insertDraftIfMissing(db: Db, place: AssessmentPlace, userId: number) {
	const inserted = await db
		.insertInto('assessments')
		.values({
			unit_id: place.unit.id,
			campaign_id: place.campaign.id,
			period_id: place.period.id,
			criteria_set_id: place.period.criteria_set_id,
			created_by: userId,
			updated_by: userId
		})
		.onConflict((conflict) => conflict.columns(['unit_id', 'campaign_id', 'period_id']).doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted !== undefined;
}

export interface CriterionRow extends ScoredCriterion {
	id: number;
	groupCode: string;
	groupName_vi: string;
	groupName_en: string;
	title_vi: string;
	title_en: string;
	comparator: ScoredCriterion['comparator'];
	targetNumber: number | null;
	targetRating: Rating | null;
	evidenceRequired: boolean;
	guidance_vi: string;
	guidance_en: string;
}

/** The criteria of a set in reading order, shaped for the scoring module. */
export async function listCriteria(db: Db, criteriaSetId: number): Promise<CriterionRow[]> {
	const rows = await db
		.selectFrom('criteria')
		.innerJoin('criteria_groups', 'criteria_groups.id', 'criteria.group_id')
		.select([
			'criteria.id',
			'criteria.code',
			'criteria.type',
			'criteria.comparator',
			'criteria.target_number as targetNumber',
			'criteria.target_rating as targetRating',
			'criteria.points',
			'criteria.mandatory',
			'criteria.evidence_required as evidenceRequired',
			'criteria.title_vi',
			'criteria.title_en',
			'criteria.guidance_vi',
			'criteria.guidance_en',
			'criteria_groups.code as groupCode',
			'criteria_groups.name_vi as groupName_vi',
			'criteria_groups.name_en as groupName_en'
		])
		.where('criteria.criteria_set_id', '=', criteriaSetId)
		.orderBy('criteria_groups.position')
		.orderBy('criteria.position')
		.execute();
	return rows.map((row) => ({
		...row,
		target: row.type === 'rating' ? row.targetRating : row.targetNumber
	}));
}

export interface StoredResult {
	criterionId: number;
	value: CriterionValue;
	note: string;
}

export function valueOf(row: {
	value_boolean: boolean | null;
	value_number: number | null;
	value_rating: Rating | null;
}): CriterionValue {
	return row.value_boolean ?? row.value_number ?? row.value_rating ?? null;
}

export function valueColumns(value: CriterionValue) {
	return {
		value_boolean: typeof value === 'boolean' ? value : null,
		value_number: typeof value === 'number' ? value : null,
		value_rating: typeof value === 'string' ? value : null
	};
}

/** Results keyed by criterion id. */
export async function listResults(db: Db, assessmentId: number) {
	const rows = await db
		.selectFrom('criterion_results')
		.select(['criterion_id', 'value_boolean', 'value_number', 'value_rating', 'note'])
		.where('assessment_id', '=', assessmentId)
		.execute();
	return new Map<number, StoredResult>(
		rows.map((row) => [
			row.criterion_id,
			{ criterionId: row.criterion_id, value: valueOf(row), note: row.note }
		])
	);
}

export function listEvidence(db: Db, assessmentId: number) {
	return db
		.selectFrom('evidence_files')
		.innerJoin('users', 'users.id', 'evidence_files.uploaded_by')
		.select([
			'evidence_files.id',
			'evidence_files.criterion_id as criterionId',
			'evidence_files.file_name as fileName',
			'evidence_files.media_type as mediaType',
			'evidence_files.size_bytes as sizeBytes',
			'evidence_files.uploaded_at as uploadedAt',
			'users.display_name as uploadedBy'
		])
		.where('evidence_files.assessment_id', '=', assessmentId)
		.orderBy('evidence_files.uploaded_at')
		.orderBy('evidence_files.id')
		.execute();
}

/** The comments of the latest return that the unit has not answered by resubmitting. */
export function listOpenComments(db: Db, assessmentId: number) {
	return db
		.selectFrom('review_comments')
		.innerJoin('users', 'users.id', 'review_comments.author_id')
		.select([
			'review_comments.id',
			'review_comments.criterion_id as criterionId',
			'review_comments.body',
			'review_comments.created_at as createdAt',
			'users.display_name as author'
		])
		.where('review_comments.assessment_id', '=', assessmentId)
		.where('review_comments.resolved_at', 'is', null)
		.orderBy('review_comments.id')
		.execute();
}

/** The unit's assessment of the period before this one, for "what changed" on review. */
export async function findPreviousResults(db: Db, place: AssessmentPlace) {
	const previous = await db
		.selectFrom('assessments')
		.innerJoin('periods', 'periods.id', 'assessments.period_id')
		.select(['assessments.id', 'periods.label'])
		.where('assessments.unit_id', '=', place.unit.id)
		.where('assessments.campaign_id', '=', place.campaign.id)
		.where('periods.starts_on', '<', place.period.starts_on)
		.orderBy('periods.starts_on', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!previous) return null;
	// Criteria of another version are matched by code: ids differ between versions.
	const rows = await db
		.selectFrom('criterion_results')
		.innerJoin('criteria', 'criteria.id', 'criterion_results.criterion_id')
		.select(['criteria.code', 'value_boolean', 'value_number', 'value_rating'])
		.where('criterion_results.assessment_id', '=', previous.id)
		.execute();
	return {
		label: previous.label,
		values: new Map(rows.map((row) => [row.code, valueOf(row)]))
	};
}

export function findStandingRecognition(db: Db, campaignId: number, unitId: number) {
	return db
		.selectFrom('recognitions')
		.select(['id', 'assessment_id', 'decision_number', 'decision_date', 'created_at'])
		.where('campaign_id', '=', campaignId)
		.where('unit_id', '=', unitId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
}
