// The movement's two blocks read apart and together: every figure of a block's dashboard counts its
// own units (checked against plain SQL), the blocks add up to the whole, a block reads its own
// roadmap targets, the criteria and heat map come per audience's set, and the exports and the
// report name the block. Built on a small world of its own (helpers/blocks-world.ts).
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindsOfBlock, type Block } from '../../src/lib/domain/audiences';
import { statusesOf, type DataLevel } from '../../src/lib/domain/data-level';
import { m } from '../../src/lib/paraglide/messages';
import { listRoadmap } from '../../src/lib/server/campaigns/repository';
import { campaignRevision, saveRoadmap } from '../../src/lib/server/campaigns/service';
import { exportDashboard, exportTables } from '../../src/lib/server/dashboard/export';
import { loadDashboard } from '../../src/lib/server/dashboard/service';
import type { Database } from '../../src/lib/server/db/schema';
import { loadCampaignReport } from '../../src/lib/server/reports/campaign-report';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { APPLIES_TO, buildBlocksWorld, CAMPAIGN } from './helpers/blocks-world';

let test: TestDatabase;
let db: Kysely<Database>;
let world: Awaited<ReturnType<typeof buildBlocksWorld>>;

beforeAll(async () => {
	test = await createTestDatabase();
	db = test.db;
	world = await buildBlocksWorld(db);
});
afterAll(() => test?.drop());

const campaignRow = () =>
	db.selectFrom('campaigns').selectAll().where('code', '=', CAMPAIGN).executeTakeFirstOrThrow();
const provinceRoot = () =>
	db.selectFrom('units').selectAll().where('code', '=', '40').executeTakeFirstOrThrow();

async function dashboard(block: Block | null, level: DataLevel = 'official', period = '2026-Q3') {
	const data = await loadDashboard(db, await campaignRow(), await provinceRoot(), {
		period,
		level,
		block,
		today: '2026-11-30',
		allUnits: true
	});
	if (!data.figures) throw new Error('The world has periods: a dashboard has figures');
	return data;
}

const kindsOf = (block: Block | null) => kindsOfBlock(APPLIES_TO, block);

/** Plain SQL over the units table (the world has no reorganisation): a block's figures then. */
async function plainFigures(block: Block | null, label: string) {
	const { rows } = await sql<{
		units: number;
		recognised: number;
		awaiting: number;
		draft: number;
		submitted: number;
		approved: number;
		notStarted: number;
	}>`
		WITH standing AS (
			SELECT u.id, p.id AS period_id, EXISTS (SELECT 1 FROM recognitions r
				WHERE r.unit_id = u.id AND r.campaign_id = c.id AND r.decision_date <= p.ends_on
					AND r.revoked_at IS NULL) AS recognised
			FROM campaigns c JOIN periods p ON p.campaign_id = c.id AND p.label = ${label}
			JOIN units u ON u.kind = ANY (${kindsOf(block)}) AND u.path LIKE '/40/%'
			WHERE c.code = ${CAMPAIGN}
		)
		SELECT count(*)::int AS units,
			(count(*) FILTER (WHERE s.recognised))::int AS recognised,
			(count(*) FILTER (WHERE NOT s.recognised AND a.eligible
				AND a.status IN ('submitted', 'verified')))::int AS awaiting,
			(count(*) FILTER (WHERE a.status = 'draft'))::int AS draft,
			(count(*) FILTER (WHERE a.status = 'submitted'))::int AS submitted,
			(count(*) FILTER (WHERE a.status = 'approved'))::int AS approved,
			(count(*) FILTER (WHERE a.id IS NULL))::int AS "notStarted"
		FROM standing s
		LEFT JOIN assessments a ON a.unit_id = s.id AND a.period_id = s.period_id
	`.execute(db);
	return rows[0];
}

const BLOCKS = [null, 'area', 'institution'] as const;
const FIELDS = [
	'units',
	'recognised',
	'awaiting',
	'draft',
	'submitted',
	'approved',
	'notStarted'
] as const;

