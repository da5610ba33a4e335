// Work on retired units stops. On the seeded demo, five CAP-DHKM units are merged into a sixth on
// 01/10/2026, their 2026-Q4 assessments first brought to each open status: the merge closes those
// as superseded (audited, with the reason and the status they had), they leave the review queue,
// their page says why, and every write a crafted request could make on them is refused with
// nothing changed. The code of a merged unit is then given to a new unit, as the registry does,
// and period addresses keep naming the unit that held the code on the period's last day.
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SupersededError, UnitNotInForceError } from '../../src/lib/server/assessments/errors';
import { findAddressed, findPlace } from '../../src/lib/server/assessments/place';
import { loadReviewQueue } from '../../src/lib/server/assessments/queue';
import {
	findExtension,
	findPeriodByLabel,
	type AssessmentPlace
} from '../../src/lib/server/assessments/repository';
import type { Actor } from '../../src/lib/server/assessments/service';
import { listOpenAssessmentsFrom } from '../../src/lib/server/assessments/supersede';
import { loadAssessmentPage } from '../../src/lib/server/assessments/view';
import type { Database, Unit } from '../../src/lib/server/db/schema';
import { deleteEvidence, uploadEvidence } from '../../src/lib/server/evidence/service';
import { NotFound } from '../../src/lib/server/failure';
import { mergeUnits } from '../../src/lib/server/units/merge';
import { findScopedUnit } from '../../src/lib/server/units/repository';
import { insertUnitsWithVersions, unitRefSegment } from '../../src/lib/server/units/structure';
import {
	at,
	auditOf,
	COMPLETE,
	ctx,
	openAssessmentDatabase,
	pdf,
	refusedUnchanged,
	save,
	stateOf,
	step
} from './helpers/assessments';
import { demoAdmin } from './helpers/fixtures';
import { refusalOf } from './helpers/refusal';
import { expectKeptFiguresFresh } from './helpers/kept';

const MERGED_ON = '2026-10-01';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let officer: Actor;
let reviewer: Actor;
let admin: Actor;
/** The successor, then the units merged into it: draft, submitted, verified, approved, none. */
let successor: Unit;
let drafted: Unit;
let submitted: Unit;
let verified: Unit;
let approved: Unit;
let untouched: Unit;
const places = new Map<number, AssessmentPlace>();

async function firstUser(role: Actor['role']): Promise<Actor> {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'role'])
		.where('role', '=', role)
		.where('active', '=', true)
		.orderBy('id')
		.executeTakeFirstOrThrow();
}

/** The unit × CAP-DHKM × period place, by the unit's row (codes are reused: ids are not). */
async function placeFor(unitId: number, label = '2026-Q4'): Promise<AssessmentPlace> {
	const unit = await db
		.selectFrom('units')
		.selectAll()
		.where('id', '=', unitId)
		.executeTakeFirstOrThrow();
	const period = (await findPeriodByLabel(db, ctx.campaign.id, label))!;
	return {
		campaign: ctx.campaign,
		unit,
		period,
		extensionUntil: await findExtension(db, period.id, unit.id)
	};
}

/** The place with its seeded assessment (and the recognitions it granted) removed. */
async function freshPlaceFor(unit: Unit) {
	const place = await placeFor(unit.id);
	const seeded = db
		.selectFrom('assessments')
		.select('id')
		.where('unit_id', '=', unit.id)
		.where('campaign_id', '=', ctx.campaign.id)
		.where('period_id', '=', place.period.id);
	await db.deleteFrom('recognitions').where('unit_id', '=', unit.id).execute();
	await db.deleteFrom('assessments').where('id', 'in', seeded).execute();
	places.set(unit.id, place);
	return place;
}

/** Six active units CAP-DHKM assesses at the end of 2026-Q4, none above another. */
async function campaignUnits() {
	return db
		.selectFrom('units as u')
		.innerJoin('unit_versions as v', 'v.unit_id', 'u.id')
		.selectAll('u')
		.where('u.status', '=', 'active')
		.where('v.kind', 'in', ctx.campaign.applies_to)
		.where(sql<boolean>`v.valid_from <= '2026-12-31' AND '2026-12-31' < v.valid_to`)
		.orderBy('u.code')
		.limit(6)
		.execute();
}

async function assessmentRow(unit: Unit, label = '2026-Q4') {
	const place = label === '2026-Q4' ? places.get(unit.id)! : await placeFor(unit.id, label);
	return db
		.selectFrom('assessments')
		.selectAll()
		.where('unit_id', '=', unit.id)
		.where('campaign_id', '=', ctx.campaign.id)
		.where('period_id', '=', place.period.id)
		.executeTakeFirst();
}

