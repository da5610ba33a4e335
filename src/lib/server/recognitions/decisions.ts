// The province's recognition decisions: one number and date of a campaign recognising many units.
// A decision is found by its number, date and campaign, or made on the first approval that names
// it (a single approval and a bulk one alike), so the same typed decision is always one row.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface DecisionKey {
	campaignId: number;
	number: string;
	date: string;
}

/**
 * The decision's id, made if it does not exist yet. Two approvals naming a new decision at once
 * both end on the same row: the loser of the insert reads the winner's.
 */
export async function findOrCreateDecision(trx: Db, key: DecisionKey, createdBy: number) {
	const inserted = await trx
		.insertInto('recognition_decisions')
		.values({
			campaign_id: key.campaignId,
			decision_number: key.number,
			decision_date: key.date,
			created_by: createdBy
		})
		.onConflict((conflict) =>
			conflict.columns(['campaign_id', 'decision_number', 'decision_date']).doNothing()
		)
		.returning('id')
		.executeTakeFirst();
	if (inserted) return { id: inserted.id, created: true };
	const { id } = await trx
		.selectFrom('recognition_decisions')
		.select('id')
		.where('campaign_id', '=', key.campaignId)
		.where('decision_number', '=', key.number)
		.where('decision_date', '=', key.date)
		.executeTakeFirstOrThrow();
	return { id, created: false };
}

/** A decision with its campaign, and its scan's metadata when one is attached. */
export function findDecision(db: Db, id: number) {
	return db
		.selectFrom('recognition_decisions as d')
		.innerJoin('campaigns as c', 'c.id', 'd.campaign_id')
		.leftJoin('users as u', 'u.id', 'd.created_by')
		.select([
			'd.id',
			'd.decision_number as number',
			'd.decision_date as date',
			'd.created_at as createdAt',
			'u.display_name as createdBy',
			'd.scan_sha256 as scanSha256',
			'd.scan_file_name as scanFileName',
			'd.scan_media_type as scanMediaType',
			'd.scan_size_bytes as scanSizeBytes',
			'd.scan_uploaded_at as scanUploadedAt',
			'c.id as campaignId',
			'c.code as campaignCode',
			'c.name_vi as campaignNameVi',
			'c.name_en as campaignNameEn'
		])
		.where('d.id', '=', id)
		.executeTakeFirst();
}

export type DecisionRow = NonNullable<Awaited<ReturnType<typeof findDecision>>>;

/**
 * The decision's annex: each unit it recognises with its parent, the period and the score, in the
 * order of the tree. Revoked recognitions stay listed (the decision said so), marked as revoked.
 */
export function listDecisionUnits(db: Db, decisionId: number) {
	return db
		.selectFrom('recognitions as r')
		.innerJoin('units as u', 'u.id', 'r.unit_id')
		.leftJoin('units as parent', 'parent.id', 'u.parent_id')
		.innerJoin('assessments as a', 'a.id', 'r.assessment_id')
		.innerJoin('periods as p', 'p.id', 'a.period_id')
		.select([
			'r.id',
			'u.code as unitCode',
			'u.name as unitName',
			'u.path as unitPath',
			'parent.name as parentName',
			'p.label as period',
			'a.score',
			'a.met_count as metCount',
			'a.criteria_count as criteriaCount',
			'r.revoked_at as revokedAt'
		])
		.where('r.decision_id', '=', decisionId)
		.orderBy('u.path')
		.orderBy('p.starts_on')
		.execute();
}

export type DecisionUnit = Awaited<ReturnType<typeof listDecisionUnits>>[number];

/** The scanned decisions behind a unit's recognitions in a campaign, for its page's links. */
export function listUnitDecisionScans(db: Db, campaignId: number, unitId: number) {
	return db
		.selectFrom('recognitions as r')
		.innerJoin('recognition_decisions as d', 'd.id', 'r.decision_id')
		.select([
			'd.id',
			'd.decision_number as number',
			'd.decision_date as date',
			'd.scan_file_name as fileName'
		])
		.distinct()
		.where('r.campaign_id', '=', campaignId)
		.where('r.unit_id', '=', unitId)
		.where('d.scan_sha256', 'is not', null)
		.execute();
}

/** Attaches (or replaces) the decision's scan; answers the content it replaced, if any. */
export async function setDecisionScan(
	trx: Db,
	decisionId: number,
	scan: { sha256: string; fileName: string; mediaType: string; sizeBytes: number },
	uploadedBy: number,
	now: Date
) {
	const before = await trx
		.selectFrom('recognition_decisions')
		.select(['scan_sha256', 'scan_file_name'])
		.where('id', '=', decisionId)
		.forUpdate()
		.executeTakeFirst();
	await trx
		.updateTable('recognition_decisions')
		.set({
			scan_sha256: scan.sha256,
			scan_file_name: scan.fileName,
			scan_media_type: scan.mediaType,
			scan_size_bytes: scan.sizeBytes,
			scan_uploaded_by: uploadedBy,
			scan_uploaded_at: now
		})
		.where('id', '=', decisionId)
		.execute();
	return before ?? null;
}

/** The paths of the units a decision recognises: who may see its scan. */
export async function listDecisionUnitPaths(db: Db, decisionId: number) {
	const rows = await db
		.selectFrom('recognitions as r')
		.innerJoin('units as u', 'u.id', 'r.unit_id')
		.select('u.path')
		.where('r.decision_id', '=', decisionId)
		.execute();
	return rows.map((row) => row.path);
}

/**
 * Gives each of the campaign's recognitions written without a decision (the demo's history writes
 * them in bulk) the decision its number, date and campaign name, made where missing.
 */
export async function attachDecisions(db: Db, campaignId: number) {
	await sql`
		INSERT INTO recognition_decisions (campaign_id, decision_number, decision_date, created_by,
			created_at)
		SELECT campaign_id, decision_number, decision_date,
			(array_agg(approved_by ORDER BY created_at, id))[1], min(created_at)
		FROM recognitions WHERE decision_id IS NULL AND campaign_id = ${campaignId}
		GROUP BY campaign_id, decision_number, decision_date
		ON CONFLICT (campaign_id, decision_number, decision_date) DO NOTHING
	`.execute(db);
	await sql`
		UPDATE recognitions r SET decision_id = d.id FROM recognition_decisions d
		WHERE r.decision_id IS NULL AND r.campaign_id = ${campaignId} AND d.campaign_id = r.campaign_id
			AND d.decision_number = r.decision_number AND d.decision_date = r.decision_date
	`.execute(db);
}