describe("a block's dashboard", () => {
	it('names the blocks of a two-block campaign and the one it counts', async () => {
		for (const block of BLOCKS) {
			const data = await dashboard(block);
			expect(data.blocks).toEqual({ current: block, choices: ['area', 'institution'] });
		}
	});

	for (const level of ['official', 'provisional'] as const)
		it(`counts its own units, standing and statuses (${level})`, async () => {
			for (const block of BLOCKS) {
				const { total } = (await dashboard(block, level)).figures;
				const plain = await plainFigures(block, '2026-Q3');
				expect(plain.units).toBeGreaterThan(0);
				for (const field of FIELDS)
					expect([block, field, total[field]]).toEqual([block, field, plain[field]]);
				const counted = plain.recognised + (level === 'official' ? 0 : plain.awaiting);
				expect(total.counted).toBe(counted);
				expect(total.share).toBeCloseTo(counted / plain.units, 12);
			}
		});

	it('adds up: the whole movement is the area block and the institution block', async () => {
		for (const level of ['official', 'provisional'] as const) {
			const [all, area, institution] = await Promise.all(BLOCKS.map((b) => dashboard(b, level)));
			for (const field of [...FIELDS, 'counted'] as const)
				expect(all.figures.total[field]).toBe(
					area.figures.total[field] + institution.figures.total[field]
				);
			const shown = (data: typeof all) => data.figures.trend.filter((p) => p.share !== null);
			for (const [index, point] of shown(all).entries()) {
				const [a, i] = [shown(area)[index], shown(institution)[index]];
				expect(point.units).toBe(a.units! + i.units!);
				expect(point.share! * point.units!).toBeCloseTo(
					a.share! * a.units! + i.share! * i.units!,
					9
				);
			}
		}
	});

	it("draws each period's trend point on the block's own units", async () => {
		for (const block of BLOCKS) {
			const points = (await dashboard(block)).figures.trend.filter((p) => p.share !== null);
			expect(points.map((point) => point.label)).toEqual(['2026-Q2', '2026-Q3']);
			for (const point of points) {
				const plain = await plainFigures(block, point.label);
				expect(point.units).toBe(plain.units);
				expect(point.share! * plain.units).toBeCloseTo(plain.recognised, 9);
			}
		}
	});

	it("lists, maps and groups only the block's units", async () => {
		for (const block of BLOCKS) {
			const { figures } = await dashboard(block);
			const kinds = kindsOf(block);
			const { rows } = await sql<{ code: string }>`
				SELECT code FROM units WHERE kind = ANY (${kinds}) AND path LIKE '/40/%' ORDER BY code`.execute(db);
			expect(figures.units!.rows.map((row) => row.code).sort()).toEqual(rows.map((r) => r.code));
			expect(figures.groups.reduce((sum, group) => sum + group.units, 0)).toBe(rows.length);
		}
	});
});

describe("a block's roadmap", () => {
	const stored = async (block: Block | null, year: number) => {
		const row = await db
			.selectFrom('roadmap_targets')
			.select('share')
			.where('campaign_id', '=', world.campaign.id)
			.where('year', '=', year)
			.where('unit_id', 'is', null)
			.where('block', block === null ? 'is' : '=', block)
			.executeTakeFirst();
		return row === undefined ? undefined : Number(row.share);
	};

	it("reads the block's own target where it has one, else the campaign's", async () => {
		expect((await dashboard('institution')).figures.total.target!.share).toBe(
			await stored('institution', 2026)
		);
		expect(await stored('area', 2026)).toBeUndefined();
		expect((await dashboard('area')).figures.total.target!.share).toBe(await stored(null, 2026));
		expect((await dashboard(null)).figures.total.target!.share).toBe(await stored(null, 2026));
		// The institution block has no 2027 target: its trend runs on to the campaign's.
		const last = (await dashboard('institution')).figures.trend.at(-1)!;
		expect(last.roadmap).toBeCloseTo((await stored(null, 2027))!, 10);
	});
});

describe('criteria per audience', () => {
	/** Plain SQL: each criterion's met count over the counted assessments scored on its set. */
	async function plainRates(block: Block | null, level: DataLevel) {
		const { rows } = await sql<{ audience: string; code: string; assessed: number; met: number }>`
			SELECT s.audience, c.code, count(a.id)::int AS assessed,
				(count(a.id) FILTER (WHERE NOT c.code = ANY (a.unmet_codes)))::int AS met
			FROM periods p
			JOIN period_criteria_sets s ON s.period_id = p.id
			JOIN criteria c ON c.criteria_set_id = s.criteria_set_id
			JOIN assessments a ON a.period_id = p.id AND a.criteria_set_id = s.criteria_set_id
				AND a.status = ANY (${statusesOf(level)})
			JOIN units u ON u.id = a.unit_id AND u.kind = ANY (${kindsOf(block)})
			WHERE p.label = '2026-Q3' AND p.campaign_id = ${world.campaign.id}
			GROUP BY s.audience, c.code`.execute(db);
		return rows;
	}

	for (const level of ['official', 'provisional'] as const)
		it(`lists each audience's weakest criteria from its own set (${level})`, async () => {
			for (const block of BLOCKS) {
				const { weakest } = (await dashboard(block, level)).figures;
				const plain = await plainRates(block, level);
				const key = (row: { audience: string; code: string }) => `${row.audience} ${row.code}`;
				expect(weakest.map(key).sort()).toEqual(plain.map(key).sort());
				for (const criterion of weakest) {
					const row = plain.find((candidate) => key(candidate) === key(criterion))!;
					expect([criterion.met, criterion.assessed]).toEqual([row.met, row.assessed]);
				}
				// One run per audience, the area's first, each lowest rate first.
				const audiences = weakest.map((criterion) => criterion.audience);
				expect(audiences).toEqual([...audiences].sort());
				for (const audience of new Set(audiences)) {
					const rates = weakest.filter((c) => c.audience === audience).map((c) => c.rate);
					expect(rates).toEqual([...rates].sort((a, b) => a - b));
				}
			}
		});

	it("gives the heat map each audience's groups, and each unit its audience", async () => {
		for (const block of BLOCKS) {
			const { units } = (await dashboard(block)).figures;
			const { rows } = await sql<{ audience: string; code: string }>`
				SELECT s.audience, g.code FROM periods p
				JOIN period_criteria_sets s ON s.period_id = p.id
				JOIN criteria_groups g ON g.criteria_set_id = s.criteria_set_id
				WHERE p.label = '2026-Q3' AND p.campaign_id = ${world.campaign.id}
					AND (${block}::text IS NULL OR (s.audience = 'area') = (${block}::text = 'area'))
				ORDER BY s.audience, g.position`.execute(db);
			expect(units!.columns.map(({ audience, code }) => ({ audience, code }))).toEqual(rows);
			for (const row of units!.rows) {
				expect(row.audience).toBe(
					row.kind === 'commune' || row.kind === 'ward' ? 'area' : row.kind
				);
				const own = units!.columns.filter((c) => c.audience === row.audience).map((c) => c.code);
				for (const group of Object.keys(row.groups)) expect(own).toContain(group);
			}
		}
	});
});