beforeAll(async () => {
	database = await openAssessmentDatabase();
	({ db } = ctx);
	officer = await firstUser('ward_officer');
	reviewer = await firstUser('district_reviewer');
	admin = await firstUser('province_admin');
	[successor, drafted, submitted, verified, approved, untouched] = await campaignUnits();
	for (const unit of [drafted, submitted, verified, approved, untouched]) {
		await freshPlaceFor(unit);
	}
	const place = (unit: Unit) => places.get(unit.id)!;
	await save(officer, place(drafted), { values: { '1.1': 'yes', '1.3': '95,5' } }, at(1));
	await uploadEvidence(
		db,
		ctx.storage,
		officer,
		place(drafted),
		{ criterionCode: '1.1', fileName: 'bien-ban.pdf', bytes: pdf('draft') },
		at(2)
	);
	for (const [unit, minute] of [
		[submitted, 10],
		[verified, 20],
		[approved, 30]
	] as const) {
		await save(officer, place(unit), { values: COMPLETE }, at(minute));
		await step(officer, place(unit), { transition: 'submit' }, at(minute + 1));
	}
	for (const unit of [verified, approved]) {
		await step(reviewer, place(unit), { transition: 'verify' }, at(40));
	}
	await step(
		admin,
		place(approved),
		{ transition: 'approve', decisionNumber: '301/QĐ-CAT', decisionDate: '2026-11-27' },
		at(50)
	);
	// An open assessment of a period ending before the merge stays open: it counts the unit.
	const q3 = await placeFor(submitted.id, '2026-Q3');
	await db
		.updateTable('assessments')
		.set({ status: 'submitted' })
		.where('unit_id', '=', submitted.id)
		.where('campaign_id', '=', ctx.campaign.id)
		.where('period_id', '=', q3.period.id)
		.execute();
});
afterAll(() => database?.drop());
afterEach(() => expectKeptFiguresFresh(db));

describe('a merge closes the predecessors’ open assessments', () => {
	let queuedBefore: string[];
	let firstAuditId: number;

	beforeAll(async () => {
		const queue = await loadReviewQueue(
			db,
			{ role: 'district_reviewer', scopePath: '/40/' },
			{ status: 'submitted', campaign: ctx.campaign.code, period: '2026-Q4' }
		);
		queuedBefore = queue.items.map((item) => item.unitCode);
		firstAuditId = Number(
			(
				await db
					.selectFrom('audit_log')
					.select((eb) => eb.fn.max('id').as('id'))
					.executeTakeFirstOrThrow()
			).id
		);
		const actor = await demoAdmin(db);
		const scoped = await findScopedUnit(db, actor.scopePath, successor.code);
		await mergeUnits(db, actor, {
			code: successor.code,
			revision: scoped!.revision,
			predecessorCodes: [drafted, submitted, verified, approved, untouched].map((u) => u.code),
			date: MERGED_ON
		});
	});

	it('marks draft, submitted and verified as superseded with the status they had and why', async () => {
		for (const [unit, from] of [
			[drafted, 'draft'],
			[submitted, 'submitted'],
			[verified, 'verified']
		] as const) {
			const row = await assessmentRow(unit);
			expect(row).toMatchObject({ status: 'superseded', superseded_from: from });
			expect(row!.superseded_at).toBeInstanceOf(Date);
			expect(row!.superseded_reason).toBe(
				`${unit.name} (${unit.code}) sáp nhập vào ${successor.name} (${successor.code}) từ ngày 01/10/2026`
			);
		}
	});

	it('leaves approved assessments and those of periods ending before the merge as they were', async () => {
		expect(await assessmentRow(approved)).toMatchObject({ status: 'approved' });
		expect(await assessmentRow(submitted, '2026-Q3')).toMatchObject({ status: 'submitted' });
		expect(await assessmentRow(untouched)).toBeUndefined();
	});

	it('audits each closing as the administrator’s, in the merge', async () => {
		const rows = await Promise.all([drafted, submitted, verified].map((u) => assessmentRow(u)));
		const entries = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'entity_id', 'before', 'after', 'reason'])
			.where('id', '>', firstAuditId)
			.where('entity_type', '=', 'assessment')
			.where(
				'entity_id',
				'in',
				rows.map((row) => String(row!.id))
			)
			.orderBy('entity_id')
			.execute();
		expect(entries).toEqual(
			rows
				.sort((a, b) => String(a!.id).localeCompare(String(b!.id)))
				.map((row) => ({
					action: 'assessment.supersede',
					actor_id: admin.id,
					entity_id: String(row!.id),
					before: { status: row!.superseded_from },
					after: { status: 'superseded', superseded_on: MERGED_ON },
					reason: row!.superseded_reason
				}))
		);
	});

	it('closes every open assessment of the merged units in every campaign, from the merge on', async () => {
		const merged = [drafted, submitted, verified, approved, untouched].map((unit) => unit.id);
		expect(await listOpenAssessmentsFrom(db, merged, MERGED_ON)).toEqual([]);
		const closed = await db
			.selectFrom('assessments as a')
			.innerJoin('periods as p', 'p.id', 'a.period_id')
			.select(({ fn }) => fn.countAll<string>().as('count'))
			.where('a.unit_id', 'in', merged)
			.where('a.status', '=', 'superseded')
			.where('p.ends_on', '<', MERGED_ON)
			.executeTakeFirstOrThrow();
		expect(Number(closed.count)).toBe(0);
	});

	it('takes them out of the review queues', async () => {
		expect(queuedBefore).toContain(submitted.code);
		for (const status of ['submitted', 'verified'] as const) {
			const queue = await loadReviewQueue(
				db,
				{ role: 'province_admin', scopePath: '/40/' },
				{ status, campaign: ctx.campaign.code, period: '2026-Q4' }
			);
			const codes = queue.items.map((item) => item.unitCode);
			for (const unit of [drafted, submitted, verified, approved]) {
				expect(codes).not.toContain(unit.code);
			}
		}
	});

	it('shows the page as superseded, with the reason, the date and the former status', async () => {
		const page = await loadAssessmentPage(
			db,
			{ role: 'ward_officer', scopePath: '/40/' },
			await placeFor(submitted.id)
		);
		const row = await assessmentRow(submitted);
		expect(page.view).toMatchObject({
			status: 'superseded',
			superseded: { at: row!.superseded_at, reason: row!.superseded_reason, from: 'submitted' },
			unitInForce: false,
			editable: false,
			transitions: [],
			mayRevoke: false
		});
		expect(page.unit).toMatchObject({ ref: `${submitted.code}@2026-09-30`, name: submitted.name });
		expect(page.view.timeline[0]).toMatchObject({
			action: 'assessment.supersede',
			reason: row!.superseded_reason,
			before: { status: 'submitted' }
		});
	});
});

