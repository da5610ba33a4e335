// The assessment services on the seeded demo: saving a draft and every workflow step up to
// recognition, reopening and revocation. The tests of a describe block run in order on one Vinh
// ward's 2026-Q4 assessment (16681), each going on from the last, and the workflow block goes on
// from the draft the first block saved.
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	NotEditableError,
	StaleVersionError,
	SubmissionRefusedError,
	TransitionRefusedError
} from '../../src/lib/server/assessments/errors';
import { dayBefore } from '../../src/lib/domain/lineage';
import { InvalidInput } from '../../src/lib/server/failure';
import type { AssessmentPlace, CriterionRow } from '../../src/lib/server/assessments/repository';
import { saveDraft, type Actor } from '../../src/lib/server/assessments/service';
import type { TransitionInput } from '../../src/lib/server/assessments/transitions';
import type { Campaign, Database } from '../../src/lib/server/db/schema';
import { uploadEvidence } from '../../src/lib/server/evidence/service';
import type { EvidenceStore } from '../../src/lib/server/evidence/content';
import { revokeRecognition } from '../../src/lib/server/recognitions/service';
import {
	actorNamed,
	assessmentAt,
	assessmentOf,
	at,
	auditOf,
	COMPLETE,
	ctx,
	figuresFromResults,
	freshPlace,
	lastAuditId,
	openAssessmentDatabase,
	pdf,
	placeOf,
	recognitionsOf,
	refusedUnchanged,
	save,
	stateOf,
	step,
	storedResults,
	versionOf
} from './helpers/assessments';
import { expectKeptFiguresFresh } from './helpers/kept';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let storage: EvidenceStore;
let campaign: Campaign;
let criteria: CriterionRow[];
let admin: Actor;
let leader: Actor;
let reviewer: Actor;

beforeAll(async () => {
	database = await openAssessmentDatabase();
	({ db, storage, campaign, criteria } = ctx);
	admin = await actorNamed('admin');
	leader = await actorNamed('leader');
	reviewer = await actorNamed('reviewer.vinh');
});
afterAll(() => database?.drop());
afterEach(() => expectKeptFiguresFresh(db));