describe('exports and the report', () => {
	it("name the block in the file and the units sheet's columns", async () => {
		const options = {
			period: '2026-Q3',
			level: 'official' as const,
			block: 'institution' as const
		};
		const file = await exportDashboard(
			db,
			await campaignRow(),
			await provinceRoot(),
			'csv',
			options,
			null
		);
		expect(file.name).toBe(`${CAMPAIGN}_40_institution_2026-Q3_official.csv`);
		const [units] = exportTables(await dashboard('institution')).slice(-1);
		const headers = units.columns.map((column) => column.header);
		expect(headers).toContain(`${m.audience_school()} · T. Nhóm T`);
		expect(headers.some((header) => header.endsWith('A. Nhóm A'))).toBe(false);
	});

	it('says which block the report counts, and sets the blocks side by side', async () => {
		const campaign = await campaignRow();
		const root = await provinceRoot();
		const options = { period: '2026-Q3', level: 'official' as const };
		const together = await loadCampaignReport(db, campaign, root, { ...options, block: null });
		const scope = together.document.blocks[0];
		expect(scope.kind === 'paragraph' && scope.text).toContain(
			m.blocks_scope({ block: m.block_all() })
		);
		const [area, institution] = await Promise.all([dashboard('area'), dashboard('institution')]);
		expect(together.byBlock!.map((row) => [row.block, row.units, row.counted])).toEqual([
			['area', area.figures.total.units, area.figures.total.counted],
			['institution', institution.figures.total.units, institution.figures.total.counted],
			[null, together.dashboard.figures!.total.units, together.dashboard.figures!.total.counted]
		]);
		const one = await loadCampaignReport(db, campaign, root, { ...options, block: 'area' });
		expect(one.byBlock).toBeNull();
		const oneScope = one.document.blocks[0];
		expect(oneScope.kind === 'paragraph' && oneScope.text).toContain(
			m.blocks_scope({ block: m.block_area() })
		);
	});
});

describe("the settings page's block rows", () => {
	it("saves a block's own targets beside the campaign's, audited", async () => {
		const campaign = await campaignRow();
		await saveRoadmap(
			db,
			world.admin,
			CAMPAIGN,
			campaignRevision(campaign.updated_at),
			[
				{ unitCode: null, block: null, year: 2026, share: 0.4 },
				{ unitCode: null, block: null, year: 2027, share: 0.9 },
				{ unitCode: null, block: 'institution', year: 2026, share: 0.3 },
				{ unitCode: null, block: 'area', year: 2027, share: 0.95 }
			],
			[]
		);
		const points = (await listRoadmap(db, campaign.id)).map((p) => ({
			...p,
			share: Number(p.share)
		}));
		expect(points).toEqual(
			expect.arrayContaining([
				{ year: 2026, share: 0.3, unitCode: null, block: 'institution' },
				{ year: 2027, share: 0.95, unitCode: null, block: 'area' }
			])
		);
		expect(points).toHaveLength(4);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'before', 'after'])
			.where('entity_id', '=', CAMPAIGN)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(audit.action).toBe('roadmap.update');
		expect(audit.after).toEqual(['block:institution 2026: 30%', 'block:area 2027: 95%']);
		expect(audit.before).toEqual(['block:institution 2026: 20%']);
		expect((await dashboard('institution')).figures.total.target!.share).toBe(0.3);
	});
});
