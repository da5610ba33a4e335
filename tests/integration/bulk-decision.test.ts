// Recognition decisions in bulk, on the seeded demo: the province approves many verified, eligible
// assessments under one decision number and date in one transaction, or none of them; the decision
// is one row that every recognition refers to (a single approval naming it too), with its annex
// and its scanned PDF kept in the evidence store. Checked with plain SQL counts.
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../src/lib/domain/periods';
import type { Actor } from '../../src/lib/server/assessments/service';
import type { Database } from '../../src/lib/server/db/schema';
import { listReferencedContent } from '../../src/lib/server/evidence/repository';
import { Forbidden, InvalidInput } from '../../src/lib/server/failure';
import { annexXlsx, loadDecisionAnnex } from '../../src/lib/server/recognitions/annex';
import {
	approveInBulk,
	BulkApprovalRefused,
	type BulkActor
} from '../../src/lib/server/recognitions/bulk';
import { openDecisionScan, uploadDecisionScan } from '../../src/lib/server/recognitions/scan';
import { at, ctx, openAssessmentDatabase, pdf, step } from './helpers/assessments';
import { findExtension } from '../../src/lib/server/assessments/repository';
import { expectKeptFiguresFresh } from './helpers/kept';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let admin: BulkActor;

/** A user as the guards hand them to the services: with the scope of their unit and area. */
async function bulkActor(username: string): Promise<BulkActor> {
	const user = await db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.select(['users.id', 'users.username', 'users.role', 'units.path', 'users.area_id'])
		.where('username', '=', username)
		.executeTakeFirstOrThrow();
	return { ...user, scopePath: user.path, areaId: user.area_id, ip: '127.0.0.1' };
}

const CAMPAIGN = 'PT-TDBVANTQ';

/**
 * Verified, eligible assessments of PT-TDBVANTQ, one per unit, as the page would send them; `skip`
 * leaves out those taken already. The demo recognised every such unit in an earlier period: unless
 * `recognised`, their standing recognitions are revoked first, so approving them recognises them.
 */
async function verifiedEligible(n: number, skip: readonly number[] = [], recognised = false) {
	const { rows } = await sql<{ id: number; version: number; unit_id: number; campaign_id: number }>`
		SELECT DISTINCT ON (a.unit_id) a.id, a.version, a.unit_id, a.campaign_id
		FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
		WHERE c.code = ${CAMPAIGN} AND a.status = 'verified' AND a.eligible
		ORDER BY a.unit_id, a.id
	`.execute(db);
	const chosen = rows.filter((row) => !skip.includes(row.id)).slice(0, n);
	expect(chosen).toHaveLength(n);
	if (!recognised) {
		await db
			.updateTable('recognitions')
			.set({ revoked_at: now, revoked_by: admin.id, revoke_reason: 'For a first recognition' })
			.where(
				'unit_id',
				'in',
				chosen.map((row) => row.unit_id)
			)
			.where('campaign_id', '=', chosen[0].campaign_id)
			.where('revoked_at', 'is', null)
			.execute();
	}
	return chosen.map((row) => ({ assessmentId: row.id, version: row.version }));
}

async function count(query: ReturnType<typeof sql<{ n: number }>>) {
	const { rows } = await query.execute(db);
	return Number(rows[0].n);
}

const now = at(60);
const today = vnDate(now);

beforeAll(async () => {
	database = await openAssessmentDatabase();
	({ db } = ctx);
	admin = await bulkActor('admin');
});
afterAll(() => database?.drop());
afterEach(() => expectKeptFiguresFresh(db));

describe('recognition decisions', () => {
	it('hold every seeded recognition, one per number, date and campaign', async () => {
		expect(await count(sql`SELECT count(*) AS n FROM recognitions WHERE decision_id IS NULL`)).toBe(
			0
		);
		expect(
			await count(sql`SELECT count(*) AS n FROM recognitions r
				JOIN recognition_decisions d ON d.id = r.decision_id
				WHERE d.decision_number <> r.decision_number OR d.decision_date <> r.decision_date
					OR d.campaign_id <> r.campaign_id`)
		).toBe(0);
		expect(await count(sql`SELECT count(*) AS n FROM recognition_decisions`)).toBe(
			await count(sql`SELECT count(*) AS n FROM (SELECT DISTINCT campaign_id, decision_number,
				decision_date FROM recognitions) k`)
		);
	});
});

