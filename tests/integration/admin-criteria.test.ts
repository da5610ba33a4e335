// Criteria set versions on the seeded demo: a new draft copies the published version, edits bump
// the revision and refuse a stale one, publishing checks the whole set and freezes it, the JSON
// export and import round-trip, and nothing already scored changes. Tests run in order on
// CAP-DHKM, each going on from the last.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSetJson, writeCampaignFile } from '../../src/lib/domain/campaign-file';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import {
	addCriterion,
	addGroup,
	deleteCriterion,
	deleteGroup,
	moveCriterion,
	moveGroup,
	updateCriterion,
	updateGroup
} from '../../src/lib/server/criteria/items';
import {
	deleteDraft,
	findCriteriaSet,
	importIntoDraft,
	listCriteriaSets,
	listPublishedCriteriaSets,
	loadCampaignFileHead,
	publishDraft,
	startDraft,
	toContent
} from '../../src/lib/server/criteria/service';
import type { DraftRef } from '../../src/lib/server/criteria/drafts';
import {
	criteriaWorkbook,
	readCriteriaWorkbook,
	sheetIssuePath
} from '../../src/lib/server/criteria/sheet';
import type { Database } from '../../src/lib/server/db/schema';
import { createSeededDatabase, demoAdmin } from './helpers/fixtures';
import type { TestDatabase } from './helpers/database';
import { refusalOf } from './helpers/refusal';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let db: Kysely<Database>;
let admin: AdminActor;
let campaignId: number;

beforeAll(async () => {
	test = await createSeededDatabase();
	db = test.db;
	admin = await demoAdmin(db, '127.0.0.1');
	({ id: campaignId } = await db
		.selectFrom('campaigns')
		.select('id')
		.where('code', '=', 'CAP-DHKM')
		.executeTakeFirstOrThrow());
}, 300_000);
afterAll(() => test?.drop());
afterEach(() => expectKeptFiguresFresh(db));

async function load(version: number) {
	const set = await findCriteriaSet(db, campaignId, 'area', version);
	if (!set) throw new Error(`no version ${version}`);
	return set;
}

async function ref(version: number): Promise<DraftRef> {
	return { campaignId, audience: 'area', version, revision: (await load(version)).revision };
}

async function criterionByCode(version: number, code: string) {
	const set = await load(version);
	for (const group of set.groups) {
		const criterion = group.criteria.find((c) => c.code === code);
		if (criterion) return { ...criterion, group };
	}
	throw new Error(`no criterion ${code}`);
}

