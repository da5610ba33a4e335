// Evidence for one criterion of a draft: upload (type checked from the content), removal, and the
// download. Metadata lives in the database (./repository.ts), content in the configured store
// (./store.ts): files under DATA_DIR on PGlite, the database itself on PostgreSQL.
import type { Kysely } from 'kysely';
import { cleanFileName, detectFileType, MAX_EVIDENCE_BYTES } from '../../domain/file-type';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { EvidenceNotFoundError } from '../assessments/errors';
import { findCriterionCode, listCriteria, type AssessmentPlace } from '../assessments/repository';
import { checkWindow, openDraft, refuseUnlessEditor, type Actor } from '../assessments/service';
import { InvalidInput, NotFound } from '../failure';
import { sha256Of, type EvidenceStore } from './content';
import {
	deleteEvidenceOf,
	findEvidenceFile,
	insertEvidence,
	isContentReferenced,
	lockContent
} from './repository';

type Db = Kysely<Database>;

export interface UploadInput {
	criterionCode: string;
	fileName: string;
	bytes: Uint8Array;
}

export async function uploadEvidence(
	db: Db,
	store: EvidenceStore,
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
	return db
		.transaction()
		.execute(async (trx) => {
			const { row } = (await openDraft(trx, actor, place, { createWith: criteria }))!;
			// The content lands before the row, under the content's lock: a row never points at
			// content that is not there, even while the same content is being removed elsewhere.
			await lockContent(trx, sha256);
			await store.put(trx, sha256, input.bytes);
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
			// (The database store's content went with the transaction.) Content left over when this
			// fails too is harmless: the refusal is what the user must see.
			await removeUnreferencedContent(db, store, sha256).catch(() => {});
			throw failure;
		});
}

export async function deleteEvidence(
	db: Db,
	store: EvidenceStore,
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
	await removeUnreferencedContent(db, store, removed.sha256);
	return removed;
}

/** Content nobody refers to any more is removed from the store. */
export async function removeUnreferencedContent(db: Db, store: EvidenceStore, sha256: string) {
	await db.transaction().execute(async (trx) => {
		await lockContent(trx, sha256);
		if (!(await isContentReferenced(trx, sha256))) await store.remove(trx, sha256);
	});
}

/** Chunks as a web stream, read one at a time as the client takes them. */
export function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
	const iterator = chunks[Symbol.asyncIterator]();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { value, done } = await iterator.next();
			if (done) controller.close();
			else controller.enqueue(value);
		},
		async cancel() {
			await iterator.return?.();
		}
	});
}

/** A file to download, its content streamed: only through the assessment it belongs to. */
export async function openEvidenceFile(
	db: Db,
	store: EvidenceStore,
	place: AssessmentPlace,
	evidenceId: number
) {
	const file = Number.isInteger(evidenceId)
		? await findEvidenceFile(db, place, evidenceId)
		: undefined;
	if (!file) throw new NotFound();
	const content = await store.open(db, file.sha256);
	if (!content) throw new NotFound();
	return { ...file, size: content.size, body: streamOf(content.chunks) };
}
