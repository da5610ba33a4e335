// Evidence files on the seeded demo: the metadata row in the database, the content in the store the
// app uses on this database (files on PGlite, the database itself on PostgreSQL) under its SHA-256,
// and the refusals that must leave neither behind. The tests run in order on two Vinh wards'
// 2026-Q4 assessments.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '../../src/lib/domain/file-type';
import {
	EvidenceNotFoundError,
	NotEditableError,
	PeriodClosedError,
	TransitionRefusedError
} from '../../src/lib/server/assessments/errors';
import { InvalidInput, NotFound } from '../../src/lib/server/failure';
import type { AssessmentPlace } from '../../src/lib/server/assessments/repository';
import { saveDraft, type Actor } from '../../src/lib/server/assessments/service';
import type { Database } from '../../src/lib/server/db/schema';
import { findEvidenceFile } from '../../src/lib/server/evidence/repository';
import type { EvidenceStore } from '../../src/lib/server/evidence/content';
import {
	deleteEvidence,
	openEvidenceFile,
	uploadEvidence,
	type UploadInput
} from '../../src/lib/server/evidence/service';
import {
	actorNamed,
	assessmentAt,
	COMPLETE,
	ctx,
	freshPlace,
	openAssessmentDatabase,
	pdf,
	placeOf,
	refusal,
	save,
	step
} from './helpers/assessments';
import { SEED_NOW } from './helpers/fixtures';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let root: EvidenceStore;

beforeAll(async () => {
	database = await openAssessmentDatabase();
	({ db, storage: root } = ctx);
});
afterAll(() => database?.drop());

function evidenceRows() {
	return db.selectFrom('evidence_files').selectAll().orderBy('id').execute();
}

