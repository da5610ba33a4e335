// The assessment services on the seeded demo, on wards of their own: approvals that recognise
// nobody new, the period window with extensions, and what the page and the history read back.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeriodClosedError } from '../../src/lib/server/assessments/errors';
import type { AssessmentPlace, CriterionRow } from '../../src/lib/server/assessments/repository';
import { type Actor } from '../../src/lib/server/assessments/service';
import { loadTimeline } from '../../src/lib/server/assessments/timeline';
import { loadAssessmentView } from '../../src/lib/server/assessments/view';
import type { Database } from '../../src/lib/server/db/schema';
import { deleteEvidence, uploadEvidence } from '../../src/lib/server/evidence/service';
import type { EvidenceStore } from '../../src/lib/server/evidence/content';
import {
	actorNamed,
	assessmentOf,
	at,
	auditOf,
	COMPLETE,
	ctx,
	freshPlace,
	openAssessmentDatabase,
	pdf,
	placeOf,
	recognitionsOf,
	refusedUnchanged,
	rows,
	save,
	step,
	storedResults
} from './helpers/assessments';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let storage: EvidenceStore;
let criteria: CriterionRow[];
let admin: Actor;
let reviewer: Actor;

beforeAll(async () => {
	database = await openAssessmentDatabase();
	({ db, storage, criteria } = ctx);
	admin = await actorNamed('admin');
	reviewer = await actorNamed('reviewer.vinh');
});
afterAll(() => database?.drop());

describe('approvals that recognise nobody new', () => {
	/** Saves the values, submits and has the district verify. */
	async function verified(
		unitCode: string,
		values: Record<string, string>,
		start: number,
		{ recognitions = false } = {}
	) {
		const place = await freshPlace(unitCode, { recognitions });
		const officer = await actorNamed(`officer.${unitCode}`);
		await save(officer, place, { values }, at(start));
		await step(officer, place, { transition: 'submit' }, at(start + 1));
		await step(reviewer, place, { transition: 'verify' }, at(start + 2));
		return place;
	}

	it('approves an ineligible assessment without recognising the unit', async () => {
		// 1.1 is mandatory: 95 points are not enough without it.
		// A unit holding no recognition: its earlier ones are removed with the seeded assessment.
		const place = await verified('16702', { ...COMPLETE, '1.1': 'no' }, 40, { recognitions: true });
		expect(await assessmentOf(place)).toMatchObject({ score: 95, eligible: false });
		expect(await recognitionsOf(place)).toEqual([]);
		const outcome = await step(admin, place, { transition: 'approve' }, at(43));
		const row = await assessmentOf(place);
		expect(outcome).toEqual({ assessment: row, recognition: null });
		expect(row).toMatchObject({ status: 'approved', approved_by: admin.id, eligible: false });
		expect(await recognitionsOf(place)).toEqual([]);
		expect((await auditOf(row.id)).map((entry) => entry.action)).not.toContain('recognition.grant');
	});

	it('keeps the recognition that already stands and adds no second one', async () => {
		const place = await verified('16708', COMPLETE, 50);
		const standing = await recognitionsOf(place);
		expect(standing.filter((row) => row.revoked_at === null)).toHaveLength(1);
		const outcome = await step(
			admin,
			place,
			{ transition: 'approve', decisionNumber: '301/QĐ-CAT', decisionDate: '2026-11-27' },
			at(53)
		);
		const row = await assessmentOf(place);
		expect(outcome).toEqual({ assessment: row, recognition: 'kept' });
		expect(row).toMatchObject({ status: 'approved', eligible: true });
		expect(await recognitionsOf(place)).toEqual(standing);
		expect((await auditOf(row.id)).map((entry) => entry.action)).not.toContain('recognition.grant');
	});
});

describe('the period window', () => {
	let place: AssessmentPlace;
	let officer: Actor;
	let periodStatus: AssessmentPlace['period']['status'];

	beforeAll(async () => {
		place = await freshPlace('16732');
		officer = await actorNamed('officer.16732');
		periodStatus = place.period.status;
		expect(periodStatus).toBe('open');
		await save(officer, place, { values: COMPLETE }, at(60));
	});
	afterAll(async () => {
		await db
			.deleteFrom('period_extensions')
			.where('period_id', '=', place.period.id)
			.where('unit_id', '=', place.unit.id)
			.execute();
		await db
			.updateTable('periods')
			.set({ status: periodStatus })
			.where('id', '=', place.period.id)
			.execute();
	});

	async function expectClosed(now: Date) {
		const current = await placeOf('16732');
		for (const work of [
			() => save(officer, current, { values: { '1.3': '99' } }, now),
			() => step(officer, current, { transition: 'submit' }, now)
		]) {
			const error = await refusedUnchanged(current, work, PeriodClosedError);
			expect(error.periodStatus).toBe(current.period.status);
		}
		// The page offers neither editing nor submitting.
		expect(await loadAssessmentView(db, current, 'ward_officer', now)).toMatchObject({
			editable: false,
			transitions: [],
			window: { open: false }
		});
	}

	it('refuses saves and submissions after an open period closes_at', async () => {
		// 2026-Q4 closes on 15/01/2027 at 17:00 in Vietnam.
		await expectClosed(new Date('2027-01-15T17:00:01+07:00'));
	});

	it('refuses saves and submissions once the period is closed', async () => {
		await db
			.updateTable('periods')
			.set({ status: 'closed' })
			.where('id', '=', place.period.id)
			.execute();
		await expectClosed(at(61));
	});

	it('still refuses them within an extension that has run out', async () => {
		await db
			.insertInto('period_extensions')
			.values({
				period_id: place.period.id,
				unit_id: place.unit.id,
				until: new Date('2026-11-20T17:00:00+07:00'),
				reason: 'Mất điện kéo dài',
				granted_by: admin.id
			})
			.execute();
		expect((await placeOf('16732')).extensionUntil).toEqual(new Date('2026-11-20T17:00:00+07:00'));
		await expectClosed(at(62));
	});

	it('accepts them within the extension granted to the unit', async () => {
		await db
			.updateTable('period_extensions')
			.set({ until: new Date('2026-12-05T17:00:00+07:00') })
			.where('period_id', '=', place.period.id)
			.where('unit_id', '=', place.unit.id)
			.execute();
		const extended = await placeOf('16732');
		expect(await loadAssessmentView(db, extended, 'ward_officer', at(63))).toMatchObject({
			editable: true,
			transitions: ['submit'],
			window: { open: true }
		});
		await save(officer, extended, { values: { '1.3': '99' } }, at(63));
		await step(officer, extended, { transition: 'submit' }, at(64));
		const row = await assessmentOf(extended);
		expect(row).toMatchObject({ status: 'submitted', submitted_at: at(64) });
		expect((await storedResults(row.id)).get('1.3')?.value).toBe(99);
	});
});