describe('saving a draft', () => {
	let place: AssessmentPlace;
	let officer: Actor;

	beforeAll(async () => {
		place = await freshPlace('16681', { recognitions: true });
		officer = await actorNamed('officer.16681');
	});

	it('creates the draft on a first save from version 0 and stores typed text as values', async () => {
		expect(await assessmentAt(place)).toBeUndefined();
		const saved = await saveDraft(
			db,
			officer,
			place,
			{
				version: 0,
				values: {
					'1.1': 'yes',
					'1.2': '',
					'1.3': '95,5',
					'1.6': 'good',
					'2.3': '-12,5',
					'2.5': 'no',
					'4.2': '12'
				},
				notes: {}
			},
			at(0)
		);
		const row = await assessmentOf(place);
		expect(saved).toEqual(row);
		expect(row).toMatchObject({
			status: 'draft',
			version: 2,
			criteria_set_id: place.period.criteria_set_id,
			created_by: officer.id,
			updated_by: officer.id,
			updated_at: at(0)
		});
		// An empty input is "not answered": it makes no result row.
		expect(await storedResults(row.id)).toEqual(
			new Map([
				['1.1', { value: true, note: '', met: true }],
				['1.3', { value: 95.5, note: '', met: true }],
				['1.6', { value: 'good', note: '', met: true }],
				['2.3', { value: -12.5, note: '', met: true }],
				['2.5', { value: false, note: '', met: false }],
				['4.2', { value: 12, note: '', met: true }]
			])
		);
		expect(row).toMatchObject(await figuresFromResults(row.id));
		expect(row).toMatchObject({ score: 22, met_count: 5, criteria_count: 23, eligible: false });
	});

	it('audits the creation and each changed value with its before and after', async () => {
		const { id } = await assessmentOf(place);
		const audit = await auditOf(id);
		expect(audit.map((entry) => entry.action)).toEqual([
			'assessment.create',
			...Array(6).fill('result.value')
		]);
		expect(audit.every((entry) => entry.actor_id === officer.id)).toBe(true);
		expect(audit.slice(1).map(({ before, after }) => ({ before, after }))).toEqual(
			(
				[
					['1.1', true],
					['1.3', 95.5],
					['1.6', 'good'],
					['2.3', -12.5],
					['2.5', false],
					['4.2', 12]
				] as const
			).map(([criterion, value]) => ({
				before: { criterion, value: null },
				after: { criterion, value }
			}))
		);
	});

	it('stores a changed note trimmed and audits it as result.note, without result.value', async () => {
		const { id } = await assessmentOf(place);
		const mark = await lastAuditId();
		await save(officer, place, { notes: { '1.3': '  Theo báo cáo số 12/BC-CAP  ' } }, at(1));
		expect((await storedResults(id)).get('1.3')).toEqual({
			value: 95.5,
			note: 'Theo báo cáo số 12/BC-CAP',
			met: true
		});
		const audit = await auditOf(id, mark);
		expect(audit.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
			{
				action: 'result.note',
				before: { criterion: '1.3', note: '' },
				after: { criterion: '1.3', note: 'Theo báo cáo số 12/BC-CAP' }
			}
		]);
		expect((await assessmentOf(place)).version).toBe(3);
	});

	it('writes no result row and no result audit when the values and notes are unchanged', async () => {
		const { id } = await assessmentOf(place);
		const results = await db
			.selectFrom('criterion_results')
			.selectAll()
			.where('assessment_id', '=', id)
			.execute();
		const mark = await lastAuditId();
		await save(
			officer,
			place,
			{
				values: { '1.1': 'yes', '1.3': '95,50', '2.5': 'no', '4.2': '12', '5.1': '' },
				notes: { '1.3': 'Theo báo cáo số 12/BC-CAP' }
			},
			at(2)
		);
		expect(await auditOf(id, mark)).toEqual([]);
		expect(
			await db.selectFrom('criterion_results').selectAll().where('assessment_id', '=', id).execute()
		).toEqual(results);
	});

	it('stores nothing when a value or a note is invalid, and names every bad field', async () => {
		const error = await refusedUnchanged(
			place,
			() =>
				save(
					officer,
					place,
					{
						values: { '1.3': '120', '1.4': 'abc', '4.2': '-3', '1.5': '100' },
						notes: { '2.1': 'x'.repeat(2001), '1.5': 'hợp lệ' }
					},
					at(3)
				),
			InvalidInput
		);
		expect(error.errors).toEqual({
			'value.1.3': 'percent_range',
			'value.1.4': 'not_a_number',
			'value.4.2': 'negative',
			'note.2.1': 'note_too_long'
		});
	});

	it('accepts a note of exactly 2000 characters', async () => {
		const { id } = await assessmentOf(place);
		await save(officer, place, { notes: { '2.1': 'x'.repeat(2000) } }, at(4));
		expect((await storedResults(id)).get('2.1')).toEqual({
			value: null,
			note: 'x'.repeat(2000),
			met: false
		});
	});

	it('refuses a stale version and writes nothing', async () => {
		const current = await versionOf(place);
		for (const version of [current - 1, current + 1]) {
			const error = await refusedUnchanged(
				place,
				() => save(officer, place, { version, values: { '1.4': '100' } }, at(5)),
				StaleVersionError
			);
			expect(error.current.version).toBe(current);
		}
	});

	it('lets the first of two saves from the same loaded version win', async () => {
		const { id, version } = await assessmentOf(place);
		await save(officer, place, { version, values: { '1.4': '100' } }, at(6));
		await refusedUnchanged(
			place,
			() => save(officer, place, { version, values: { '1.4': '90' } }, at(7)),
			StaleVersionError
		);
		expect((await storedResults(id)).get('1.4')?.value).toBe(100);
		expect((await assessmentOf(place)).version).toBe(version + 1);
	});

	it('lets exactly one of two concurrent saves from the same version through', async () => {
		const { id, version } = await assessmentOf(place);
		const outcomes = await Promise.allSettled(
			['80', '70'].map((typed) =>
				saveDraft(db, officer, place, { version, values: { '1.5': typed }, notes: {} }, at(8))
			)
		);
		const saved = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
		const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(StaleVersionError);
		expect((await storedResults(id)).get('1.5')?.value).toBe([80, 70][saved]);
		expect((await assessmentOf(place)).version).toBe(version + 1);
		const values = (await auditOf(id)).filter(
			(entry) => entry.action === 'result.value' && JSON.stringify(entry.after).includes('1.5')
		);
		expect(values).toHaveLength(1);
	});

	it('refuses district reviewers, leaders and admins: only officers edit', async () => {
		for (const actor of [reviewer, leader, admin]) {
			const error = await refusedUnchanged(
				place,
				() => save(actor, place, { values: { '1.4': '50' } }, at(9)),
				TransitionRefusedError
			);
			expect(error.reason).toBe('role');
		}
	});

	it('creates one draft when two first saves from version 0 race, and refuses the other', async () => {
		const other = await freshPlace('16690');
		const otherOfficer = await actorNamed('officer.16690');
		const outcomes = await Promise.allSettled(
			['yes', 'no'].map((typed) =>
				saveDraft(
					db,
					otherOfficer,
					other,
					{ version: 0, values: { '1.1': typed }, notes: {} },
					at(9)
				)
			)
		);
		const saved = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
		const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(StaleVersionError);
		const row = await assessmentOf(other);
		expect(row.version).toBe(2);
		expect((await storedResults(row.id)).get('1.1')?.value).toBe([true, false][saved]);
		expect((await auditOf(row.id)).map((entry) => entry.action)).toEqual([
			'assessment.create',
			'result.value'
		]);
	});
});