function auditActions(assessmentId: number) {
	return db
		.selectFrom('audit_log')
		.select(['action', 'actor_id', 'before', 'after'])
		.where('entity_type', '=', 'assessment')
		.where('entity_id', '=', String(assessmentId))
		.orderBy('id')
		.execute();
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const isHeld = (bytes: Uint8Array) => root.has(db, sha256(bytes));

/**
 * Everything the store holds: every file under its folder, temporary ones included, or every
 * content row with its chunks.
 */
async function contentHeld() {
	if (root.kind === 'files') {
		return readdirSync(ctx.storageRoot, { recursive: true, encoding: 'utf8' })
			.filter((name) => statSync(path.join(ctx.storageRoot, name)).isFile())
			.sort();
	}
	const { rows } = await sql<{ sha256: string; chunks: number }>`
		SELECT c.sha256, (SELECT count(*) FROM evidence_chunks k WHERE k.sha256 = c.sha256) AS chunks
		FROM evidence_content c ORDER BY c.sha256
	`.execute(db);
	const orphans = await sql<{ n: number }>`
		SELECT count(*) AS n FROM evidence_chunks k
		WHERE NOT EXISTS (SELECT 1 FROM evidence_content c WHERE c.sha256 = k.sha256)
	`.execute(db);
	expect(Number(orphans.rows[0].n)).toBe(0);
	return rows.map((row) => path.join(row.sha256.slice(0, 2), row.sha256));
}

/** The content the store holds under `digest`, read back the way a download streams it. */
async function contentOf(digest: string) {
	const content = await root.open(db, digest);
	if (!content) return undefined;
	const chunks: Uint8Array[] = [];
	for await (const chunk of content.chunks) chunks.push(chunk);
	return new Uint8Array(Buffer.concat(chunks));
}

/** Runs an upload that must be refused with `type`: no row, no audit and no file may remain. */
async function refusedUpload<T extends Error>(
	actor: Actor,
	place: AssessmentPlace,
	input: UploadInput,
	type: new (...args: never[]) => T,
	now = SEED_NOW
): Promise<T> {
	const [rows, files, audit] = [await evidenceRows(), await contentHeld(), await lastAuditId()];
	const error = await refusal(uploadEvidence(db, root, actor, place, input, now), type);
	expect(await evidenceRows()).toEqual(rows);
	expect(await lastAuditId()).toBe(audit);
	expect(await contentHeld()).toEqual(files);
	return error;
}

/** The newest audit entry: a refused upload must write none after it. */
async function lastAuditId() {
	const row = await db
		.selectFrom('audit_log')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

describe('uploading evidence', () => {
	let place: AssessmentPlace;
	let officer: Actor;
	const report = pdf('báo cáo quý IV');

	beforeAll(async () => {
		place = await freshPlace('16702');
		officer = await actorNamed('officer.16702');
	});

	it('stores a PDF under its SHA-256, with the media type read from its content', async () => {
		const stored = await uploadEvidence(
			db,
			root,
			officer,
			place,
			{ criterionCode: '2.2', fileName: 'Báo cáo quý IV.PDF', bytes: report },
			SEED_NOW
		);
		const assessment = (await assessmentAt(place))!;
		const criterion = await db
			.selectFrom('criteria')
			.select('id')
			.where('criteria_set_id', '=', place.period.criteria_set_id)
			.where('code', '=', '2.2')
			.executeTakeFirstOrThrow();
		expect(await evidenceRows()).toEqual([
			expect.objectContaining({
				id: stored.id,
				assessment_id: assessment.id,
				criterion_id: criterion.id,
				sha256: sha256(report),
				file_name: 'Báo cáo quý IV.pdf',
				media_type: 'application/pdf',
				size_bytes: report.length,
				uploaded_by: officer.id
			})
		]);
		expect(stored.fileName).toBe('Báo cáo quý IV.pdf');
		expect(await contentHeld()).toEqual([path.join(sha256(report).slice(0, 2), sha256(report))]);
		expect(await contentOf(sha256(report))).toEqual(report);
		expect((await auditActions(assessment.id)).at(-1)).toMatchObject({
			action: 'evidence.upload',
			actor_id: officer.id,
			after: {
				criterion: '2.2',
				file: 'Báo cáo quý IV.pdf',
				sha256: sha256(report),
				size: report.length
			}
		});
	});

	it('keeps one file for the same content uploaded twice, with a row for each', async () => {
		await uploadEvidence(
			db,
			root,
			officer,
			place,
			{ criterionCode: '5.3', fileName: 'ban-sao.pdf', bytes: report },
			SEED_NOW
		);
		const rows = await evidenceRows();
		expect(rows.map((row) => [row.sha256, row.file_name])).toEqual([
			[sha256(report), 'Báo cáo quý IV.pdf'],
			[sha256(report), 'ban-sao.pdf']
		]);
		expect(await contentHeld()).toEqual([path.join(sha256(report).slice(0, 2), sha256(report))]);
	});

	it('refuses an executable named .pdf: no row, no file', async () => {
		const executable = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);
		const error = await refusedUpload(
			officer,
			place,
			{ criterionCode: '1.1', fileName: 'report.pdf', bytes: executable },
			InvalidInput
		);
		expect(error.errors).toEqual({ 'file.1.1': 'file_type' });
		expect(await isHeld(executable)).toBe(false);
	});

	it('refuses a file one byte over the limit, an empty file and an unknown criterion', async () => {
		const large = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
		large.set(pdf('lớn'));
		const tooLarge = await refusedUpload(
			officer,
			place,
			{ criterionCode: '1.1', fileName: 'scan.pdf', bytes: large },
			InvalidInput
		);
		expect(tooLarge.errors).toEqual({ 'file.1.1': 'file_too_large' });
		const empty = await refusedUpload(
			officer,
			place,
			{ criterionCode: '1.1', fileName: 'scan.pdf', bytes: new Uint8Array() },
			InvalidInput
		);
		expect(empty.errors).toEqual({ 'file.1.1': 'file_missing' });
		const unknown = await refusedUpload(
			officer,
			place,
			{ criterionCode: '9.9', fileName: 'scan.pdf', bytes: pdf('9.9') },
			InvalidInput
		);
		expect(unknown.errors).toEqual({ 'file.9.9': 'unknown_criterion' });
	});

	it('refuses uploads by anyone but a ward officer', async () => {
		for (const username of ['reviewer.vinh', 'admin', 'leader']) {
			const error = await refusedUpload(
				await actorNamed(username),
				place,
				{ criterionCode: '1.1', fileName: 'scan.pdf', bytes: pdf(username) },
				TransitionRefusedError
			);
			expect(error.reason).toBe('role');
		}
	});
});

describe('an assessment that is not an open draft', () => {
	it('refuses an upload to a submitted assessment', async () => {
		// The seeded quarter moves on with the demo: bring a ward's own assessment to submitted.
		const place = await freshPlace('16939');
		const officer = await actorNamed('officer.16939');
		await save(officer, place, { values: COMPLETE }, SEED_NOW);
		await step(officer, place, { transition: 'submit' }, SEED_NOW);
		expect((await assessmentAt(place))?.status).toBe('submitted');
		const rows = await evidenceRows();
		await refusal(
			uploadEvidence(
				db,
				root,
				officer,
				place,
				{ criterionCode: '1.1', fileName: 'muộn.pdf', bytes: pdf('muộn') },
				SEED_NOW
			),
			NotEditableError
		);
		expect(await evidenceRows()).toEqual(rows);
	});

	it('leaves no file behind when an upload is refused for the status', async () => {
		const place = await placeOf('16708');
		const late = pdf('nộp muộn');
		await refusal(
			uploadEvidence(
				db,
				root,
				await actorNamed('officer.16708'),
				place,
				{ criterionCode: '1.1', fileName: 'muộn.pdf', bytes: late },
				SEED_NOW
			),
			NotEditableError
		);
		// Nothing refers to this content: keeping it would fill the disk with refused uploads.
		expect(await isHeld(late)).toBe(false);
	});
});

describe('a draft whose period has closed', () => {
	let place: AssessmentPlace;
	let officer: Actor;
	let kept: { id: number };
	const decision = pdf('16732');

	beforeAll(async () => {
		place = await freshPlace('16732');
		officer = await actorNamed('officer.16732');
		kept = await uploadEvidence(
			db,
			root,
			officer,
			place,
			{ criterionCode: '1.1', fileName: 'nghi-quyet.pdf', bytes: decision },
			SEED_NOW
		);
	});
	afterAll(async () => {
		await db
			.updateTable('periods')
			.set({ status: place.period.status })
			.where('id', '=', place.period.id)
			.execute();
	});

	it('refuses an upload after closes_at, and once the period is closed', async () => {
		// 2026-Q4 closes on 15/01/2027 at 17:00 in Vietnam.
		const late = await refusedUpload(
			officer,
			place,
			{ criterionCode: '1.2', fileName: 'muộn.pdf', bytes: pdf('16732 muộn') },
			PeriodClosedError,
			new Date('2027-01-15T17:00:01+07:00')
		);
		expect(late.periodStatus).toBe('open');
		await db
			.updateTable('periods')
			.set({ status: 'closed' })
			.where('id', '=', place.period.id)
			.execute();
		const closed = await refusedUpload(
			officer,
			await placeOf('16732'),
			{ criterionCode: '1.2', fileName: 'muộn.pdf', bytes: pdf('16732 muộn') },
			PeriodClosedError
		);
		expect(closed.periodStatus).toBe('closed');
	});

	it('refuses a removal once the period is closed, as it refuses uploads and saves', async () => {
		const closed = await placeOf('16732');
		expect(closed.period.status).toBe('closed');
		const rows = await evidenceRows();
		await refusal(deleteEvidence(db, root, officer, closed, kept.id), PeriodClosedError);
		expect(await evidenceRows()).toEqual(rows);
		expect(await isHeld(decision)).toBe(true);
	});
});

describe('the first upload to a unit without an assessment', () => {
	let place: AssessmentPlace;
	let officer: Actor;

	beforeAll(async () => {
		place = await freshPlace('16708');
		officer = await actorNamed('officer.16708');
		await uploadEvidence(
			db,
			root,
			officer,
			place,
			{ criterionCode: '4.3', fileName: 'Ngày hội.pdf', bytes: pdf('ngày hội') },
			SEED_NOW
		);
	});

	it('creates the draft at version 1, audited as created and uploaded', async () => {
		const assessment = (await assessmentAt(place))!;
		expect(assessment).toMatchObject({
			status: 'draft',
			version: 1,
			created_by: officer.id,
			criteria_set_id: place.period.criteria_set_id
		});
		expect((await auditActions(assessment.id)).map((entry) => entry.action)).toEqual([
			'assessment.create',
			'evidence.upload'
		]);
	});

	it('stores the figures of the empty draft: no point, none met, out of every criterion', async () => {
		expect(await assessmentAt(place)).toMatchObject({
			score: 0,
			met_count: 0,
			criteria_count: 23,
			mandatory_met: false,
			eligible: false
		});
	});

	it('lets a user who loaded the page before the upload save from version 0', async () => {
		const saved = await saveDraft(
			db,
			officer,
			place,
			{ version: 0, values: { '4.3': 'yes' }, notes: {} },
			SEED_NOW
		);
		expect(saved).toMatchObject({ version: 2, met_count: 1, score: 3 });
		expect((await auditActions(saved.id)).map((entry) => entry.action)).toEqual([
			'assessment.create',
			'evidence.upload',
			'result.value'
		]);
	});
});

describe('removing and finding evidence', () => {
	let place: AssessmentPlace;
	let officer: Actor;
	const report = pdf('báo cáo quý IV');

	beforeAll(async () => {
		place = await placeOf('16702');
		officer = await actorNamed('officer.16702');
	});

	async function rowsOf(unit: AssessmentPlace) {
		const assessment = (await assessmentAt(unit))!;
		return db
			.selectFrom('evidence_files')
			.selectAll()
			.where('assessment_id', '=', assessment.id)
			.orderBy('id')
			.execute();
	}

	it('finds a file through its own place only', async () => {
		const [first] = await rowsOf(place);
		expect(await findEvidenceFile(db, place, first.id)).toEqual({
			sha256: sha256(report),
			fileName: 'Báo cáo quý IV.pdf',
			mediaType: 'application/pdf',
			sizeBytes: report.length
		});
		expect(await findEvidenceFile(db, await placeOf('16708'), first.id)).toBeUndefined();
		const [other] = await rowsOf(await placeOf('16708'));
		expect(await findEvidenceFile(db, place, other.id)).toBeUndefined();
	});

	it('refuses to delete evidence of another assessment, and keeps it', async () => {
		const [other] = await rowsOf(await placeOf('16708'));
		const rows = await evidenceRows();
		await refusal(deleteEvidence(db, root, officer, place, other.id), EvidenceNotFoundError);
		await refusal(deleteEvidence(db, root, officer, place, 987_654), EvidenceNotFoundError);
		expect(await evidenceRows()).toEqual(rows);
		expect(await isHeld(pdf('ngày hội'))).toBe(true);
	});

	it('removes the row, and the file only once no row refers to the content', async () => {
		const [first, second] = await rowsOf(place);
		expect(first.sha256).toBe(second.sha256);
		const removed = await deleteEvidence(db, root, officer, place, first.id);
		expect(removed).toMatchObject({ id: first.id, file_name: 'Báo cáo quý IV.pdf' });
		expect((await rowsOf(place)).map((row) => row.id)).toEqual([second.id]);
		expect(await isHeld(report)).toBe(true);
		expect((await auditActions(first.assessment_id)).at(-1)).toMatchObject({
			action: 'evidence.delete',
			actor_id: officer.id,
			before: { criterion: '2.2', file: 'Báo cáo quý IV.pdf', sha256: sha256(report) }
		});

		await deleteEvidence(db, root, officer, place, second.id);
		expect(await rowsOf(place)).toEqual([]);
		expect(await isHeld(report)).toBe(false);
		expect(await findEvidenceFile(db, place, second.id)).toBeUndefined();
	});
});

describe('downloading evidence', () => {
	let place: AssessmentPlace;
	let officer: Actor;

	beforeAll(async () => {
		place = await freshPlace('16708');
		officer = await actorNamed('officer.16708');
	});

	async function download(id: number) {
		const file = await openEvidenceFile(db, root, place, id);
		const chunks: Uint8Array[] = [];
		const reader = file.body.getReader();
		for (let read = await reader.read(); !read.done; read = await reader.read()) {
			chunks.push(read.value);
		}
		return { file, bytes: new Uint8Array(Buffer.concat(chunks)), chunks: chunks.length };
	}

	it('streams a file larger than a chunk back whole, a chunk at a time', async () => {
		// 1 MiB and a bit: five chunks of the database store, several reads of a file.
		const large = new Uint8Array(1024 * 1024 + 12_345);
		large.set(pdf('lớn'));
		for (let i = 200; i < large.length; i++) large[i] = (i * 7919) % 251;
		const stored = await uploadEvidence(
			db,
			root,
			officer,
			place,
			{ criterionCode: '4.1', fileName: 'Biên bản.pdf', bytes: large },
			SEED_NOW
		);
		const { file, bytes, chunks } = await download(stored.id);
		expect(file).toMatchObject({ fileName: 'Biên bản.pdf', size: large.length });
		expect(sha256(bytes)).toBe(sha256(large));
		expect(chunks).toBeGreaterThan(1);
		if (root.kind === 'database') {
			const { rows } = await sql<{ n: number }>`
				SELECT count(*) AS n FROM evidence_chunks WHERE sha256 = ${sha256(large)}
			`.execute(db);
			expect(Number(rows[0].n)).toBe(5);
		}
	});

	it('answers not found for content the store lost, and for another place', async () => {
		const lost = pdf('mất');
		const stored = await uploadEvidence(
			db,
			root,
			officer,
			place,
			{ criterionCode: '4.2', fileName: 'mat.pdf', bytes: lost },
			SEED_NOW
		);
		await root.remove(db, sha256(lost));
		await refusal(openEvidenceFile(db, root, place, stored.id), NotFound);
		await refusal(openEvidenceFile(db, root, await placeOf('16702'), stored.id), NotFound);
	});

	it('keeps the content of an upload that races the removal of the same content', async () => {
		const shared = pdf('cùng nội dung');
		const upload = (fileName: string) =>
			uploadEvidence(
				db,
				root,
				officer,
				place,
				{ criterionCode: '4.4', fileName, bytes: shared },
				SEED_NOW
			);
		let kept = await upload('0.pdf');
		for (let round = 1; round <= 5; round++) {
			// The last row of the content goes while a new row of the same content comes.
			const [again] = await Promise.all([
				upload(`${round}.pdf`),
				deleteEvidence(db, root, officer, place, kept.id, SEED_NOW)
			]);
			expect(await isHeld(shared)).toBe(true);
			expect(sha256((await download(again.id)).bytes)).toBe(sha256(shared));
			kept = again;
		}
	});
});
