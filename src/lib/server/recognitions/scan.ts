// The scanned signed decision: a PDF attached to a recognition decision, its content kept in the
// evidence store like any evidence file (the same store, the same backups: see
// ../evidence/repository.ts's listReferencedContent), shown on the decision's page and on the page
// of every unit it recognises.
import type { Kysely } from 'kysely';
import { roleAllows } from '../../domain/authorization';
import { cleanFileName, detectFileType, MAX_EVIDENCE_BYTES, PDF } from '../../domain/file-type';
import { writeAudit } from '../audit/repository';
import type { Database } from '../db/schema';
import { sha256Of, type EvidenceStore } from '../evidence/content';
import { lockContent } from '../evidence/repository';
import { removeUnreferencedContent, streamOf } from '../evidence/service';
import { Forbidden, InvalidInput, NotFound } from '../failure';
import type { Actor } from '../assessments/service';
import { findDecision, setDecisionScan } from './decisions';

type Db = Kysely<Database>;

/** Attaches the scanned decision (a PDF, checked from its content), replacing any earlier one. */
export async function uploadDecisionScan(
	db: Db,
	store: EvidenceStore,
	actor: Actor,
	decisionId: number,
	input: { fileName: string; bytes: Uint8Array },
	now = new Date()
) {
	if (!roleAllows(actor.role, 'assessment.approve')) throw new Forbidden();
	const decision = await findDecision(db, decisionId);
	if (!decision) throw new NotFound();
	if (input.bytes.length === 0) throw new InvalidInput({ scan: 'file_missing' });
	if (input.bytes.length > MAX_EVIDENCE_BYTES) throw new InvalidInput({ scan: 'file_too_large' });
	if (detectFileType(input.bytes) !== PDF)
		throw new InvalidInput({ scan: 'decision_scan_not_pdf' });
	const sha256 = sha256Of(input.bytes);
	const fileName = cleanFileName(input.fileName, PDF);
	const before = await db
		.transaction()
		.execute(async (trx) => {
			// As for evidence: the content lands before the row points at it, under its lock.
			await lockContent(trx, sha256);
			await store.put(trx, sha256, input.bytes);
			const replaced = await setDecisionScan(
				trx,
				decision.id,
				{ sha256, fileName, mediaType: PDF.mediaType, sizeBytes: input.bytes.length },
				actor.id,
				now
			);
			await writeAudit(trx, {
				actor,
				action: 'decision.scan',
				entityType: 'recognition_decision',
				entityId: decision.id,
				before: replaced?.scan_sha256
					? { file: replaced.scan_file_name, sha256: replaced.scan_sha256 }
					: null,
				after: { file: fileName, sha256, size: input.bytes.length },
				ip: actor.ip
			});
			return replaced;
		})
		.catch(async (failure: unknown) => {
			await removeUnreferencedContent(db, store, sha256).catch(() => {});
			throw failure;
		});
	if (before?.scan_sha256 && before.scan_sha256 !== sha256) {
		await removeUnreferencedContent(db, store, before.scan_sha256);
	}
	return { fileName };
}

/** The scanned decision to download, its content streamed. */
export async function openDecisionScan(db: Db, store: EvidenceStore, decisionId: number) {
	const decision = Number.isInteger(decisionId) ? await findDecision(db, decisionId) : undefined;
	if (!decision?.scanSha256) throw new NotFound();
	const content = await store.open(db, decision.scanSha256);
	if (!content) throw new NotFound();
	return {
		fileName: decision.scanFileName!,
		mediaType: decision.scanMediaType ?? PDF.mediaType,
		size: content.size,
		body: streamOf(content.chunks)
	};
}
