// Every query of an assessment: its place (unit × campaign × period), the row itself, its criteria,
// results, review comments and history. The review queue's are in ./queue-repository.ts, evidence's
// in ../evidence/repository.ts, recognitions' in ../recognitions/repository.ts.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { CriterionValue, Rating, ScoredCriterion } from '../../domain/scoring';
import type {
	AssessmentTable,
	Campaign,
	CriterionResultTable,
	Database,
	Period,
	ReviewCommentTable,
	Unit
} from '../db/schema';
import { inForceOn } from '../units/structure';

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

/**
 * Whether the place's unit was in force on the period's last day: only then does the period count
 * it, and only then does it take an assessment for the period.
 */
export async function isUnitInForce(db: Db, place: Pick<AssessmentPlace, 'unit' | 'period'>) {
	const version = await db
		.selectFrom('unit_versions as v')
		.select('v.unit_id')
		.where('v.unit_id', '=', place.unit.id)
		.where(inForceOn('v', place.period.ends_on))
		.executeTakeFirst();
	return version !== undefined;
}

/**
 * The unit and the units above it as they stood on the day `on` (names as they were then); for a
 * unit not in force that day, as they stood on its last day. A code alone is ambiguous across
 * time (the registry reuses codes); a path within one day's structure is not.
 */
export async function listAncestorsOn(db: Db, unitId: number, on: string) {
	const result = await sql<{
		unitId: number;
		code: string;
		name: string;
		path: string;
		level: number;
		status: string;
		retired_on: string | null;
	}>`
		WITH target AS (
			SELECT path,
				CASE WHEN valid_from <= ${on}::date AND ${on}::date < valid_to THEN ${on}::date
					ELSE (valid_to - 1) END AS day
			FROM unit_versions
			WHERE unit_id = ${unitId}
			ORDER BY (valid_from <= ${on}::date AND ${on}::date < valid_to) DESC, valid_to DESC
			LIMIT 1
		)
		SELECT v.unit_id AS "unitId", v.code, v.name, v.path, v.level, u.status,
			to_char(u.retired_on, 'YYYY-MM-DD') AS retired_on
		FROM target t
		INNER JOIN unit_versions v ON v.valid_from <= t.day AND t.day < v.valid_to
			AND t.path LIKE (v.path || '%')
		INNER JOIN units u ON u.id = v.unit_id
		ORDER BY v.level
	`.execute(db);
	return result.rows;
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

/** The figures stored on an assessment row for its score. */
export type ScoreColumns = Pick<
	Insertable<AssessmentTable>,
	'score' | 'met_count' | 'criteria_count' | 'mandatory_met' | 'unmet_codes' | 'eligible'
>;

/**
 * Creates the draft with the figures of an empty assessment if it does not exist yet; concurrent
 * creations leave exactly one. Answers whether this call created it.
 */
export async function insertDraftIfMissing(
	db: Db,
	place: AssessmentPlace,
	userId: number,
	figures: ScoreColumns
) {
	const inserted = await db
		.insertInto('assessments')
		.values({
			unit_id: place.unit.id,
			campaign_id: place.campaign.id,
			period_id: place.period.id,
			criteria_set_id: place.period.criteria_set_id,
			created_by: userId,
			updated_by: userId,
			...figures
		})
		.onConflict((conflict) => conflict.columns(['unit_id', 'campaign_id', 'period_id']).doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted !== undefined;
}

/** Writes the changes and answers the row as it now stands. */
export function updateAssessment(
	db: Db,
	assessmentId: number,
	changes: Updateable<AssessmentTable>
) {
	return db
		.updateTable('assessments')
		.set(changes)
		.where('id', '=', assessmentId)
		.returningAll()
		.executeTakeFirstOrThrow();
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

/** The version number of a criteria set and who it is written for, as the page names them. */
export function findCriteriaSetVersion(db: Db, criteriaSetId: number) {
	return db
		.selectFrom('criteria_sets')
		.select(['version', 'audience'])
		.where('id', '=', criteriaSetId)
		.executeTakeFirstOrThrow();
}

export async function findCriterionCode(db: Db, criterionId: number) {
	const row = await db
		.selectFrom('criteria')
		.select('code')
		.where('id', '=', criterionId)
		.executeTakeFirstOrThrow();
	return row.code;
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

/** Writes every changed answer in one statement: EXCLUDED is the row that was to be inserted. */
export async function upsertResults(db: Db, rows: readonly Insertable<CriterionResultTable>[]) {
	if (rows.length === 0) return;
	await db
		.insertInto('criterion_results')
		.values(rows)
		.onConflict((conflict) =>
			conflict.columns(['assessment_id', 'criterion_id']).doUpdateSet((eb) => ({
				value_boolean: eb.ref('excluded.value_boolean'),
				value_number: eb.ref('excluded.value_number'),
				value_rating: eb.ref('excluded.value_rating'),
				note: eb.ref('excluded.note'),
				met: eb.ref('excluded.met'),
				updated_at: eb.ref('excluded.updated_at'),
				updated_by: eb.ref('excluded.updated_by')
			}))
		)
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

/** Resubmitting answers the comments of the last return. */
export async function resolveOpenComments(db: Db, assessmentId: number, now: Date) {
	await db
		.updateTable('review_comments')
		.set({ resolved_at: now })
		.where('assessment_id', '=', assessmentId)
		.where('resolved_at', 'is', null)
		.execute();
}

export async function insertReviewComments(
	db: Db,
	comments: readonly Insertable<ReviewCommentTable>[]
) {
	if (comments.length === 0) return;
	await db.insertInto('review_comments').values(comments).execute();
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

/** The audit entries about one assessment, newest first: its history. */
export function listAssessmentAudit(db: Db, assessmentId: number, limit: number) {
	return db
		.selectFrom('audit_log')
		.leftJoin('users', 'users.id', 'audit_log.actor_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.actor_name',
			'users.display_name',
			'audit_log.action',
			'audit_log.before',
			'audit_log.after',
			'audit_log.reason'
		])
		.where('audit_log.entity_type', '=', 'assessment')
		.where('audit_log.entity_id', '=', String(assessmentId))
		.orderBy('audit_log.at', 'desc')
		.orderBy('audit_log.id', 'desc')
		.limit(limit)
		.execute();
}
