// The evidence files' metadata: which file backs which criterion of which assessment. The content
// lives in a store under its SHA-256 (./store.ts).
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, EvidenceFileTable } from '../db/schema';
import type { AssessmentPlace } from '../assessments/repository';

type Db = Kysely<Database>;

/** An assessment's files, oldest first, with who uploaded each. */
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

/** The ids of the criteria that have at least one file. */
export async function listCriteriaWithEvidence(db: Db, assessmentId: number) {
	const rows = await db
		.selectFrom('evidence_files')
		.select('criterion_id')
		.distinct()
		.where('assessment_id', '=', assessmentId)
		.execute();
	return rows.map((row) => row.criterion_id);
}

export async function insertEvidence(db: Db, file: Insertable<EvidenceFileTable>) {
	const { id } = await db
		.insertInto('evidence_files')
		.values(file)
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** Removes the file's row when it belongs to the assessment; answers the row removed. */
export function deleteEvidenceOf(db: Db, assessmentId: number, evidenceId: number) {
	return db
		.deleteFrom('evidence_files')
		.where('id', '=', evidenceId)
		.where('assessment_id', '=', assessmentId)
		.returningAll()
		.executeTakeFirst();
}

/** Advisory lock class of evidence content ('KMEV'); the object is the digest's first 32 bits. */
const CONTENT_LOCK = 0x4b4d4556;

/**
 * Holds the content's lock until the transaction ends: an upload writing it and a removal
 * checking whether anything still refers to it take turns, so a removal never takes content
 * away from an evidence row being written.
 */
export async function lockContent(trx: Db, sha256: string) {
	const object = Number.parseInt(sha256.slice(0, 8), 16) | 0;
	await sql`SELECT pg_advisory_xact_lock(${CONTENT_LOCK}, ${object})`.execute(trx);
}

/**
 * The distinct contents evidence rows and scanned decisions refer to, with the size they were
 * uploaded with: what a backup holds and a check reads.
 */
export function listReferencedContent(db: Db) {
	const scans = db
		.selectFrom('recognition_decisions')
		.select((eb) => [
			eb.ref('scan_sha256').$notNull().as('sha256'),
			eb.ref('scan_size_bytes').$notNull().as('size_bytes')
		])
		.where('scan_sha256', 'is not', null);
	return db
		.selectFrom(
			db
				.selectFrom('evidence_files')
				.select(['sha256', 'size_bytes'])
				.unionAll(scans)
				.as('referenced')
		)
		.select(['referenced.sha256', (eb) => eb.fn.max('referenced.size_bytes').as('size')])
		.groupBy('referenced.sha256')
		.orderBy('referenced.sha256')
		.execute();
}

/** Whether any evidence row or scanned decision still points at this content. */
export async function isContentReferenced(db: Db, sha256: string) {
	const row = await db
		.selectFrom('evidence_files')
		.select('id')
		.where('sha256', '=', sha256)
		.limit(1)
		.executeTakeFirst();
	if (row !== undefined) return true;
	const scan = await db
		.selectFrom('recognition_decisions')
		.select('id')
		.where('scan_sha256', '=', sha256)
		.limit(1)
		.executeTakeFirst();
	return scan !== undefined;
}

/** The file behind a download link, only when it belongs to the place's assessment. */
export function findEvidenceFile(db: Db, place: AssessmentPlace, evidenceId: number) {
	return db
		.selectFrom('evidence_files')
		.innerJoin('assessments', 'assessments.id', 'evidence_files.assessment_id')
		.select([
			'evidence_files.sha256',
			'evidence_files.file_name as fileName',
			'evidence_files.media_type as mediaType',
			'evidence_files.size_bytes as sizeBytes'
		])
		.where('evidence_files.id', '=', evidenceId)
		.where('assessments.unit_id', '=', place.unit.id)
		.where('assessments.campaign_id', '=', place.campaign.id)
		.where('assessments.period_id', '=', place.period.id)
		.executeTakeFirst();
}