describe('what the page and the history show', () => {
	let place: AssessmentPlace;
	let officer: Actor;

	beforeAll(async () => {
		place = await freshPlace('16939');
		officer = await actorNamed('officer.16939');
	});

	it('shows the officer an editable open draft with submit, and last period values', async () => {
		await save(
			officer,
			place,
			{ values: COMPLETE, notes: { '5.3': 'Trụ sở mới đưa vào sử dụng' } },
			at(70)
		);
		const uploaded = await uploadEvidence(
			db,
			storage,
			officer,
			place,
			{ criterionCode: '5.3', fileName: 'Ảnh trụ sở.pdf', bytes: pdf('trụ sở') },
			at(71)
		);
		await deleteEvidence(db, storage, officer, place, uploaded.id);
		const view = await loadAssessmentView(db, place, 'ward_officer', at(72));
		expect(view).toMatchObject({
			status: 'draft',
			editable: true,
			transitions: ['submit'],
			previousLabel: '2026-Q3'
		});
		expect(rows(view).every((row) => row.met)).toBe(true);

		const q3 = await storedResults((await assessmentOf(await placeOf('16939', '2026-Q3'))).id);
		const all = rows(view);
		expect(all).toHaveLength(23);
		expect(q3.size).toBe(23);
		for (const row of all) {
			expect(row.previousValue, row.code).toEqual(q3.get(row.code)!.value);
		}
		expect(all.find((row) => row.code === '5.3')?.note).toBe('Trụ sở mới đưa vào sử dụng');
	});

	it('shows the reviewer a submitted assessment with verify and return, read-only', async () => {
		await step(officer, place, { transition: 'submit' }, at(73));
		const forReviewer = await loadAssessmentView(db, place, 'district_reviewer', at(74));
		expect(forReviewer).toMatchObject({
			status: 'submitted',
			editable: false,
			transitions: ['verify', 'return']
		});
		const forOfficer = await loadAssessmentView(db, place, 'ward_officer', at(74));
		expect(forOfficer).toMatchObject({ editable: false, transitions: [] });
	});

	it('reads the history back newest first, with names, criteria and the reason of a return', async () => {
		await step(
			reviewer,
			place,
			{ transition: 'return', reason: 'Thiếu ảnh trụ sở', comments: { '5.3': 'Bổ sung ảnh' } },
			at(75)
		);
		const { id } = await assessmentOf(place);
		const timeline = await loadTimeline(db, id);
		// The officer of the 2023 ward whose code Phường Thái Hòa kept.
		const ward = 'Công an Phường Hoà Hiếu';
		const district = 'Công an Thành phố Vinh';
		// A save writes each criterion's changes in reading order: its value, then its note.
		const saveEntries = criteria
			.flatMap((c) => [
				{ action: 'result.value', actor: ward, criterion: c.code, reason: null },
				...(c.code === '5.3'
					? [{ action: 'result.note', actor: ward, criterion: c.code, reason: null }]
					: [])
			])
			.reverse();
		expect(
			timeline.map(({ action, actor, criterion, reason }) => ({ action, actor, criterion, reason }))
		).toEqual([
			{ action: 'assessment.return', actor: district, criterion: null, reason: 'Thiếu ảnh trụ sở' },
			{ action: 'assessment.submit', actor: ward, criterion: null, reason: null },
			{ action: 'evidence.delete', actor: ward, criterion: '5.3', reason: null },
			{ action: 'evidence.upload', actor: ward, criterion: '5.3', reason: null },
			...saveEntries,
			{ action: 'assessment.create', actor: ward, criterion: null, reason: null }
		]);
		const times = timeline.map((entry) => entry.at.getTime());
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(timeline[timeline.length - 2].after).toEqual({ criterion: '1.1', value: true });
		const view = await loadAssessmentView(db, place, 'ward_officer', at(76));
		expect(view.timeline).toEqual(timeline);
		expect(view.assessment).toMatchObject({ returnReason: 'Thiếu ảnh trụ sở' });
	});
});
