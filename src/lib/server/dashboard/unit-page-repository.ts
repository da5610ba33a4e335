// A unit's own page in one campaign: its assessment in every period, the latest one's checklist,
// its recognitions and the merges it took part in.
import type { Kysely } from 'kysely';
import type { ChecklistRow, HistoryRow, Lineage, RecognitionEntry } from '../../types/dashboard';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/** Every period of the campaign, latest first, with the unit's assessment where it has one. */
export function listUnitHistory(db: Db, campaignId: number, unitId: number): Promise<HistoryRow[]> {
	return db
		.selectFrom('periods')
		.leftJoin('assessments', (join) =>
			join.onRef('assessments.period_id', '=', 'periods.id').on('assessments.unit_id', '=', unitId)
		)
		.select([
			'periods.label',
			'periods.status as periodStatus',
			'periods.closes_at as closesAt',
			'assessments.id as assessmentId',
			'assessments.status',
			'assessments.score',
			'assessments.met_count as metCount',
			'assessments.criteria_count as criteriaCount',
			'assessments.mandatory_met as mandatoryMet',
			'assessments.eligible',
			'assessments.updated_at as updatedAt'
		])
		.where('periods.campaign_id', '=', campaignId)
		.orderBy('periods.starts_on', 'desc')
		.execute();
}

/** An assessment's criteria in order, with the values entered and whether each was met. */
export function listChecklist(db: Db, assessmentId: number): Promise<ChecklistRow[]> {
	return db
		.selectFrom('assessments')
		.innerJoin('criteria', 'criteria.criteria_set_id', 'assessments.criteria_set_id')
		.innerJoin('criteria_groups', 'criteria_groups.id', 'criteria.group_id')
		.leftJoin('criterion_results', (join) =>
			join
				.onRef('criterion_results.assessment_id', '=', 'assessments.id')
				.onRef('criterion_results.criterion_id', '=', 'criteria.id')
		)
		.select([
			'criteria_groups.code as groupCode',
			'criteria_groups.name_vi as groupName_vi',
			'criteria_groups.name_en as groupName_en',
			'criteria.code',
			'criteria.title_vi',
			'criteria.title_en',
			'criteria.type',
			'criteria.comparator',
			'criteria.target_number as targetNumber',
			'criteria.target_rating as targetRating',
			'criteria.points',
			'criteria.mandatory',
			'criterion_results.value_boolean as valueBoolean',
			'criterion_results.value_number as valueNumber',
			'criterion_results.value_rating as valueRating',
			(eb) => eb.fn.coalesce('criterion_results.met', eb.val(false)).as('met')
		])
		.where('assessments.id', '=', assessmentId)
		.orderBy('criteria_groups.position')
		.orderBy('criteria.position')
		.execute();
}

/** The unit's recognitions in the campaign, latest decision first. */
export function listUnitRecognitions(
	db: Db,
	campaignId: number,
	unitId: number
): Promise<RecognitionEntry[]> {
	return db
		.selectFrom('recognitions')
		.select(['decision_number', 'decision_date', 'revoked_at', 'revoke_reason'])
		.where('campaign_id', '=', campaignId)
		.where('unit_id', '=', unitId)
		.orderBy('decision_date', 'desc')
		.execute();
}

/** The unit this one was merged into, and the units merged into it. */
export async function findLineage(db: Db, unitId: number): Promise<Lineage> {
	const [unit, predecessors] = await Promise.all([
		db
			.selectFrom('units')
			.leftJoin('units as successor', 'successor.id', 'units.merged_into_id')
			.select(['successor.code', 'successor.name', 'units.retired_on as date'])
			.where('units.id', '=', unitId)
			.executeTakeFirst(),
		db
			.selectFrom('units')
			.select(['code', 'name', 'retired_on as date'])
			.where('merged_into_id', '=', unitId)
			.orderBy('retired_on')
			.orderBy('code')
			.execute()
	]);
	return {
		retiredOn: unit?.date ?? null,
		mergedInto:
			unit?.code && unit.name && unit.date
				? { code: unit.code, name: unit.name, date: unit.date }
				: null,
		predecessors
	};
}
