// Evidence for one criterion of a draft: upload (type checked from the content), removal, and
// the lookup behind a download. Metadata lives in the database, content on the file system.
import type { Kysely } from 'kysely';
import { cleanFileName, detectFileType, MAX_EVIDENCE_BYTES } from '../../domain/file-type';
import { canEdit } from '../../domain/workflow';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { checkWindow, scoreColumns, type Actor } from '../assessments/service';
import { scoreAssessment } from '../../domain/scoring';
import {
	EvidenceNotFoundError,
	NotEditableError,
	TransitionRefusedError
} from '../assessments/errors';
import { InvalidInput } from '../failure';
import {
	findAssessment,
	insertDraftIfMissing,
	listCriteria,
	lockAssessmentForUpdate,
	type AssessmentPlace
} from '../assessments/repository';
import { hasBlob, removeBlob, sha256Of, storeBlob } from './storage';

type Db = Kysely<Database>;

export interface UploadInput {
	criterionCode: string;
	fileName: string;
	bytes: Uint8Array;
}

export async function uploadEvidence(
	db: Db,
	root: string,
	actor: Actor,
	place: AssessmentPlace,
	input: UploadInput,
	now = new Date()
) {
	if (!canEdit('draft', actor.role)) throw new TransitionRefusedError('role');
	checkWindow(place, now);
	const field = `file.${input.criterionCode}`;
	const criteria = await listCriteria(db, place.period.criteria_set_id);
	const criterion = criteria.find((c) => c.code === input.criterionCode);
	if (!criterion) throw new InvalidInput({ [field]: 'unknown_criterion' });
	if (input.bytes.length === 0) throw new InvalidInput({ [field]: 'file_missing' });
	if (input.bytes.length > MAX_EVIDENCE_BYTES) {
		throw new InvalidInput({ [field]: 'file_too_large' });
	}
	const type = detectFileType(input.bytes);
	if (!type) throw new InvalidInput({ [field]: 'file_type' });
	const sha256 = sha256Of(input.bytes);
	const fileName = cleanFileName(input.fileName, type);
	// The content lands first: a row never points at a file that is not there.
	await storeBlob(root, sha256, input.bytes);
	const stored = await db
		.transaction()
		.execute(async (trx) => {
			const created = await insertDraftIfMissing(trx, place, actor.id);
			const { id } = (await findAssessment(trx, place))!;
			if (created) {
				// A new draft holds no answers yet: store the figures of an empty assessment.
				await trx
					.updateTable('assessments')
					.set(scoreColumns(place, scoreAssessment(criteria, new Map())))
					.where('id', '=', id)
					.execute();
			}
			const row = await lockAssessmentForUpdate(trx, id);
			if (row.status !== 'draft') throw new NotEditableError(row.status);
			const evidence = await trx
				.insertInto('evidence_files')
				.values({
					assessment_id: row.id,
					criterion_id: criterion.id,
					sha256,
					file_name: fileName,
					media_type: type.mediaType,
					size_bytes: input.bytes.length,
					uploaded_by: actor.id
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const audit = { actor, entityType: 'assessment', entityId: row.id, unitId: place.unit.id };
			if (created) await writeAudit(trx, { ...audit, action: 'assessment.create', ip: actor.ip });
			await writeAudit(trx, {
				...audit,
				action: 'evidence.upload',
				after: { criterion: criterion.code, file: fileName, sha256, size: input.bytes.length },
				ip: actor.ip
			});
			return { id: evidence.id, fileName, assessment: row };
		})
		.catch(async (failure: unknown) => {
			// A refused upload leaves no file behind, unless other evidence has the same content.
			await removeUnreferencedBlob(db, root, sha256);
			throw failure;
		});
	// A removal of the same content racing this upload may have taken the file away.
	if (!hasBlob(root, sha256)) await storeBlob(root, sha256, input.bytes);
	return stored;
}

export async function deleteEvidence(
	db: Db,
	root: string,
	actor: Actor,
	place: AssessmentPlace,
	evidenceId: number,
	now = new Date()
) {
	if (!canEdit('draft', actor.role)) throw new TransitionRefusedError('role');
	checkWindow(place, now);
	const assessment = await findAssessment(db, place);
	if (!assessment) throw new EvidenceNotFoundError();
	const removed = await db.transaction().execute(async (trx) => {
		const row = await lockAssessmentForUpdate(trx, assessment.id);
		if (row.status !== 'draft') throw new NotEditableError(row.status);
		const evidence = await trx
			.deleteFrom('evidence_files')
			.where('id', '=', evidenceId)
			.where('assessment_id', '=', row.id)
			.returningAll()
			.executeTakeFirst();
		if (!evidence) throw new EvidenceNotFoundError();
		const criterion = await trx
			.selectFrom('criteria')
			.select('code')
			.where('id', '=', evidence.criterion_id)
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actor,
			action: 'evidence.delete',
			entityType: 'assessment',
			entityId: row.id,
			unitId: place.unit.id,
			before: { criterion: criterion.code, file: evidence.file_name, sha256: evidence.sha256 },
			ip: actor.ip
		});
		return evidence;
	});
	await removeUnreferencedBlob(db, root, removed.sha256);
	return removed;
}

/** Content nobody refers to any more is removed from disk. */
async function removeUnreferencedBlob(db: Db, root: string, sha256: string) {
	const stillUsed = await db
		.selectFrom('evidence_files')
		.select('id')
		.where('sha256', '=', sha256)
		.limit(1)
		.executeTakeFirst();
	if (!stillUsed) await removeBlob(root, sha256);
}

/** The file behind a download link, only when it belongs to this assessment. */
export async function findEvidenceFile(db: Db, place: AssessmentPlace, evidenceId: number) {
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
