// A unit's own page in one campaign: its assessment in every period it lived through, the latest
// one's checklist, its recognitions, its lineage (links both ways, renames and moves), and, for a
// unit formed by a merger, which predecessors were recognised on the eve.
import { sql, type Kysely } from 'kysely';
import { periodHasSetFor } from '../periods/audience-sql';
import { buildLineage, type VersionRow } from '../../domain/lineage';
import type {
	ChecklistRow,
	HistoryRow,
	Lineage,
	MergerContext,
	RecognitionEntry
} from '../../types/dashboard';
import type { Database } from '../db/schema';
import { inForceOn, unitRefSegment } from '../units/structure';

type Db = Kysely<Database>;

/**
 * Every period of the campaign the unit lived through (in force on the period's last day) or has an
 * assessment in, latest first, with its assessment and its name as it was then.
 */
export function listUnitHistory(db: Db, campaignId: number, unitId: number): Promise<HistoryRow[]> {
	return db
		.selectFrom('periods')
		.leftJoin('assessments', (join) =>
			join.onRef('assessments.period_id', '=', 'periods.id').on('assessments.unit_id', '=', unitId)
		)
		.leftJoin('unit_versions as v', (join) =>
			join.on('v.unit_id', '=', unitId).on(inForceOn('v', sql`periods.ends_on`))
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
			'assessments.updated_at as updatedAt',
			'v.name as nameThen',
			sql<boolean>`(v.kind IS NOT NULL AND ${periodHasSetFor('periods.id', 'v.kind')})`.as('hasSet')
		])
		.where('periods.campaign_id', '=', campaignId)
		.where((eb) => eb.or([eb('v.unit_id', 'is not', null), eb('assessments.id', 'is not', null)]))
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

/** The other unit of a link, or a parent, as an address: its segment and latest name. */
function linkedColumns<A extends 'o' | 'p'>(alias: A) {
	return [
		`${alias}.code` as `${A}.code`,
		`${alias}.name` as `${A}.name`,
		`${alias}.status` as `${A}.status`,
		sql<string | null>`${sql.ref(`${alias}.retired_on`)}::text`.as('retired_on')
	] as const;
}

function linked(row: { code: string; name: string; status: string; retired_on: string | null }) {
	return { code: row.code, name: row.name, ref: unitRefSegment(row) };
}

/** The unit's links to its predecessors (it is the successor) or its successors. */
async function listLinks(db: Db, unitId: number, side: 'predecessor' | 'successor') {
	const [mine, other] =
		side === 'predecessor'
			? (['l.successor_id', 'l.predecessor_id'] as const)
			: (['l.predecessor_id', 'l.successor_id'] as const);
	const rows = await db
		.selectFrom('unit_links as l')
		.innerJoin('units as o', 'o.id', other)
		.select(linkedColumns('o'))
		.select([sql<string>`l.effective_on::text`.as('effective_on'), 'l.part'])
		.where(mine, '=', unitId)
		.orderBy('l.effective_on')
		.orderBy('o.code')
		.execute();
	return rows.map((row) => ({
		unit: linked(row),
		effective_on: row.effective_on,
		part: row.part
	}));
}

/** The unit's versions oldest first, each with its parent as an address. */
async function listVersions(db: Db, unitId: number): Promise<VersionRow[]> {
	const rows = await db
		.selectFrom('unit_versions as v')
		.leftJoin('units as p', 'p.id', 'v.parent_id')
		.select([
			sql<string>`v.valid_from::text`.as('valid_from'),
			'v.code as version_code',
			'v.name as version_name',
			'v.kind'
		])
		.select(linkedColumns('p'))
		.where('v.unit_id', '=', unitId)
		.orderBy('v.valid_from')
		.execute();
	return rows.map((row) => ({
		valid_from: row.valid_from,
		code: row.version_code,
		name: row.version_name,
		kind: row.kind,
		parent: row.code === null ? null : linked(row as Parameters<typeof linked>[0])
	}));
}

/** Everything the unit went through: links both ways, its versions, its dates. */
export async function findLineage(db: Db, unitId: number): Promise<Lineage> {
	const [unit, versions, predecessors, successors] = await Promise.all([
		db
			.selectFrom('units')
			.select([
				sql<string | null>`established_on::text`.as('established_on'),
				sql<string | null>`retired_on::text`.as('retired_on')
			])
			.where('id', '=', unitId)
			.executeTakeFirstOrThrow(),
		listVersions(db, unitId),
		listLinks(db, unitId, 'predecessor'),
		listLinks(db, unitId, 'successor')
	]);
	const full = successors.find((link) => link.part === 'full');
	return {
		retiredOn: unit.retired_on,
		mergedInto: full
			? { code: full.unit.code, name: full.unit.name, date: full.effective_on }
			: null,
		predecessors: predecessors.map((link) => ({ ...link.unit, date: link.effective_on })),
		events: buildLineage({ ...unit, versions, predecessors, successors }),
		successors: successors.map((link) => link.unit)
	};
}

/**
 * A unit formed by a merger (it has predecessors and began the day they went into it): how many
 * predecessors there were and which had a recognition of the campaign in force on the eve.
 */
export async function findMergerContext(
	db: Db,
	campaignId: number,
	unitId: number
): Promise<MergerContext | null> {
	const formed = await db
		.selectFrom('unit_links as l')
		.innerJoin('units as u', 'u.id', 'l.successor_id')
		.select([
			sql<string>`l.effective_on::text`.as('formed_on'),
			sql<number>`count(*)::int`.as('predecessors')
		])
		.where('l.successor_id', '=', unitId)
		.whereRef('l.effective_on', '=', 'u.established_on')
		.groupBy('l.effective_on')
		.executeTakeFirst();
	if (!formed) return null;
	const recognised = await db
		.selectFrom('unit_links as l')
		.innerJoin('units as o', 'o.id', 'l.predecessor_id')
		.select(linkedColumns('o'))
		.where('l.successor_id', '=', unitId)
		.where('l.effective_on', '=', formed.formed_on)
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('recognitions as r')
					.select('r.id')
					.whereRef('r.unit_id', '=', 'o.id')
					.where('r.campaign_id', '=', campaignId)
					// In force at the end of the eve: decided by then, not revoked before the day began.
					.where('r.decision_date', '<', formed.formed_on).where(sql<boolean>`(r.revoked_at IS NULL
						OR r.revoked_at >= (${formed.formed_on}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))`)
			)
		)
		.orderBy('o.code')
		.execute();
	return {
		formedOn: formed.formed_on,
		predecessors: formed.predecessors,
		recognised: recognised.map(linked)
	};
}

/** The unit's ancestors from the top, by its parents (not by codes, which the registry reuses). */
export async function listUnitAncestors(db: Db, unitId: number) {
	const rows = await sql<{
		code: string;
		name: string;
		path: string;
		status: string;
		retired_on: string | null;
	}>`
		WITH RECURSIVE up AS (
			SELECT id, parent_id, 0 AS depth FROM units WHERE id = ${unitId}
			UNION ALL
			SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
			WHERE up.depth < 20
		)
		SELECT u.code, u.name, u.path, u.status, u.retired_on::text AS retired_on
		FROM up JOIN units u ON u.id = up.id
		ORDER BY up.depth DESC
	`.execute(db);
	return rows.rows.map((row) => ({ ...row, ref: unitRefSegment(row) }));
}