describe('every write on a retired unit’s assessment is refused, nothing changed', () => {
	const place = (unit: Unit) => places.get(unit.id)!;

	/** Refused with the superseded notice (409), nothing written. */
	async function refusedAsSuperseded(unit: Unit, work: () => Promise<unknown>) {
		const error = await refusedUnchanged(place(unit), work, SupersededError);
		expect(error.status).toBe(409);
		expect(error.body.superseded.from).toBe((await assessmentRow(unit))!.superseded_from);
	}

	it('refuses saving values', async () => {
		await refusedAsSuperseded(drafted, () =>
			save(officer, place(drafted), { values: { '1.2': 'yes' } }, at(100))
		);
		// A user who loaded the page before the merge holds an older version: still "superseded".
		await refusedAsSuperseded(drafted, () =>
			save(officer, place(drafted), { values: { '1.2': 'yes' }, version: 2 }, at(100))
		);
	});

	it('refuses uploading and deleting evidence', async () => {
		await refusedAsSuperseded(drafted, () =>
			uploadEvidence(
				db,
				ctx.storage,
				officer,
				place(drafted),
				{ criterionCode: '1.2', fileName: 'them.pdf', bytes: pdf('late') },
				at(101)
			)
		);
		const [evidence] = (await stateOf(place(drafted))).evidence;
		expect(evidence.file_name).toBe('bien-ban.pdf');
		await refusedAsSuperseded(drafted, () =>
			deleteEvidence(db, ctx.storage, officer, place(drafted), evidence.id, at(102))
		);
	});

	it('refuses submitting', async () => {
		await refusedAsSuperseded(drafted, () =>
			step(officer, place(drafted), { transition: 'submit' }, at(103))
		);
	});

	it('refuses verifying and returning what was submitted', async () => {
		await refusedAsSuperseded(submitted, () =>
			step(reviewer, place(submitted), { transition: 'verify' }, at(104))
		);
		await refusedAsSuperseded(submitted, () =>
			step(reviewer, place(submitted), { transition: 'return', reason: 'Bổ sung' }, at(105))
		);
	});

	it('refuses approving (and so recognising) and returning what was verified', async () => {
		await refusedAsSuperseded(verified, () =>
			step(
				admin,
				place(verified),
				{ transition: 'approve', decisionNumber: '302/QĐ-CAT', decisionDate: '2026-11-27' },
				at(106)
			)
		);
		await refusedAsSuperseded(verified, () =>
			step(admin, place(verified), { transition: 'return', reason: 'Sai số liệu' }, at(107))
		);
	});

	it('refuses reopening an approved assessment of a period the unit no longer counts in', async () => {
		const error = await refusedUnchanged(
			place(approved),
			() => step(admin, place(approved), { transition: 'reopen', reason: 'Sửa' }, at(108)),
			UnitNotInForceError
		);
		expect(await refusalOf(Promise.reject(error))).toEqual({
			status: 409,
			body: { unitNotInForce: true }
		});
	});

	it('opens no new assessment for a retired unit, by save or by upload', async () => {
		await refusedUnchanged(
			place(untouched),
			() => save(officer, place(untouched), { values: { '1.1': 'yes' } }, at(109)),
			UnitNotInForceError
		);
		await refusedUnchanged(
			place(untouched),
			() =>
				uploadEvidence(
					db,
					ctx.storage,
					officer,
					place(untouched),
					{ criterionCode: '1.1', fileName: 'moi.pdf', bytes: pdf('new') },
					at(110)
				),
			UnitNotInForceError
		);
		expect(await assessmentRow(untouched)).toBeUndefined();
	});

	it('still lets the successor work on its own assessment', async () => {
		// Its seeded 2026-Q4 assessment may already be with the reviewer: start it afresh, after the
		// merge, so the officer's save is what is tested.
		const own = await freshPlaceFor(successor);
		const saved = await save(officer, own, { values: { '1.2': 'yes' } }, at(111));
		expect(saved.status).toBe('draft');
		expect((await auditOf(saved.id)).at(-1)).toMatchObject({ action: 'result.value' });
	});
});