describe('approving in bulk', () => {
	let decisionId: number;
	let taken: number[] = [];

	it('approves five in one go: five recognitions under one decision', async () => {
		const items = await verifiedEligible(5);
		taken = items.map((item) => item.assessmentId);
		const outcome = await approveInBulk(
			db,
			admin,
			{ items, decisionNumber: ' 15/QĐ-UBND ', decisionDate: today },
			now
		);
		decisionId = outcome.decisionId;
		expect(outcome.approved).toBe(5);
		expect(
			await count(sql`SELECT count(*) AS n FROM recognition_decisions
				WHERE decision_number = '15/QĐ-UBND' AND decision_date = ${today}`)
		).toBe(1);
		expect(
			await count(sql`SELECT count(*) AS n FROM recognitions r
				WHERE r.decision_id = ${decisionId} AND r.revoked_at IS NULL
					AND r.decision_number = '15/QĐ-UBND' AND r.assessment_id IN (${sql.join(taken)})`)
		).toBe(5);
		expect(
			await count(sql`SELECT count(*) AS n FROM assessments
				WHERE id IN (${sql.join(taken)}) AND status = 'approved' AND approved_by = ${admin.id}`)
		).toBe(5);
		expect(
			await count(sql`SELECT count(*) AS n FROM audit_log
				WHERE action = 'recognition.grant' AND entity_id IN (${sql.join(taken.map(String))})`)
		).toBe(5);
		expect(
			await count(sql`SELECT count(*) AS n FROM audit_log
				WHERE action = 'decision.bulk_approve' AND entity_id = ${String(decisionId)}`)
		).toBe(1);
	});

	it('approves none when one is refused, and says which and why', async () => {
		const items = await verifiedEligible(5, taken);
		const stale = { ...items[2], version: items[2].version + 7 };
		const before = await count(sql`SELECT count(*) AS n FROM recognitions`);
		const audits = await count(sql`SELECT count(*) AS n FROM audit_log`);
		const refusal = await approveInBulk(
			db,
			admin,
			{
				items: [...items.slice(0, 2), stale, ...items.slice(3)],
				decisionNumber: '16/QĐ-UBND',
				decisionDate: today
			},
			now
		).catch((failure: unknown) => failure);
		expect(refusal).toBeInstanceOf(BulkApprovalRefused);
		expect((refusal as BulkApprovalRefused).failures).toEqual([
			expect.objectContaining({ assessmentId: stale.assessmentId, reason: 'bulk_stale' })
		]);
		expect(await count(sql`SELECT count(*) AS n FROM recognitions`)).toBe(before);
		expect(await count(sql`SELECT count(*) AS n FROM audit_log`)).toBe(audits);
		expect(
			await count(sql`SELECT count(*) AS n FROM recognition_decisions
				WHERE decision_number = '16/QĐ-UBND'`)
		).toBe(0);
		const ids = items.map((item) => item.assessmentId);
		expect(
			await count(sql`SELECT count(*) AS n FROM assessments
				WHERE id IN (${sql.join(ids)}) AND status = 'verified'`)
		).toBe(5);
	});

	it('lists every assessment a decision date before its period refuses, with the earliest date', async () => {
		const items = await verifiedEligible(2, taken);
		const refusal = await approveInBulk(
			db,
			admin,
			{ items, decisionNumber: '17/QĐ-UBND', decisionDate: '2023-01-01' },
			now
		).catch((failure: unknown) => failure);
		expect(refusal).toBeInstanceOf(BulkApprovalRefused);
		const failures = (refusal as BulkApprovalRefused).failures;
		expect(failures.map((failure) => failure.assessmentId)).toEqual(
			items.map((item) => item.assessmentId)
		);
		for (const failure of failures) {
			expect(failure.reason).toMatch(/^decision_date_before_(campaign|period)$/);
			expect(failure.earliest! > '2023-01-01').toBe(true);
		}
	});

	it('refuses the form without a choice, a number or a valid date, and any other role', async () => {
		const refusal = await approveInBulk(
			db,
			admin,
			{ items: [], decisionNumber: ' ', decisionDate: '2099-01-01' },
			now
		).catch((failure: unknown) => failure);
		expect(refusal).toBeInstanceOf(InvalidInput);
		expect((refusal as InvalidInput).errors).toEqual({
			selection: 'bulk_none_selected',
			decisionNumber: 'decision_number_required',
			decisionDate: 'decision_date_future'
		});
		const reviewer = await bulkActor('reviewer.vinh');
		const items = await verifiedEligible(1, taken);
		await expect(
			approveInBulk(db, reviewer, { items, decisionNumber: '18', decisionDate: today }, now)
		).rejects.toBeInstanceOf(Forbidden);
	});

	it('a single approval naming the same number, date and campaign joins the same decision', async () => {
		const [item] = await verifiedEligible(1, taken);
		const row = await db
			.selectFrom('assessments as a')
			.innerJoin('units as u', 'u.id', 'a.unit_id')
			.innerJoin('periods as p', 'p.id', 'a.period_id')
			.select(['u.id as unitId', 'p.id as periodId'])
			.where('a.id', '=', item.assessmentId)
			.executeTakeFirstOrThrow();
		const unit = await db
			.selectFrom('units')
			.selectAll()
			.where('id', '=', row.unitId)
			.executeTakeFirstOrThrow();
		const period = await db
			.selectFrom('periods')
			.selectAll()
			.where('id', '=', row.periodId)
			.executeTakeFirstOrThrow();
		const campaign = await db
			.selectFrom('campaigns')
			.selectAll()
			.where('code', '=', CAMPAIGN)
			.executeTakeFirstOrThrow();
		const place = {
			campaign,
			unit,
			period,
			extensionUntil: await findExtension(db, period.id, unit.id)
		};
		const outcome = await step(
			admin as Actor,
			place,
			{ transition: 'approve', decisionNumber: '15/QĐ-UBND', decisionDate: today },
			now
		);
		expect(outcome.recognition).toBe('granted');
		expect(
			await count(sql`SELECT count(*) AS n FROM recognitions WHERE decision_id = ${decisionId}`)
		).toBe(6);
		const annex = await loadDecisionAnnex(db, decisionId);
		expect(annex.units).toHaveLength(6);
		expect(annex.decision.number).toBe('15/QĐ-UBND');
		const file = await annexXlsx(annex.decision, annex.units);
		expect(file.name).toBe(`15-QD-UBND_${today}.xlsx`);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.body.buffer as never);
		const sheet = workbook.worksheets[0];
		expect(sheet.getCell('A3').value).toBe('6 đơn vị');
		// The scores are numbers Excel shows with the reader's separators, not '95.5' as text.
		const scores = annex.units.map((_, index) => sheet.getRow(7 + index).getCell(6));
		expect(scores.map((cell) => cell.value)).toEqual(annex.units.map((unit) => unit.score));
		for (const cell of scores) expect(cell.numFmt).toBe('0.0');
	});

	it('approves a unit recognised already and leaves its recognition as it stood', async () => {
		const { rows } = await sql<{ id: number; version: number; recognition: number }>`
			SELECT a.id, a.version, r.id AS recognition FROM assessments a
			JOIN campaigns c ON c.id = a.campaign_id
			JOIN recognitions r ON r.unit_id = a.unit_id AND r.campaign_id = a.campaign_id
				AND r.revoked_at IS NULL
			WHERE c.code = ${CAMPAIGN} AND a.status = 'verified' AND a.eligible
			ORDER BY a.id LIMIT 1
		`.execute(db);
		expect(rows).toHaveLength(1);
		const [kept] = rows;
		const [fresh] = await verifiedEligible(1, [...taken, kept.id]);
		// Its date bounds hold though the unit keeps the recognition it holds.
		const backdated = await approveInBulk(
			db,
			admin,
			{
				items: [{ assessmentId: kept.id, version: kept.version }],
				decisionNumber: '19/QĐ-UBND',
				decisionDate: '2023-01-01'
			},
			now
		).catch((failure: unknown) => failure);
		expect(backdated).toBeInstanceOf(BulkApprovalRefused);
		expect((backdated as BulkApprovalRefused).failures).toEqual([
			expect.objectContaining({
				assessmentId: kept.id,
				reason: expect.stringMatching(/^decision_date_before_(campaign|period)$/)
			})
		]);
		const outcome = await approveInBulk(
			db,
			admin,
			{
				items: [{ assessmentId: kept.id, version: kept.version }, fresh],
				decisionNumber: '19/QĐ-UBND',
				decisionDate: today
			},
			now
		);
		expect(outcome).toMatchObject({ approved: 2, recognised: 1 });
		expect(
			await count(
				sql`SELECT count(*) AS n FROM recognitions WHERE decision_id = ${outcome.decisionId}`
			)
		).toBe(1);
		expect(
			await count(sql`SELECT count(*) AS n FROM recognitions
				WHERE id = ${kept.recognition} AND revoked_at IS NULL`)
		).toBe(1);
		expect(
			await count(
				sql`SELECT count(*) AS n FROM assessments WHERE id = ${kept.id} AND status = 'approved'`
			)
		).toBe(1);
	});

	it('keeps the scanned decision as evidence content: PDF only, backed up, replaced cleanly', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
		await expect(
			uploadDecisionScan(db, ctx.storage, admin, decisionId, { fileName: 'qd.pdf', bytes: png })
		).rejects.toMatchObject({ errors: { scan: 'decision_scan_not_pdf' } });
		const first = pdf('decision 15 first scan');
		await uploadDecisionScan(db, ctx.storage, admin, decisionId, {
			fileName: 'QĐ 15.pdf',
			bytes: first
		});
		const [{ sha256: firstSha }] = await db
			.selectFrom('recognition_decisions')
			.select('scan_sha256 as sha256')
			.where('id', '=', decisionId)
			.execute();
		expect((await listReferencedContent(db)).map((row) => row.sha256)).toContain(firstSha);
		const opened = await openDecisionScan(db, ctx.storage, decisionId);
		expect(opened.size).toBe(first.length);
		expect(new Uint8Array(await new Response(opened.body).arrayBuffer())).toEqual(first);
		await uploadDecisionScan(db, ctx.storage, admin, decisionId, {
			fileName: 'QĐ 15 (signed).pdf',
			bytes: pdf('decision 15 second scan')
		});
		expect(await ctx.storage.has(db, firstSha!)).toBe(false);
		expect(
			await count(sql`SELECT count(*) AS n FROM audit_log
				WHERE action = 'decision.scan' AND entity_id = ${String(decisionId)}`)
		).toBe(2);
	});
});
