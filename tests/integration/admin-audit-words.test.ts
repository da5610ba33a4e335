// The audit log in words, on a real workflow: a ward's assessment saved, submitted, verified and
// approved through the services, then read back as the audit page loads it (entries and the
// names they need) and worded as the page words it.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence, plainText, type Segment } from '../../src/lib/audit-words';
import { auditFields } from '../../src/lib/audit-values';
import type { Actor } from '../../src/lib/server/assessments/service';
import { loadAuditNames, readAudit, type AuditRow } from '../../src/lib/server/audit/service';
import type { AuditNames } from '../../src/lib/domain/audit-entry';
import type { Database } from '../../src/lib/server/db/schema';
import {
	actorNamed,
	at,
	COMPLETE,
	ctx,
	freshPlace,
	openAssessmentDatabase,
	save,
	step
} from './helpers/assessments';

const WARD = '16681';
let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let entries: AuditRow[];
let names: AuditNames;
const people: Record<string, Actor & { display_name: string }> = {};
let wardName: string;
let title13: string;

beforeAll(async () => {
	database = await openAssessmentDatabase();
	db = ctx.db;
	for (const username of ['officer.16681', 'reviewer.vinh', 'admin']) {
		const actor = await actorNamed(username);
		const { display_name } = await db
			.selectFrom('users')
			.select('display_name')
			.where('id', '=', actor.id)
			.executeTakeFirstOrThrow();
		people[username] = { ...actor, display_name };
	}
	const place = await freshPlace(WARD, { recognitions: true });
	wardName = place.unit.name;
	title13 = ctx.criteria.find((criterion) => criterion.code === '1.3')!.title_vi;
	await save(people['officer.16681'], place, { values: COMPLETE }, at(1));
	await step(people['officer.16681'], place, { transition: 'submit' }, at(2));
	await step(people['reviewer.vinh'], place, { transition: 'verify' }, at(3));
	await step(
		people.admin,
		place,
		{ transition: 'approve', decisionNumber: '215/QĐ-CAT', decisionDate: '2026-11-26' },
		at(4)
	);
	const root = await db
		.selectFrom('units')
		.select('path')
		.where('parent_id', 'is', null)
		.executeTakeFirstOrThrow();
	const page = await readAudit(
		db,
		{ scopePath: root.path },
		{ actor: '', unit: WARD, action: '', from: null, to: null, page: 1 }
	);
	if (page.unitUnknown) throw new Error('the ward is in the province');
	entries = page.entries;
	names = await loadAuditNames(db, entries);
}, 300_000);
afterAll(() => database?.drop());

const entry = (action: string, code?: string) =>
	entries.find(
		(candidate) =>
			candidate.action === action &&
			(code === undefined || JSON.stringify(candidate.after).includes(`"criterion":"${code}"`))
	)!;
const links = (segments: Segment[]) =>
	segments.filter((segment) => segment.href).map((segment) => [segment.text, segment.href]);

describe('the audit log of a workflow, in words', () => {
	it('reads each step as a sentence naming the actor, the unit, the period and the campaign', () => {
		const assessment = `bản đánh giá của ${wardName} (${WARD}), kỳ Quý IV/2026, phong trào CAP-DHKM`;
		const steps: [string, string][] = [
			['assessment.create', `${people['officer.16681'].display_name} đã tạo ${assessment}`],
			['assessment.submit', `${people['officer.16681'].display_name} đã nộp ${assessment}`],
			['assessment.verify', `${people['reviewer.vinh'].display_name} đã xác minh ${assessment}`],
			['assessment.approve', `${people.admin.display_name} đã phê duyệt ${assessment}`]
		];
		for (const [action, words] of steps) {
			expect(plainText(auditSentence(entry(action), names))).toBe(words);
		}
	});

	it('links the actor, the assessment page, the unit and the campaign', () => {
		expect(links(auditSentence(entry('assessment.verify'), names))).toEqual([
			[people['reviewer.vinh'].display_name, '/admin/users/reviewer.vinh'],
			['bản đánh giá', `/campaigns/CAP-DHKM/units/${WARD}/periods/2026-Q4`],
			[`${wardName} (${WARD})`, `/campaigns/CAP-DHKM/units/${WARD}`],
			['CAP-DHKM', '/campaigns/CAP-DHKM']
		]);
	});

	it('names a saved value by criterion code and title, the value as the page shows it', () => {
		const value = entry('result.value', '1.3');
		const segments = auditSentence(value, names);
		expect(plainText(segments)).toContain(
			`đã sửa giá trị tiêu chí 1.3 ${title13} trong bản đánh giá`
		);
		expect(links(segments)[1]).toEqual([
			`1.3 ${title13}`,
			`/campaigns/CAP-DHKM/units/${WARD}/periods/2026-Q4#c-1_3`
		]);
		const fields = auditFields(value, names);
		expect(fields.map((field) => [field.label, field.before, field.after])).toEqual([
			['Giá trị', null, '95,5%']
		]);
	});

	it('reads the recorded fields by label, statuses by name, numbers with a comma', () => {
		const fields = auditFields(entry('assessment.verify'), names);
		expect(fields.map((field) => [field.label, field.before, field.after])).toEqual([
			['Trạng thái', 'Đã nộp', 'Đã xác minh'],
			['Điểm', '100,0', '100,0'],
			['Đủ điều kiện công nhận', null, 'Có']
		]);
		const shown = entries.flatMap((row) =>
			auditFields(row, names).flatMap((field) => [field.label, field.before, field.after])
		);
		for (const raw of ['submitted', 'verified', 'approved', 'true', 'status', 'eligible']) {
			expect(shown).not.toContain(raw);
		}
		expect(shown.join(' ')).not.toMatch(/\d\.\d/);
		expect(
			auditFields(entry('recognition.grant'), names).map((field) => [field.label, field.after])
		).toEqual([
			['Được công nhận', 'Có'],
			['Số quyết định', '215/QĐ-CAT'],
			['Ngày', '26/11/2026']
		]);
	});

	it('looks the names up in a few queries, not one per entry', async () => {
		const statements: string[] = [];
		const counted = db.withPlugin({
			transformQuery: (args) => {
				statements.push(args.node.kind);
				return args.node;
			},
			transformResult: async (args) => args.result
		});
		await loadAuditNames(counted, entries);
		expect(entries.length).toBeGreaterThan(20);
		expect(statements.length).toBeLessThanOrEqual(4);
	});
});