describe('period addresses name the unit holding the code on the period’s last day', () => {
	let heir: { id: number; code: string };

	beforeAll(async () => {
		// The registry gives the merged unit's code to a new unit from the merge on.
		[heir] = await db.transaction().execute((trx) =>
			insertUnitsWithVersions(trx, [
				{
					code: drafted.code,
					name: `${drafted.name} (mới)`,
					type_vi: drafted.type_vi,
					kind: drafted.kind,
					parent_id: drafted.parent_id,
					level: drafted.level,
					path: drafted.path,
					established_on: MERGED_ON
				}
			])
		);
	});

	const address = (unit: string, period: string) => ({
		campaign: ctx.campaign.code,
		unit,
		period
	});

	it('resolves a plain code by the period: the old holder before, the new one after', async () => {
		expect((await findAddressed(db, address(drafted.code, '2026-Q3'))).unit?.id).toBe(drafted.id);
		expect((await findAddressed(db, address(drafted.code, '2026-Q4'))).unit?.id).toBe(heir.id);
	});

	it('names the retired holder on any period with code@its-last-day', async () => {
		const ref = unitRefSegment({ ...drafted, status: 'retired', retired_on: MERGED_ON });
		expect(ref).toBe(`${drafted.code}@2026-09-30`);
		const addressed = await findAddressed(db, address(ref, '2026-Q4'));
		expect(addressed.unit?.id).toBe(drafted.id);
		// Its superseded assessment is there to be read.
		const place = await findPlace(db, addressed);
		expect(place.unit.id).toBe(drafted.id);
	});

	it('finds no place for a retired unit in a period it has no assessment of', async () => {
		const ref = `${untouched.code}@2026-09-30`;
		const addressed = await findAddressed(db, address(ref, '2026-Q4'));
		expect(addressed.unit?.id).toBe(untouched.id);
		await expect(findPlace(db, addressed)).rejects.toBeInstanceOf(NotFound);
	});

	it('finds no place for a unit in a period before it was formed', async () => {
		const addressed = await findAddressed(db, address(`${heir.code}@2026-12-31`, '2026-Q3'));
		expect(addressed.unit?.id).toBe(heir.id);
		await expect(findPlace(db, addressed)).rejects.toBeInstanceOf(NotFound);
	});

	it('refuses a malformed date in the address as an unknown unit', async () => {
		const addressed = await findAddressed(db, address(`${heir.code}@2026-13-01`, '2026-Q4'));
		expect(addressed.unit).toBeUndefined();
	});
});
