// The two data levels over the seeded demo: an approval after a period ended never lowers that
// period's provisional figure, and the dashboard's notes say what each level counts, the average
// score included, as the SQL counts it.
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { statusesOf, type DataLevel } from '../../src/lib/domain/data-level';
import { levelFootnote, levelNote } from '../../src/lib/components/dashboard/labels';
import type { Actor } from '../../src/lib/server/assessments/service';
import { transitionAssessment } from '../../src/lib/server/assessments/transitions';
import { loadDashboard } from '../../src/lib/server/dashboard/service';
import type { Database } from '../../src/lib/server/db/schema';
import { findCampaignRoot } from '../../src/lib/server/units/repository';
import { actorNamed, ctx, openAssessmentDatabase } from './helpers/assessments';
import { SEED_NOW } from './helpers/fixtures';
import { awaitingAt, recognisedAt } from './helpers/figures';
import { expectKeptFiguresFresh } from './helpers/kept';

const TODAY = '2026-11-27';
let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let admin: Actor;

beforeAll(async () => {
	database = await openAssessmentDatabase();
	db = ctx.db;
	admin = await actorNamed('admin');
});
afterAll(() => database?.drop());
afterEach(() => expectKeptFiguresFresh(db));

/** CAP-DHKM's province dashboard of a period at a level. */
async function figuresOf(label: string, level: DataLevel) {
	const root = (await findCampaignRoot(db, ctx.campaign.id))!;
	const data = await loadDashboard(db, ctx.campaign, root, {
		period: label,
		level,
		today: TODAY
	});
	const figures = data.figures!;
	return {
		root,
		total: figures.total,
		point: figures.trend.find((point) => point.label === label)!
	};
}

describe('approving an eligible assessment after its period ended', () => {
	it("keeps the period's provisional figure, as plain SQL counts it before and after", async () => {
		// A closed period's verified, eligible assessment of an active unit, the unit made one never
		// recognised (the demo's have a recognition from other work), as freshPlace does.
		const { rows } = await sql<{ id: number; unit_id: number; period_id: number }>`
			SELECT a.id, a.unit_id, a.period_id
			FROM assessments a
			JOIN periods p ON p.id = a.period_id
			JOIN units u ON u.id = a.unit_id
			WHERE a.campaign_id = ${ctx.campaign.id} AND a.status = 'verified' AND a.eligible
				AND p.ends_on < ${TODAY}::date AND u.status = 'active'
			ORDER BY p.ends_on DESC, u.code
			LIMIT 1
		`.execute(db);
		expect(rows).toHaveLength(1);
		const [candidate] = rows;
		const period = await db
			.selectFrom('periods')
			.selectAll()
			.where('id', '=', candidate.period_id)
			.executeTakeFirstOrThrow();
		const unit = await db
			.selectFrom('units')
			.selectAll()
			.where('id', '=', candidate.unit_id)
			.executeTakeFirstOrThrow();
		const assessment = await db
			.selectFrom('assessments')
			.select('version')
			.where('id', '=', candidate.id)
			.executeTakeFirstOrThrow();

		await db
			.deleteFrom('recognitions')
			.where('unit_id', '=', unit.id)
			.where('campaign_id', '=', ctx.campaign.id)
			.execute();

		const before = {
			provisional: await figuresOf(period.label, 'provisional'),
			official: await figuresOf(period.label, 'official')
		};
		const outcome = await transitionAssessment(
			db,
			admin,
			{ campaign: ctx.campaign, unit, period, extensionUntil: null },
			{
				transition: 'approve',
				version: assessment.version,
				decisionNumber: '999/QĐ-CAT',
				decisionDate: TODAY
			},
			SEED_NOW
		);
		expect(outcome.recognition).toBe('granted');
		expect(TODAY > period.ends_on).toBe(true);
		const after = {
			provisional: await figuresOf(period.label, 'provisional'),
			official: await figuresOf(period.label, 'official')
		};

		// The unit moves from "submitted or verified" to "approved after the period": still counted.
		expect(after.provisional.total.counted).toBe(before.provisional.total.counted);
		expect(after.provisional.total.recognised).toBe(before.provisional.total.recognised);
		expect(after.provisional.total.awaiting).toBe(before.provisional.total.awaiting);
		expect(after.provisional.point.share).toBe(before.provisional.point.share);
		// The decision is dated after the period: not recognised in that period, at either level.
		expect(after.official.total.counted).toBe(before.official.total.counted);
		expect(after.official.point.share).toBe(before.official.point.share);
		expect(after.provisional.total.verified).toBe(before.provisional.total.verified - 1);
		expect(after.provisional.total.approved).toBe(before.provisional.total.approved + 1);

		const { root } = after.provisional;
		const plain = await recognisedAt(db, ctx.campaign.id, root.path, period.ends_on);
		const awaiting = await awaitingAt(db, ctx.campaign.id, period.label);
		expect(after.provisional.total.recognised).toBe(plain.recognised);
		expect(after.provisional.total.awaiting).toBe(awaiting);
		expect(after.provisional.total.counted).toBe(plain.recognised + awaiting);
		expect(after.provisional.point.share! * plain.units).toBeCloseTo(
			plain.recognised + awaiting,
			6
		);
	});
});

describe("the dashboard's notes", () => {
	/** The period's average score over assessments of the statuses, the plain way. */
	async function averageOf(label: string, statuses: string[]) {
		const { rows } = await sql<{ average: number | null }>`
			SELECT round(avg(a.score), 1)::float8 AS average
			FROM assessments a JOIN periods p ON p.id = a.period_id
			WHERE p.campaign_id = ${ctx.campaign.id} AND p.label = ${label}
				AND a.status = ANY (${statuses})
		`.execute(db);
		return rows[0].average;
	}

	it('says the official average reads approved assessments only, as the figure does', async () => {
		const label = '2026-Q4';
		const { total } = await figuresOf(label, 'official');
		expect(statusesOf('official')).toEqual(['approved']);
		expect(total.averageScore).toBe(await averageOf(label, ['approved']));
		// The two readings differ in the demo, so the statement is not idle.
		expect(total.averageScore).not.toBe(
			await averageOf(label, ['submitted', 'verified', 'approved'])
		);
		for (const note of [levelNote('official'), levelFootnote('official')]) {
			expect(note).toContain('chỉ các bản đánh giá của kỳ đã được tỉnh phê duyệt');
			expect(note).not.toContain('đã nộp, đã xác minh và đã phê duyệt');
		}
		expect(levelNote('official')).toContain(
			'quyết định công nhận ký đến hết ngày cuối kỳ và không bị thu hồi trước khi kỳ kết thúc'
		);
	});

	it('says the provisional level adds submitted, verified and later-approved work', async () => {
		const label = '2026-Q4';
		const { total } = await figuresOf(label, 'provisional');
		expect(statusesOf('provisional')).toEqual(['submitted', 'verified', 'approved']);
		expect(total.averageScore).toBe(await averageOf(label, ['submitted', 'verified', 'approved']));
		expect(total.counted).toBe(total.recognised + total.awaiting);
		for (const note of [levelNote('provisional'), levelFootnote('provisional')]) {
			expect(note).toContain('các bản đánh giá của kỳ đã nộp, đã xác minh và đã phê duyệt');
			expect(note).toContain('đã phê duyệt theo quyết định ký sau ngày cuối kỳ');
		}
		expect(levelFootnote('provisional')).toContain('được tính vào tỷ lệ công nhận');
		expect(levelFootnote('official')).toContain('không tính vào tỷ lệ công nhận');
	});
});
