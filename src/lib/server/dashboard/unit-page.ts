// A commune-level unit's standing in one campaign: the latest assessment's checklist, what is
// still missing for recognition, its history across periods and its recognitions.
import type { Kysely } from 'kysely';
import type { Campaign, Database } from '../db/schema';

type Db = Kysely<Database>;

export async function loadUnitStanding(db: Db, campaign: Campaign, unitId: number) {
	const history = await db
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
		.where('periods.campaign_id', '=', campaign.id)
		.orderBy('periods.starts_on', 'desc')
		.execute();
	const latest = history.find((row) => row.assessmentId !== null) ?? null;
	const checklist = latest?.assessmentId ? await loadChecklist(db, latest.assessmentId) : [];
	const recognitions = await db
		.selectFrom('recognitions')
		.select(['decision_number', 'decision_date', 'revoked_at', 'revoke_reason'])
		.where('campaign_id', '=', campaign.id)
		.where('unit_id', '=', unitId)
		.orderBy('decision_date', 'desc')
		.execute();
	const unmet = checklist.filter((criterion) => !criterion.met);
	const groups: { code: string; name_vi: string; name_en: string; criteria: typeof checklist }[] =
		[];
	for (const row of checklist) {
		const last = groups[groups.length - 1];
		if (last?.code === row.groupCode) last.criteria.push(row);
		else
			groups.push({
				code: row.groupCode,
				name_vi: row.groupName_vi,
				name_en: row.groupName_en,
				criteria: [row]
			});
	}
	return {
		// The period under way (not one still planned), else the latest.
		current: history.find((row) => row.periodStatus !== 'planned') ?? history[0] ?? null,
		latest,
		groups,
		missing: {
			criteria: unmet,
			mandatory: unmet.filter((criterion) => criterion.mandatory),
			pointsGap: latest ? Math.max(0, campaign.min_score - (latest.score ?? 0)) : campaign.min_score
		},
		history,
		recognitions,
		standing: recognitions.find((recognition) => recognition.revoked_at === null) ?? null,
		lineage: await loadLineage(db, unitId)
	};
}

/** Merges keep their history: the unit this one was merged into, and the units merged into it. */
export async function loadLineage(db: Db, unitId: number) {
	const unit = await db
		.selectFrom('units')
		.leftJoin('units as successor', 'successor.id', 'units.merged_into_id')
		.select(['successor.code', 'successor.name', 'units.retired_on as date'])
		.where('units.id', '=', unitId)
		.executeTakeFirst();
	const predecessors = await db
		.selectFrom('units')
		.select(['code', 'name', 'retired_on as date'])
		.where('merged_into_id', '=', unitId)
		.orderBy('retired_on')
		.orderBy('code')
		.execute();
	return {
		retiredOn: unit?.date ?? null,
		mergedInto:
			unit?.code && unit.name && unit.date
				? { code: unit.code, name: unit.name, date: unit.date }
				: null,
		predecessors
	};
}

async function loadChecklist(db: Db, assessmentId: number) {
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
