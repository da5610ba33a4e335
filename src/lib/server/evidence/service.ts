// Evidence for one criterion of a draft: upload (type checked from the content), removal, and the
// download. Metadata lives in the database (./repository.ts), content on the file system
// (./storage.ts).
import type { Kysely } from 'kysely';
import { cleanFileName, detectFileType, MAX_EVIDENCE_BYTES } from '../../domain/file-type';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { EvidenceNotFoundError } from '../assessments/errors';
import { findCriterionCode, listCriteria, type AssessmentPlace } from '../assessments/repository';
import { checkWindow, openDraft, refuseUnlessEditor, type Actor } from '../assessments/service';
import { InvalidInput, NotFound } from '../failure';
import {
	deleteEvidenceOf,
	findEvidenceFile,
	insertEvidence,
	isContentReferenced
} from './repository';
import { hasBlob, readBlob, removeBlob, sha256Of, storeBlob } from './storage';

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
	refuseUnlessEditor(actor);
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
			const { row } = (await openDraft(trx, actor, place, { createWith: criteria }))!;
			const id = await insertEvidence(trx, {
				assessment_id: row.id,
				criterion_id: criterion.id,
				sha256,
				file_name: fileName,
				media_type: type.mediaType,
				size_bytes: input.bytes.length,
				uploaded_by: actor.id
			});
			await writeAudit(trx, {
				actor,
				action: 'evidence.upload',
				entityType: 'assessment',
				entityId: row.id,
				unitId: place.unit.id,
				after: { criterion: criterion.code, file: fileName, sha256, size: input.bytes.length },
				ip: actor.ip
			});
			return { id, fileName, assessment: row };
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
	refuseUnlessEditor(actor);
	checkWindow(place, now);
	const removed = await db.transaction().execute(async (trx) => {
		const draft = await openDraft(trx, actor, place, {});
		if (!draft) throw new EvidenceNotFoundError();
		const evidence = await deleteEvidenceOf(trx, draft.row.id, evidenceId);
		if (!evidence) throw new EvidenceNotFoundError();
		await writeAudit(trx, {
			actor,
			action: 'evidence.delete',
			entityType: 'assessment',
			entityId: draft.row.id,
			unitId: place.unit.id,
			before: {
				criterion: await findCriterionCode(trx, evidence.criterion_id),
				file: evidence.file_name,
				sha256: evidence.sha256
			},
			ip: actor.ip
		});
		return evidence;
	});
	await removeUnreferencedBlob(db, root, removed.sha256);
	return removed;
}

/** Content nobody refers to any more is removed from disk. */
async function removeUnreferencedBlob(db: Db, root: string, sha256: string) {
	if (!(await isContentReferenced(db, sha256))) await removeBlob(root, sha256);
}

/** A file to download, with its content: only through the assessment it belongs to. */
export async function openEvidenceFile(
	db: Db,
	root: string,
	place: AssessmentPlace,
	evidenceId: number
) {
	const file = Number.isInteger(evidenceId)
		? await findEvidenceFile(db, place, evidenceId)
		: undefined;
	if (!file) throw new NotFound();
	const body = await readBlob(root, file.sha256).catch(() => {
		throw new NotFound();
	});
	return { ...file, body };
}