const auditCount = async () =>
	Number(
		(
			await db
				.selectFrom('audit_log')
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

async function lastAudit(action: string) {
	const row = await db
		.selectFrom('audit_log')
		.selectAll()
		.where('action', '=', action)
		.orderBy('id', 'desc')
		.executeTakeFirst();
	if (!row) throw new Error(`no audit ${action}`);
	const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
	return { ...row, before: parse(row.before), after: parse(row.after) };
}

/** A whole draft refused: the problem, for the page's message, and as the form's error. */
const refusedDraft = (status: number, problem: string, issues?: unknown[]) => ({
	status,
	body: { problem, errors: { form: problem }, ...(issues ? { issues } : {}) }
});

async function exportText(version: number) {
	const head = await loadCampaignFileHead(db, campaignId);
	return writeCampaignFile(head, toContent((await load(version)).groups));
}

describe('criteria set versions', () => {
	let assessmentBefore: Record<string, unknown>;
	let resultsBefore: unknown[];

	beforeAll(async () => {
		const assessment = await db
			.selectFrom('assessments')
			.selectAll()
			.where('campaign_id', '=', campaignId)
			.where('status', '=', 'approved')
			.orderBy('id')
			.executeTakeFirstOrThrow();
		assessmentBefore = assessment;
		resultsBefore = await db
			.selectFrom('criterion_results')
			.selectAll()
			.where('assessment_id', '=', assessment.id)
			.orderBy('criterion_id')
			.execute();
	});

	it('lists the seeded version 1, published and used by the periods', async () => {
		const versions = await listCriteriaSets(db, campaignId, 'area');
		expect(versions).toHaveLength(1);
		expect(versions[0]).toMatchObject({
			version: 1,
			status: 'published',
			criteriaCount: 23,
			totalPoints: 100
		});
		expect(versions[0].periodCount).toBeGreaterThan(0);
		expect(await listPublishedCriteriaSets(db, campaignId, 'area')).toHaveLength(1);
	});

	it('exports version 1 as the shipped campaign file', async () => {
		const text = await exportText(1);
		const parsed = parseSetJson(text);
		expect(parsed.ok).toBe(true);
		expect(JSON.parse(text)).toMatchObject({
			code: 'CAP-DHKM',
			applies_to: ['ward'],
			recognition: { min_score: 90, all_mandatory: true },
			roadmap: expect.arrayContaining([{ year: 2027, share: 1 }])
		});
	});

	it('starts version 2 as a copy of version 1, and only one draft at a time', async () => {
		const started = await startDraft(db, admin, { campaignId, audience: 'area' });
		expect(started).toMatchObject({ version: 2 });
		const [v1, v2] = [await load(1), await load(2)];
		expect(v2.status).toBe('draft');
		expect(toContent(v2.groups)).toEqual(toContent(v1.groups));
		expect(v2.groups[0].id).not.toBe(v1.groups[0].id);
		expect(await refusalOf(startDraft(db, admin, { campaignId, audience: 'area' }))).toEqual(
			refusedDraft(409, 'draft_exists')
		);
		const entry = await lastAudit('criteria_set.create');
		expect(entry.after).toMatchObject({ version: 2, from_version: 1, points: 100 });
	});

	it('edits a criterion, bumping the revision, and audits before and after', async () => {
		const { id, group, ...criterion } = await criterionByCode(2, '1.3');
		const before = await ref(2);
		const saved = await updateCriterion(db, admin, before, id, group.id, {
			...stripLoaded(criterion),
			title_vi: 'Tỷ lệ cán bộ có trình độ đại học (sửa)',
			target_number: 75
		});
		expect(saved).toEqual({ version: 2, revision: before.revision + 1 });
		expect((await criterionByCode(2, '1.3')).title_vi).toBe(
			'Tỷ lệ cán bộ có trình độ đại học (sửa)'
		);
		const entry = await lastAudit('criteria.update');
		expect(entry.before).toMatchObject({ code: '1.3', target: 70 });
		expect(entry.after).toMatchObject({ code: '1.3', target: 75, group: 'I' });
		expect(entry.entity_id).toBe(String(id));
	});

	it('refuses a stale revision and changes nothing', async () => {
		const { id, group, ...criterion } = await criterionByCode(2, '1.3');
		const current = await ref(2);
		const count = await auditCount();
		const refused = await refusalOf(
			updateCriterion(db, admin, { ...current, revision: current.revision - 1 }, id, group.id, {
				...stripLoaded(criterion),
				title_vi: 'Ghi đè'
			})
		);
		expect(refused).toEqual(refusedDraft(409, 'stale'));
		expect((await criterionByCode(2, '1.3')).title_vi).not.toBe('Ghi đè');
		expect((await ref(2)).revision).toBe(current.revision);
		expect(await auditCount()).toBe(count);
	});

	it('refuses field problems with per-field errors', async () => {
		const { id, group, ...criterion } = await criterionByCode(2, '1.3');
		expect(
			await refusalOf(
				updateCriterion(db, admin, await ref(2), id, group.id, {
					...stripLoaded(criterion),
					title_en: ' ',
					target_number: 120
				})
			)
		).toEqual({
			status: 400,
			body: { errors: { title_en: 'required', target: 'target_percent' } }
		});
		expect(
			await refusalOf(
				updateCriterion(db, admin, await ref(2), id, group.id, {
					...stripLoaded(criterion),
					code: '1.4'
				})
			)
		).toEqual({ status: 400, body: { errors: { code: 'duplicate_code' } } });
	});

	it('adds, moves, edits and deletes groups and criteria', async () => {
		const added = addGroup(db, admin, await ref(2), {
			code: 'VI',
			name_vi: 'Nhóm thử',
			name_en: 'Trial group'
		});
		await expect(added).resolves.toMatchObject({ version: 2 });
		expect(
			await refusalOf(addGroup(db, admin, await ref(2), { code: 'VI', name_vi: 'X', name_en: 'X' }))
		).toEqual({ status: 400, body: { errors: { code: 'duplicate_code' } } });
		let set = await load(2);
		const trial = set.groups.at(-1)!;
		expect(trial.code).toBe('VI');
		await expect(moveGroup(db, admin, await ref(2), trial.id, 'up')).resolves.toMatchObject({
			version: 2
		});
		set = await load(2);
		expect(set.groups.map((g) => g.code)).toEqual(['I', 'II', 'III', 'IV', 'VI', 'V']);
		await expect(
			updateGroup(db, admin, await ref(2), trial.id, {
				code: 'VI',
				name_vi: 'Nhóm thử nghiệm',
				name_en: 'Trial group'
			})
		).resolves.toMatchObject({ version: 2 });
		const criterion = {
			code: '6.1',
			title_vi: 'Tiêu chí thử',
			title_en: 'Trial criterion',
			type: 'count' as const,
			comparator: '>=' as const,
			target_number: 3,
			target_rating: null,
			points: 5,
			mandatory: false,
			evidence_required: true,
			guidance_vi: '',
			guidance_en: ''
		};
		await expect(addCriterion(db, admin, await ref(2), trial.id, criterion)).resolves.toMatchObject(
			{
				version: 2
			}
		);
		const { id: newId } = await criterionByCode(2, '6.1');
		// Moving 1.1 to the new group puts it at the end there.
		const first = await criterionByCode(2, '1.1');
		await expect(
			updateCriterion(db, admin, await ref(2), first.id, trial.id, stripLoaded(first))
		).resolves.toMatchObject({ version: 2 });
		set = await load(2);
		expect(set.groups.find((g) => g.code === 'VI')!.criteria.map((c) => c.code)).toEqual([
			'6.1',
			'1.1'
		]);
		await expect(moveCriterion(db, admin, await ref(2), first.id, 'up')).resolves.toMatchObject({
			version: 2
		});
		set = await load(2);
		expect(set.groups.find((g) => g.code === 'VI')!.criteria.map((c) => c.code)).toEqual([
			'1.1',
			'6.1'
		]);
		await expect(deleteCriterion(db, admin, await ref(2), newId)).resolves.toMatchObject({
			version: 2
		});
		// 1.1 goes back to group I, first, the long way: delete the group moves nothing else.
		await expect(
			updateCriterion(db, admin, await ref(2), first.id, set.groups[0].id, stripLoaded(first))
		).resolves.toMatchObject({ version: 2 });
		await expect(deleteGroup(db, admin, await ref(2), trial.id)).resolves.toMatchObject({
			version: 2
		});
		set = await load(2);
		expect(set.groups.map((g) => g.code)).toEqual(['I', 'II', 'III', 'IV', 'V']);
		expect(set.groups[0].criteria.map((c) => c.code).at(-1)).toBe('1.1');
		const moves = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity_type', 'in', ['criterion', 'criteria_group'])
			.execute();
		expect(new Set(moves.map((m) => m.action))).toEqual(
			new Set([
				'criteria.update',
				'criteria_group.create',
				'criteria_group.move',
				'criteria_group.update',
				'criteria.create',
				'criteria.move',
				'criteria.delete',
				'criteria_group.delete'
			])
		);
	});

	it('refuses to publish with points not summing to 100, naming the total', async () => {
		const { id, group, ...criterion } = await criterionByCode(2, '1.2');
		await expect(
			updateCriterion(db, admin, await ref(2), id, group.id, {
				...stripLoaded(criterion),
				points: 0
			})
		).resolves.toMatchObject({ version: 2 });
		const refused = await refusalOf(publishDraft(db, admin, await ref(2)));
		expect(refused).toEqual(refusedDraft(400, 'invalid', [{ problem: 'points_total', total: 95 }]));
		expect((await load(2)).status).toBe('draft');
	});

	it('refuses a duplicate code, naming the group, the criterion and the field', async () => {
		// The database holds no duplicate (a unique key), so one can only arrive in a file.
		const content = toContent((await load(2)).groups);
		content.groups[0].criteria[3].code = '1.3';
		expect(await refusalOf(importIntoDraft(db, admin, await ref(2), content))).toEqual(
			refusedDraft(400, 'import_invalid', [
				{ group: 'I', criterion: '1.3', field: 'code', problem: 'duplicate_code' }
			])
		);
		expect(
			await refusalOf(
				addCriterion(
					db,
					admin,
					await ref(2),
					(await load(2)).groups[1].id,
					stripLoaded(await criterionByCode(2, '1.5'))
				)
			)
		).toEqual({ status: 400, body: { errors: { code: 'duplicate_code' } } });
	});

	it('imports a bad file and changes nothing', async () => {
		const before = await exportText(2);
		const revision = (await ref(2)).revision;
		const count = await auditCount();
		const content = toContent((await load(2)).groups);
		content.groups[1].criteria[0].type = 'percent';
		expect(await refusalOf(importIntoDraft(db, admin, await ref(2), content))).toMatchObject({
			status: 400,
			body: {
				problem: 'import_invalid',
				errors: { form: 'import_invalid' },
				issues: [
					{ group: 'II', criterion: '2.1', field: 'comparator', problem: 'comparator_required' },
					{ group: 'II', criterion: '2.1', field: 'target', problem: 'target_required' }
				]
			}
		});
		expect(await exportText(2)).toBe(before);
		expect((await ref(2)).revision).toBe(revision);
		expect(await auditCount()).toBe(count);
	});

	it('exports, imports and exports again to identical JSON', async () => {
		const first = await exportText(2);
		const parsed = parseSetJson(first);
		if (!parsed.ok) throw new Error('export does not parse');
		const idsBefore = (await load(2)).groups.map((g) => g.id);
		await expect(importIntoDraft(db, admin, await ref(2), parsed.content)).resolves.toMatchObject({
			version: 2
		});
		expect((await load(2)).groups.map((g) => g.id)).not.toEqual(idsBefore);
		expect(await exportText(2)).toBe(first);
		const entry = await lastAudit('criteria_set.import');
		expect(entry.after).toMatchObject({ version: 2, points: 95 });
	});

	it('goes out to Excel and back in unchanged, refusing a bad cell by row and column', async () => {
		const first = await exportText(2);
		const workbook = await criteriaWorkbook(toContent((await load(2)).groups));
		const read = await readCriteriaWorkbook(workbook);
		if (!('content' in read)) throw new Error('the workbook does not read back');
		await importIntoDraft(db, admin, await ref(2), read.content);
		expect(await exportText(2)).toBe(first);

		const edited = new ExcelJS.Workbook();
		await edited.xlsx.load(workbook as unknown as ArrayBuffer);
		const sheet = edited.worksheets[0];
		const points = sheet.getRow(1).values as unknown[];
		const column = points.findIndex((cell) => String(cell).endsWith('(points)'));
		sheet.getRow(3).getCell(column).value = 'mười';
		const bad = await readCriteriaWorkbook(new Uint8Array(await edited.xlsx.writeBuffer()));
		expect(bad).toEqual({
			ok: false,
			issues: [{ row: 3, column: 'points', problem: 'not_number' }]
		});
		expect(sheetIssuePath({ row: 3, column: 'points', problem: 'not_number' })).toBe(
			'Dòng 3, cột Điểm (points)'
		);
		expect(await readCriteriaWorkbook(new TextEncoder().encode('PK not a zip'))).toEqual({
			ok: false,
			unreadable: true
		});
		expect(await readCriteriaWorkbook(await criteriaWorkbook({ groups: [] }))).toEqual({
			ok: true,
			content: { groups: [] },
			audience: { ok: true, audience: null }
		});
	});

	it("writes an audience's version under a title naming it, and reads it back", async () => {
		const content = toContent((await load(2)).groups);
		const title = 'Bộ tiêu chí Nhà trường — CAP-DHKM, phiên bản 2';
		const workbook = await criteriaWorkbook(content, { audience: 'school', title });
		const opened = new ExcelJS.Workbook();
		await opened.xlsx.load(workbook as unknown as ArrayBuffer);
		const sheet = opened.worksheets[0];
		expect(sheet.getCell('A1').value).toBe(title);
		expect(String(sheet.getCell('A2').value)).toMatch(/\(group_code\)$/);
		expect(await readCriteriaWorkbook(workbook)).toEqual({
			ok: true,
			content,
			audience: { ok: true, audience: 'school' }
		});
		// A bad cell is named by the row the sheet shows, below the title.
		const points = sheet.getRow(2).values as unknown[];
		sheet.getRow(3).getCell(points.findIndex((cell) => String(cell).endsWith('(points)'))).value =
			'mười';
		expect(await readCriteriaWorkbook(new Uint8Array(await opened.xlsx.writeBuffer()))).toEqual({
			ok: false,
			issues: [{ row: 3, column: 'points', problem: 'not_number' }]
		});
	});

	it('publishes once the points sum to 100', async () => {
		const { id, group, ...criterion } = await criterionByCode(2, '1.1');
		await updateCriterion(db, admin, await ref(2), id, group.id, {
			...stripLoaded(criterion),
			points: 10
		});
		const published = await publishDraft(db, admin, await ref(2));
		expect(published).toMatchObject({ version: 2 });
		const set = await load(2);
		expect(set.status).toBe('published');
		expect(set.publishedBy).toBe('admin');
		const entry = await lastAudit('criteria_set.publish');
		expect(entry.before).toMatchObject({ version: 2, status: 'draft' });
		expect(entry.after).toMatchObject({ version: 2, status: 'published', points: 100 });
		expect((await listPublishedCriteriaSets(db, campaignId, 'area')).map((s) => s.version)).toEqual(
			[2, 1]
		);
	});

	it('refuses every edit of a published version, in the service and in the database', async () => {
		const published = await ref(2);
		const { id, group, ...criterion } = await criterionByCode(2, '1.1');
		// Loaded first: every edit below is refused, and none may wait unhandled meanwhile.
		const content = toContent((await load(2)).groups);
		const edits = [
			updateCriterion(db, admin, published, id, group.id, { ...stripLoaded(criterion), points: 1 }),
			deleteCriterion(db, admin, published, id),
			moveCriterion(db, admin, published, id, 'down'),
			addGroup(db, admin, published, { code: 'X', name_vi: 'X', name_en: 'X' }),
			updateGroup(db, admin, published, group.id, { code: 'I', name_vi: 'X', name_en: 'X' }),
			deleteGroup(db, admin, published, group.id),
			moveGroup(db, admin, published, group.id, 'down'),
			importIntoDraft(db, admin, published, content),
			publishDraft(db, admin, published),
			deleteDraft(db, admin, published)
		];
		for (const result of await Promise.allSettled(edits)) {
			expect(
				result.status === 'rejected' && (await refusalOf(Promise.reject(result.reason)))
			).toEqual(refusedDraft(409, 'published'));
		}
		await expect(
			db.updateTable('criteria').set({ points: 1 }).where('id', '=', id).execute()
		).rejects.toThrow(/published/);
		await expect(
			db.deleteFrom('criteria_groups').where('id', '=', group.id).execute()
		).rejects.toThrow(/published/);
		await expect(
			db
				.updateTable('criteria_sets')
				.set({ status: 'draft', published_at: null })
				.where('id', '=', published.campaignId === campaignId ? (await load(2)).id : 0)
				.execute()
		).rejects.toThrow(/published/);
		expect((await criterionByCode(2, '1.1')).points).toBe(10);
	});

	it('leaves every existing assessment, its score and its criteria set as they were', async () => {
		const after = await db
			.selectFrom('assessments')
			.selectAll()
			.where('id', '=', assessmentBefore.id as number)
			.executeTakeFirstOrThrow();
		expect(after).toEqual(assessmentBefore);
		expect(after.criteria_set_id).toBe((await load(1)).id);
		expect(
			await db
				.selectFrom('criterion_results')
				.selectAll()
				.where('assessment_id', '=', after.id)
				.orderBy('criterion_id')
				.execute()
		).toEqual(resultsBefore);
		expect((await criterionByCode(1, '1.1')).points).toBe(5);
		const v1 = (await listCriteriaSets(db, campaignId, 'area')).find((s) => s.version === 1)!;
		expect(v1.totalPoints).toBe(100);
	});

	it('starts version 3 from version 2 and deletes it while no period uses it', async () => {
		expect(await startDraft(db, admin, { campaignId, audience: 'area' })).toMatchObject({
			version: 3
		});
		expect(toContent((await load(3)).groups)).toEqual(toContent((await load(2)).groups));
		const stale = { ...(await ref(3)), revision: 99 };
		expect(await refusalOf(deleteDraft(db, admin, stale))).toEqual(refusedDraft(409, 'stale'));
		await expect(deleteDraft(db, admin, await ref(3))).resolves.toMatchObject({ version: 3 });
		expect(await findCriteriaSet(db, campaignId, 'area', 3)).toBeUndefined();
		expect((await lastAudit('criteria_set.delete')).before).toMatchObject({ version: 3 });
	});

	it('starts an empty campaign’s first draft and lets its campaign be deleted', async () => {
		const { id } = await db
			.insertInto('campaigns')
			.values({
				code: 'TEST-EMPTY',
				name_vi: 'Thử',
				name_en: 'Trial',
				applies_to: ['ward'],
				start_date: '2026-01-01',
				target_date: '2027-12-31',
				target_share: 1,
				min_score: 80
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(await startDraft(db, admin, { campaignId: id, audience: 'area' })).toMatchObject({
			version: 1
		});
		const draft: DraftRef = { campaignId: id, audience: 'area', version: 1, revision: 1 };
		expect(await refusalOf(publishDraft(db, admin, draft))).toEqual(
			refusedDraft(400, 'invalid', [
				{ problem: 'set_empty' },
				{ problem: 'points_total', total: 0 }
			])
		);
		const source = parseSetJson(await exportText(2));
		if (!source.ok) throw new Error('export does not parse');
		await expect(importIntoDraft(db, admin, draft, source.content)).resolves.toMatchObject({
			version: 1
		});
		await expect(publishDraft(db, admin, { ...draft, revision: 2 })).resolves.toMatchObject({
			version: 1
		});
		// The guard lets a campaign go with its published sets (cascade), as before.
		await db.deleteFrom('campaigns').where('id', '=', id).execute();
		expect(
			await db.selectFrom('criteria_sets').select('id').where('campaign_id', '=', id).execute()
		).toEqual([]);
	});
});

/** A loaded criterion's content fields. */
function stripLoaded<
	T extends { id?: number; groupId?: number; position?: number; group?: unknown }
>(criterion: T) {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { id, groupId, position, group, ...content } = criterion;
	return content as Omit<T, 'id' | 'groupId' | 'position' | 'group'>;
}