describe('the workflow from draft to recognition', () => {
	const EVIDENCE_CODE = '2.2';
	let place: AssessmentPlace;
	let officer: Actor;
	let evidenceWasRequired: boolean;

	// The sample set asks for no evidence: one criterion requires it for these tests.
	beforeAll(async () => {
		place = await placeOf('16681');
		officer = await actorNamed('officer.16681');
		const criterion = db
			.selectFrom('criteria')
			.where('criteria_set_id', '=', place.period.criteria_set_id)
			.where('code', '=', EVIDENCE_CODE);
		evidenceWasRequired = (await criterion.select('evidence_required').executeTakeFirstOrThrow())
			.evidence_required;
		await db
			.updateTable('criteria')
			.set({ evidence_required: true })
			.where('criteria_set_id', '=', place.period.criteria_set_id)
			.where('code', '=', EVIDENCE_CODE)
			.execute();
	});
	afterAll(async () => {
		await db
			.updateTable('criteria')
			.set({ evidence_required: evidenceWasRequired })
			.where('criteria_set_id', '=', place.period.criteria_set_id)
			.where('code', '=', EVIDENCE_CODE)
			.execute();
	});

	it('refuses to submit while criteria are unanswered or required evidence is missing', async () => {
		const missing = ['1.2', '3.2', '4.4'];
		const values = Object.fromEntries(
			Object.entries(COMPLETE).map(([code, typed]) => [code, missing.includes(code) ? '' : typed])
		);
		await save(officer, place, { values }, at(10));
		const error = await refusedUnchanged(
			place,
			() => step(officer, place, { transition: 'submit' }, at(11)),
			SubmissionRefusedError
		);
		expect(error.problems).toEqual({ unanswered: missing, missingEvidence: [EVIDENCE_CODE] });

		await save(officer, place, { values: COMPLETE }, at(12));
		const stillRefused = await refusedUnchanged(
			place,
			() => step(officer, place, { transition: 'submit' }, at(13)),
			SubmissionRefusedError
		);
		expect(stillRefused.problems).toEqual({ unanswered: [], missingEvidence: [EVIDENCE_CODE] });
		expect((await assessmentOf(place)).status).toBe('draft');
	});

	it('makes the complete draft eligible under the campaign rule', async () => {
		const row = await assessmentOf(place);
		expect(campaign).toMatchObject({ min_score: 90, all_mandatory: true });
		expect(row).toMatchObject(await figuresFromResults(row.id));
		expect(row).toMatchObject({ score: 100, met_count: 23, mandatory_met: true, eligible: true });
		const stored = await storedResults(row.id);
		expect(stored.get('3.3')?.value).toBe(92.25);
		expect(stored.get('2.6')?.value).toBe(-3);
	});

	it('refuses steps to roles that never take them, and steps from the wrong status', async () => {
		const refusedFor = async (actor: Actor, input: Omit<TransitionInput, 'version'>) =>
			(
				await refusedUnchanged(
					place,
					() => step(actor, place, { reason: 'Lý do', ...input }, at(14)),
					TransitionRefusedError
				)
			).reason;
		expect(await refusedFor(officer, { transition: 'verify' })).toBe('role');
		expect(await refusedFor(reviewer, { transition: 'approve' })).toBe('role');
		expect(await refusedFor(admin, { transition: 'verify' })).toBe('role');
		expect(await refusedFor(admin, { transition: 'submit' })).toBe('role');
		for (const transition of ['submit', 'verify', 'return', 'approve', 'reopen'] as const) {
			expect(await refusedFor(leader, { transition })).toBe('role');
		}
		expect(await refusedFor(reviewer, { transition: 'verify' })).toBe('status');
		expect(await refusedFor(reviewer, { transition: 'return' })).toBe('status');
		expect(await refusedFor(admin, { transition: 'approve' })).toBe('status');
		expect(await refusedFor(admin, { transition: 'reopen' })).toBe('status');
	});

	it('submits once the required evidence is uploaded', async () => {
		await uploadEvidence(
			db,
			storage,
			officer,
			place,
			{
				criterionCode: EVIDENCE_CODE,
				fileName: 'Chứng nhận phường sạch ma túy.pdf',
				bytes: pdf('a')
			},
			at(15)
		);
		const before = await assessmentOf(place);
		const mark = await lastAuditId();
		const outcome = await step(officer, place, { transition: 'submit' }, at(16));
		const row = await assessmentOf(place);
		expect(outcome).toEqual({ assessment: row, recognition: null });
		expect(row).toMatchObject({
			status: 'submitted',
			version: before.version + 1,
			submitted_at: at(16),
			submitted_by: officer.id,
			verified_at: null,
			approved_at: null
		});
		expect(await auditOf(row.id, mark)).toMatchObject([
			{
				action: 'assessment.submit',
				actor_id: officer.id,
				before: { status: 'draft', score: 100 },
				after: { status: 'submitted', score: 100, eligible: true },
				reason: null
			}
		]);
	});

	it('refuses edits and uploads once submitted', async () => {
		await refusedUnchanged(
			place,
			() => save(officer, place, { values: { '1.4': '90' } }, at(17)),
			NotEditableError
		);
		await refusedUnchanged(
			place,
			() =>
				uploadEvidence(
					db,
					storage,
					officer,
					place,
					{ criterionCode: '1.1', fileName: 'x.pdf', bytes: pdf('late') },
					at(17)
				),
			NotEditableError
		);
	});

	it('refuses a return without a reason', async () => {
		for (const reason of [undefined, '', '   ']) {
			const error = await refusedUnchanged(
				place,
				() => step(reviewer, place, { transition: 'return', reason }, at(18)),
				InvalidInput
			);
			expect(error.errors).toEqual({ reason: 'reason_required' });
		}
	});

	it('returns to draft with the reason and a comment on one criterion', async () => {
		const mark = await lastAuditId();
		const outcome = await step(
			reviewer,
			place,
			{
				transition: 'return',
				reason: ' Số liệu tiêu chí 1.3 chưa khớp báo cáo ',
				comments: { '1.3': ' Đề nghị gửi bảng thống kê trình độ ', '2.1': '   ' }
			},
			at(19)
		);
		const row = await assessmentOf(place);
		expect(outcome.recognition).toBeNull();
		expect(row).toMatchObject({
			status: 'draft',
			return_reason: 'Số liệu tiêu chí 1.3 chưa khớp báo cáo',
			returned_at: at(19),
			returned_by: reviewer.id
		});
		const comments = await db
			.selectFrom('review_comments')
			.selectAll()
			.where('assessment_id', '=', row.id)
			.execute();
		expect(comments).toEqual([
			expect.objectContaining({
				criterion_id: criteria.find((c) => c.code === '1.3')!.id,
				body: 'Đề nghị gửi bảng thống kê trình độ',
				author_id: reviewer.id,
				created_at: at(19),
				resolved_at: null
			})
		]);
		expect(await auditOf(row.id, mark)).toMatchObject([
			{
				action: 'assessment.return',
				actor_id: reviewer.id,
				before: { status: 'submitted' },
				after: { status: 'draft', comments: { '1.3': 'Đề nghị gửi bảng thống kê trình độ' } },
				reason: 'Số liệu tiêu chí 1.3 chưa khớp báo cáo'
			}
		]);
	});

	it('resolves the comments when the officer saves and resubmits', async () => {
		await save(
			officer,
			place,
			{ values: { '1.3': '96' }, notes: { '1.3': 'Bảng đính kèm' } },
			at(20)
		);
		await step(officer, place, { transition: 'submit' }, at(21));
		const row = await assessmentOf(place);
		expect(row).toMatchObject({ status: 'submitted', submitted_at: at(21) });
		expect((await storedResults(row.id)).get('1.3')?.value).toBe(96);
		const comments = await db
			.selectFrom('review_comments')
			.select('resolved_at')
			.where('assessment_id', '=', row.id)
			.execute();
		expect(comments).toEqual([{ resolved_at: at(21) }]);
	});

	it('is verified by the district reviewer', async () => {
		await step(reviewer, place, { transition: 'verify' }, at(22));
		expect(await assessmentOf(place)).toMatchObject({
			status: 'verified',
			verified_at: at(22),
			verified_by: reviewer.id
		});
	});

	it('refuses an approval that would recognise without a decision number or with a future date', async () => {
		const noNumber = await refusedUnchanged(
			place,
			() => step(admin, place, { transition: 'approve', decisionDate: '2026-11-26' }, at(23)),
			InvalidInput
		);
		expect(noNumber.errors).toEqual({ decisionNumber: 'decision_number_required' });
		// SEED_NOW is 27/11/2026 in Vietnam: the 28th has not come yet.
		const future = await refusedUnchanged(
			place,
			() =>
				step(
					admin,
					place,
					{ transition: 'approve', decisionNumber: '215/QĐ-CAT', decisionDate: '2026-11-28' },
					at(23)
				),
			InvalidInput
		);
		expect(future.errors).toEqual({ decisionDate: 'decision_date_future' });
	});

	it('refuses a decision dated before the assessed period or the campaign began', async () => {
		// Such a decision would count in the figures of periods already closed.
		expect(campaign.start_date < place.period.starts_on).toBe(true);
		for (const decisionDate of [dayBefore(place.period.starts_on), '2023-01-01']) {
			const early = await refusedUnchanged(
				place,
				() =>
					step(
						admin,
						place,
						{ transition: 'approve', decisionNumber: '215/QĐ-CAT', decisionDate },
						at(23)
					),
				InvalidInput
			);
			expect(early.errors).toEqual({ decisionDate: 'decision_date_before_period' });
		}
		expect(await recognitionsOf(place)).toEqual([]);
	});

	it('approves and recognises the unit with the decision number and date', async () => {
		const mark = await lastAuditId();
		const outcome = await step(
			admin,
			place,
			{ transition: 'approve', decisionNumber: ' 215/QĐ-CAT ', decisionDate: '2026-11-27' },
			at(24)
		);
		const row = await assessmentOf(place);
		expect(outcome).toEqual({ assessment: row, recognition: 'granted' });
		expect(row).toMatchObject({ status: 'approved', approved_at: at(24), approved_by: admin.id });
		const recognitions = await recognitionsOf(place);
		expect(recognitions).toEqual([
			expect.objectContaining({
				unit_id: place.unit.id,
				campaign_id: campaign.id,
				assessment_id: row.id,
				decision_number: '215/QĐ-CAT',
				decision_date: '2026-11-27',
				approved_by: admin.id,
				revoked_at: null
			})
		]);
		expect(await auditOf(row.id, mark)).toMatchObject([
			{
				action: 'recognition.grant',
				actor_id: admin.id,
				after: {
					recognition: recognitions[0].id,
					decisionNumber: '215/QĐ-CAT',
					date: '2026-11-27'
				}
			},
			{
				action: 'assessment.approve',
				actor_id: admin.id,
				before: { status: 'verified' },
				after: { status: 'approved', score: 100, eligible: true }
			}
		]);
	});

	it('refuses a reopen without a reason, or by anyone but the province', async () => {
		const error = await refusedUnchanged(
			place,
			() => step(admin, place, { transition: 'reopen', reason: ' ' }, at(25)),
			InvalidInput
		);
		expect(error.errors).toEqual({ reason: 'reason_required' });
		const byReviewer = await refusedUnchanged(
			place,
			() => step(reviewer, place, { transition: 'reopen', reason: 'Sửa số liệu' }, at(25)),
			TransitionRefusedError
		);
		expect(byReviewer.reason).toBe('role');
	});

	it('reopens to draft and revokes the recognition that assessment granted', async () => {
		const mark = await lastAuditId();
		const outcome = await step(
			admin,
			place,
			{ transition: 'reopen', reason: 'Điều chỉnh số liệu tiêu chí 4.2' },
			at(26)
		);
		const row = await assessmentOf(place);
		expect(outcome).toEqual({ assessment: row, recognition: 'revoked' });
		expect(row).toMatchObject({ status: 'draft', approved_at: null, approved_by: null });
		expect(await recognitionsOf(place)).toEqual([
			expect.objectContaining({
				assessment_id: row.id,
				decision_number: '215/QĐ-CAT',
				revoked_at: at(26),
				revoked_by: admin.id,
				revoke_reason: 'Điều chỉnh số liệu tiêu chí 4.2'
			})
		]);
		expect(await auditOf(row.id, mark)).toMatchObject([
			{ action: 'recognition.revoke', reason: 'Điều chỉnh số liệu tiêu chí 4.2' },
			{
				action: 'assessment.reopen',
				before: { status: 'approved' },
				after: { status: 'draft' },
				reason: 'Điều chỉnh số liệu tiêu chí 4.2'
			}
		]);
	});

	it('records a new recognition for the same assessment when it is approved again', async () => {
		await save(officer, place, { values: { '4.2': '13' } }, at(27));
		await step(officer, place, { transition: 'submit' }, at(28));
		await step(reviewer, place, { transition: 'verify' }, at(29));
		const outcome = await step(
			admin,
			place,
			{ transition: 'approve', decisionNumber: '230/QĐ-CAT', decisionDate: '2026-11-27' },
			at(30)
		);
		expect(outcome.recognition).toBe('granted');
		const { id } = await assessmentOf(place);
		expect(await recognitionsOf(place)).toEqual([
			expect.objectContaining({ assessment_id: id, decision_number: '215/QĐ-CAT' }),
			expect.objectContaining({
				assessment_id: id,
				decision_number: '230/QĐ-CAT',
				approved_by: admin.id,
				revoked_at: null
			})
		]);
		expect((await recognitionsOf(place))[0].revoked_at).toEqual(at(26));
	});

	it('revokes a standing recognition only for the province, and only with a reason', async () => {
		for (const actor of [officer, reviewer, leader]) {
			const error = await refusedUnchanged(
				place,
				() => revokeRecognition(db, actor, place, 'Vi phạm', at(31)),
				TransitionRefusedError
			);
			expect(error.reason).toBe('role');
		}
		const error = await refusedUnchanged(
			place,
			() => revokeRecognition(db, admin, place, '  ', at(31)),
			InvalidInput
		);
		expect(error.errors).toEqual({ reason: 'reason_required' });
	});

	it('revokes the standing recognition with its reason, then finds none to revoke', async () => {
		const { id, status } = await assessmentOf(place);
		const mark = await lastAuditId();
		const reason = 'Để xảy ra vụ việc phức tạp về an ninh, trật tự';
		expect(await revokeRecognition(db, admin, place, reason, at(32))).toBe(true);
		const recognitions = await recognitionsOf(place);
		expect(recognitions[1]).toMatchObject({
			decision_number: '230/QĐ-CAT',
			revoked_at: at(32),
			revoked_by: admin.id,
			revoke_reason: reason
		});
		expect(recognitions[0].revoked_at).toEqual(at(26));
		expect(await auditOf(id, mark)).toMatchObject([
			{
				action: 'recognition.revoke',
				actor_id: admin.id,
				before: { recognition: recognitions[1].id, decisionNumber: '230/QĐ-CAT' },
				reason
			}
		]);
		// The assessment stays approved: only the recognition is withdrawn.
		expect((await assessmentOf(place)).status).toBe(status);
		const before = await stateOf(place);
		expect(await revokeRecognition(db, admin, place, reason, at(33))).toBe(false);
		expect(await stateOf(place)).toEqual(before);
	});
});
