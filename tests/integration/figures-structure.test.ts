// The figures across a change of the map. The test builds its own world: the 01/03/2025 registry
// (units-2025-03.csv) and two campaigns, with assessments and recognitions in 2025-Q2..2025-Q4;
// then, dated 01/07/2025, six units merge into a new Phường Thành Vinh straight under the province
// (its code 16681 taken over from Phường Quang Trung), one commune is renamed, and an area set
// valid from that day groups the units. Every period before the date reads the same before and
// after; later ones count the new structure; province = Σ groups = Σ areas = Σ units = export =
// plain SQL, on both sides of the date.
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../src/lib/domain/csv';
import type { DataLevel } from '../../src/lib/domain/data-level';
import type { UnitKind } from '../../src/lib/domain/vocabulary';
import type { Campaign, Database } from '../../src/lib/server/db/schema';
import { exportTables, toCsvFile } from '../../src/lib/server/dashboard/export';
import { loadDashboard, type DashboardOptions } from '../../src/lib/server/dashboard/service';
import { renameUnit, retireUnitOn } from '../../src/lib/server/units/changes';
import { insertUnitsWithVersions } from '../../src/lib/server/units/structure';
import type { DashboardData, Figures } from '../../src/lib/types/dashboard';
import { createTestDatabase, type TestDatabase } from './helpers/database';

let test: TestDatabase;
let db: Kysely<Database>;
const DAY = '2025-07-01';
const TODAY = '2025-12-20';
const MERGED = ['16663', '16669', '16672', '16678', '16681', '18013'];
const SET = 'DIA-BAN-THU';
const by = { actor: null };

/** The 01/03/2025 registry, parents before children, each with its first version. */
async function loadRegistry() {
	const rows = parseCsvRecords(readFileSync('scripts/seed/data/units-2025-03.csv', 'utf8'));
	const placed = new Map<string, { id: number; path: string }>();
	for (const level of [1, 2, 3]) {
		const inserted = await insertUnitsWithVersions(
			db,
			rows
				.filter((row) => Number(row.level) === level)
				.map((row) => {
					const parent = row.parent_code ? placed.get(row.parent_code)! : null;
					return {
						code: row.code,
						name: row.name,
						type_vi: row.type_vi,
						kind: row.kind as UnitKind,
						parent_id: parent?.id ?? null,
						level,
						path: `${parent?.path ?? '/'}${row.code}/`
					};
				})
		);
		for (const unit of inserted) placed.set(unit.code, { id: unit.id, path: unit.path });
	}
}

/** A campaign over the kinds, with one criterion and the three quarters of 2025 from Q2. */
async function insertCampaign(code: string, kinds: UnitKind[], districtRule: number | null) {
	const campaign = await db
		.insertInto('campaigns')
		.values({
			code,
			name_vi: `Phong trào ${code}`,
			name_en: `Campaign ${code}`,
			applies_to: kinds,
			start_date: '2023-01-01',
			target_date: '2027-12-31',
			target_share: 0.7,
			min_score: 80,
			district_min_share: districtRule
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	const set = await db
		.insertInto('criteria_sets')
		.values({ campaign_id: campaign.id, version: 1, status: 'published', published_at: new Date() })
		.returning('id')
		.executeTakeFirstOrThrow();
	const group = await db
		.insertInto('criteria_groups')
		.values({
			criteria_set_id: set.id,
			code: 'A',
			name_vi: 'Nhóm A',
			name_en: 'Group A',
			position: 1
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('criteria')
		.values({
			criteria_set_id: set.id,
			group_id: group.id,
			code: '1.1',
			title_vi: 'Tiêu chí 1.1',
			title_en: 'Criterion 1.1',
			type: 'boolean',
			points: 100,
			position: 1
		})
		.execute();
	for (const [label, starts, ends] of [
		['2025-Q2', '2025-04-01', '2025-06-30'],
		['2025-Q3', '2025-07-01', '2025-09-30'],
		['2025-Q4', '2025-10-01', '2025-12-31']
	])
		await db
			.insertInto('periods')
			.values({
				campaign_id: campaign.id,
				label,
				kind: 'quarter',
				starts_on: starts,
				ends_on: ends,
				closes_at: new Date(`${ends}T23:59:59+07:00`),
				status: ends < TODAY ? 'closed' : 'open',
				criteria_set_id: set.id
			})
			.execute();
	return campaign;
}

/**
 * Assessments for the units in force at each period's end (the unit's rank decides the status and
 * score), and a recognition for every eligible approved one, decided ten days before the end.
 * `periods` names the periods to fill: the later ones are filled after the reorganisation.
 */
async function assess(campaign: Campaign, periods: string[]) {
	await sql`
		INSERT INTO assessments (unit_id, campaign_id, period_id, criteria_set_id, status, score,
			met_count, criteria_count, mandatory_met, eligible, unmet_codes, submitted_at,
			verified_at, approved_at)
		SELECT v.unit_id, p.campaign_id, p.id, p.criteria_set_id,
			(ARRAY['draft', 'submitted', 'verified', 'approved'])[1 + n % 4],
			s.score, (s.score >= 80)::int, 1, true, s.score >= 80,
			CASE WHEN s.score >= 80 THEN '{}'::text[] ELSE ARRAY['1.1'] END,
			CASE WHEN n % 4 = 0 THEN NULL ELSE now() END,
			CASE WHEN n % 4 >= 2 THEN now() END,
			CASE WHEN n % 4 = 3 THEN now() END
		FROM periods p
		JOIN LATERAL (
			SELECT v.unit_id, row_number() OVER (ORDER BY v.code) AS n
			FROM unit_versions v
			WHERE v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
				AND v.kind = ANY (${campaign.applies_to})
		) v ON true
		CROSS JOIN LATERAL (SELECT (40 + (v.n * 13 + p.id * 7) % 61)::float8 AS score) s
		WHERE p.campaign_id = ${campaign.id} AND p.label = ANY (${periods})
			AND v.n % 5 <> 0
	`.execute(db);
	await sql`
		INSERT INTO recognitions (unit_id, campaign_id, assessment_id, decision_number, decision_date)
		SELECT DISTINCT ON (a.unit_id) a.unit_id, a.campaign_id, a.id, 'QĐ-' || a.id, p.ends_on - 10
		FROM assessments a JOIN periods p ON p.id = a.period_id
		WHERE a.campaign_id = ${campaign.id} AND p.label = ANY (${periods})
			AND a.status = 'approved' AND a.eligible
			AND NOT EXISTS (SELECT 1 FROM recognitions r
				WHERE r.unit_id = a.unit_id AND r.campaign_id = a.campaign_id)
		ORDER BY a.unit_id, p.ends_on
	`.execute(db);
}

/** A recognition decided on a day for the first of the units with a 2025-Q2 assessment and none. */
async function recognise(campaign: Campaign, codes: string[], day: string) {
	await sql`
		INSERT INTO recognitions (unit_id, campaign_id, assessment_id, decision_number, decision_date)
		SELECT a.unit_id, a.campaign_id, a.id, 'QĐ-thử', ${day}::date
		FROM assessments a JOIN units u ON u.id = a.unit_id JOIN periods p ON p.id = a.period_id
		WHERE u.code = ANY (${codes}) AND a.campaign_id = ${campaign.id} AND p.label = '2025-Q2'
			AND NOT EXISTS (SELECT 1 FROM recognitions r
				WHERE r.unit_id = a.unit_id AND r.campaign_id = a.campaign_id)
		ORDER BY u.code LIMIT 1
	`.execute(db);
}

const unitOf = (code: string, on: Kysely<Database> = db) =>
	on
		.selectFrom('units')
		.select(['id', 'code', 'name', 'type_vi', 'kind'])
		.where('code', '=', code)
		.where('status', '=', 'active')
		.executeTakeFirstOrThrow();

/** The reorganisation of 01/07/2025, through the foundation's dated changes, and the area set. */
async function reorganise() {
	await db.transaction().execute(async (trx) => {
		const province = await unitOf('40', trx);
		const old = await Promise.all(MERGED.map((code) => unitOf(code, trx)));
		for (const unit of old) await retireUnitOn(trx, by, unit, DAY);
		const [created] = await insertUnitsWithVersions(trx, [
			{
				code: '16681',
				name: 'Phường Thành Vinh',
				type_vi: 'Phường',
				kind: 'ward',
				parent_id: province.id,
				level: 2,
				path: '/40/16681/',
				established_on: DAY
			}
		]);
		await trx
			.insertInto('unit_links')
			.values(
				old.map((unit) => ({
					predecessor_id: unit.id,
					successor_id: created.id,
					effective_on: DAY
				}))
			)
			.execute();
		await trx
			.updateTable('units')
			.set({ merged_into_id: created.id })
			.where(
				'id',
				'in',
				old.map((unit) => unit.id)
			)
			.execute();
		const renamed = await unitOf('16690', trx);
		const before = { name: renamed.name, type_vi: renamed.type_vi, kind: renamed.kind };
		await renameUnit(trx, by, renamed, before, { ...before, name: 'Phường Trường Thi Mới' }, DAY);
		await trx
			.insertInto('reorganisations')
			.values({ effective_on: DAY, format: 'mapping', file_name: 'thu.csv' })
			.execute();
		const set = await trx
			.insertInto('area_sets')
			.values({ code: SET, name_vi: 'Địa bàn thử', name_en: 'Test areas', valid_from: DAY })
			.returning('id')
			.executeTakeFirstOrThrow();
		const areas = await trx
			.insertInto('areas')
			.values([
				{ area_set_id: set.id, code: '412', name: 'Địa bàn Vinh', map_codes: ['412', '413'] },
				{ area_set_id: set.id, code: '430', name: 'Địa bàn Nam Đàn', map_codes: ['430'] }
			])
			.returning(['id', 'code'])
			.execute();
		const area = (code: string) => areas.find((row) => row.code === code)!.id;
		await trx
			.insertInto('area_members')
			.values([
				{ area_id: area('412'), area_set_id: set.id, unit_id: created.id },
				{ area_id: area('412'), area_set_id: set.id, unit_id: (await unitOf('412', trx)).id },
				{ area_id: area('430'), area_set_id: set.id, unit_id: (await unitOf('430', trx)).id }
			])
			.execute();
	});
}

let wards: Campaign;
let movement: Campaign;
const provinceRoot = () =>
	db.selectFrom('units').selectAll().where('code', '=', '40').executeTakeFirstOrThrow();

/** Dashboards read after the reorganisation, once each: the world no longer changes then. */
const read = new Map<string, Promise<DashboardData & { figures: Figures }>>();
let settled = false;

function dashboard(
	campaign: Campaign,
	period: string,
	options: Partial<DashboardOptions> = {},
	level: DataLevel = 'official'
): Promise<DashboardData & { figures: Figures }> {
	const key = JSON.stringify([campaign.code, period, options, level]);
	if (!settled) return loadOne(campaign, period, options, level);
	if (!read.has(key)) read.set(key, loadOne(campaign, period, options, level));
	return read.get(key)!;
}

async function loadOne(
	campaign: Campaign,
	period: string,
	options: Partial<DashboardOptions>,
	level: DataLevel
): Promise<DashboardData & { figures: Figures }> {
	const data = await loadDashboard(db, campaign, await provinceRoot(), {
		period,
		level,
		today: TODAY,
		allUnits: true,
		...options
	});
	return data as DashboardData & { figures: Figures };
}

/** The figures the plain way: versions in force on the day, by tree child or by area. */
async function plainFigures(campaign: Campaign, period: string, grouping: 'tree' | 'areas') {
	const { rows } = await sql<{
		group_code: string | null;
		units: number;
		recognised: number;
		awaiting: number;
		approved: number;
	}>`
		WITH p AS (SELECT id, ends_on FROM periods WHERE campaign_id = ${campaign.id} AND label = ${period}),
		counted AS (
			SELECT v.unit_id, v.code, v.path,
				EXISTS (SELECT 1 FROM recognitions r WHERE r.unit_id = v.unit_id
					AND r.campaign_id = ${campaign.id} AND r.decision_date <= p.ends_on
					AND (r.revoked_at IS NULL OR r.revoked_at >=
						(p.ends_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) AS recognised
			FROM unit_versions v, p
			WHERE v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
				AND v.path LIKE '/40/%' AND v.kind = ANY (${campaign.applies_to})
		),
		area_of AS (
			SELECT c.unit_id, a.code
			FROM counted c, p, area_members am
			JOIN areas a ON a.id = am.area_id
			JOIN area_sets s ON s.id = a.area_set_id AND s.code = ${SET}
			JOIN unit_versions mv ON mv.unit_id = am.unit_id
			WHERE mv.valid_from <= p.ends_on AND p.ends_on < mv.valid_to
				AND c.path LIKE mv.path || '%'
		)
		SELECT
			CASE WHEN ${grouping} = 'tree' THEN split_part(c.path, '/', 3)
				ELSE coalesce(ao.code, '') END AS group_code,
			count(*)::int AS units,
			count(*) FILTER (WHERE c.recognised)::int AS recognised,
			count(*) FILTER (WHERE NOT c.recognised AND a.eligible
				AND (a.status IN ('submitted', 'verified') OR (a.status = 'approved' AND EXISTS (
					SELECT 1 FROM recognitions x WHERE x.unit_id = c.unit_id
						AND x.campaign_id = ${campaign.id} AND x.decision_date > p.ends_on
						AND x.revoked_at IS NULL))))::int AS awaiting,
			count(*) FILTER (WHERE a.status = 'approved')::int AS approved
		FROM counted c
		CROSS JOIN p
		LEFT JOIN area_of ao ON ao.unit_id = c.unit_id
		LEFT JOIN assessments a ON a.unit_id = c.unit_id AND a.period_id = p.id
		GROUP BY GROUPING SETS ((1), ())
	`.execute(db);
	return rows;
}

/** Province = Σ groups = Σ units = export = plain SQL, for one dashboard. */
async function expectConsistent(
	data: DashboardData & { figures: Figures },
	grouping: 'tree' | 'areas'
) {
	const { figures } = data;
	const campaign = data.campaign.code === wards.code ? wards : movement;
	const plain = await plainFigures(campaign, data.period!.label, grouping);
	const total = plain.find((row) => row.group_code === null)!;
	expect(figures.total).toMatchObject({
		units: total.units,
		recognised: total.recognised,
		awaiting: total.awaiting,
		approved: total.approved
	});
	const sum = (key: 'units' | 'recognised' | 'awaiting' | 'approved') =>
		figures.groups.reduce((whole, group) => whole + group[key], 0);
	for (const key of ['units', 'recognised', 'awaiting', 'approved'] as const)
		expect(sum(key)).toBe(figures.total[key]);
	const byGroup = Object.fromEntries(
		plain.filter((row) => row.group_code !== null).map((row) => [row.group_code, row])
	);
	for (const group of figures.groups) {
		expect(byGroup[group.code]).toMatchObject({
			units: group.units,
			recognised: group.recognised,
			awaiting: group.awaiting,
			approved: group.approved
		});
	}
	expect(figures.groups).toHaveLength(Object.keys(byGroup).length);
	const units = figures.units!.rows;
	expect(units).toHaveLength(total.units);
	expect(units.filter((row) => row.recognised)).toHaveLength(total.recognised);
	// A dashboard of units exports its units; one of groups its groups too, with the total.
	const tables = exportTables(data);
	const csv = parseCsv(toCsvFile(tables.at(-1)!).slice(1)).filter((row) => row.length > 1);
	expect(csv).toHaveLength(1 + total.units);
	expect(tables).toHaveLength(figures.mode === 'groups' ? 2 : 1);
	if (figures.mode === 'groups') {
		const totalRow = tables[0].rows.at(-1)!;
		expect(totalRow[2]).toBe(total.units);
		expect(totalRow[3]).toBe(total.recognised);
	}
}

/**
 * What a period's dashboard shows, for comparing before and after. Only the addresses may change:
 * a unit retired since is addressed as the holder of its code on the period's last day.
 */
const snapshot = (data: DashboardData & { figures: Figures }) => ({
	total: { ...data.figures.total },
	groups: data.figures.groups,
	units: data.figures.units!.rows.map(({ updatedAt, ref, ...row }) => ({
		...row,
		updatedAt: !!updatedAt,
		ref: ref.split('@')[0]
	})),
	trend: data.figures.trend.filter((point) => point.share !== null),
	exports: exportTables(data).map((table) => table.rows)
});

const before: Record<string, ReturnType<typeof snapshot>> = {};

beforeAll(async () => {
	test = await createTestDatabase();
	db = test.db;
	await loadRegistry();
	wards = await insertCampaign('THU-PHUONG', ['ward'], 0.5);
	movement = await insertCampaign('THU-XA', ['commune', 'ward', 'township'], null);
	for (const campaign of [wards, movement]) await assess(campaign, ['2025-Q2']);
	await recognise(movement, MERGED, '2025-05-15');
	for (const campaign of [wards, movement])
		for (const level of ['official', 'provisional'] as const)
			before[`${campaign.code}-${level}`] = snapshot(
				await dashboard(campaign, '2025-Q2', {}, level)
			);
	await reorganise();
	for (const campaign of [wards, movement]) await assess(campaign, ['2025-Q3', '2025-Q4']);
	settled = true;
}, 300_000);
afterAll(() => test.drop());

describe('the figures of a period before the reorganisation', () => {
	it.each(['official', 'provisional'] as const)(
		'read the same after it, %s figures, both campaigns',
		async (level) => {
			for (const campaign of [wards, movement]) {
				const after = snapshot(await dashboard(campaign, '2025-Q2', {}, level));
				expect(after).toEqual(before[`${campaign.code}-${level}`]);
			}
		}
	);

	it('count the old structure: the old districts, the merged units under their names then', async () => {
		const data = await dashboard(movement, '2025-Q2');
		expect(data.grouping!.by).toBe('tree');
		expect(data.grouping!.sets).toEqual([]);
		expect(data.figures.mode).toBe('groups');
		expect(data.figures.groups.map((group) => group.code)).toContain('412');
		const codes = data.figures.units!.rows.map((row) => row.code);
		for (const code of MERGED) expect(codes).toContain(code);
		const quangTrung = data.figures.units!.rows.find((row) => row.code === '16681')!;
		expect(quangTrung.name).toBe('Phường Quang Trung');
		// 16681 names Phường Thành Vinh today: the old holder is addressed with its last day then.
		expect(quangTrung.ref).toBe('16681@2025-06-30');
		expect(data.figures.units!.rows.find((row) => row.code === '16690')!.name).not.toBe(
			'Phường Trường Thi Mới'
		);
		await expectConsistent(data, 'tree');
	});
});

describe('the figures of a period after it', () => {
	it('count the new structure, by the area set valid then by default', async () => {
		const data = await dashboard(movement, '2025-Q3');
		expect(data.grouping).toMatchObject({ by: SET, area: null, locked: false });
		expect(data.figures.groups.map((group) => group.code)).toEqual(['412', '430', '']);
		const codes = data.figures.units!.rows.map((row) => row.code);
		for (const code of MERGED.filter((code) => code !== '16681')) expect(codes).not.toContain(code);
		const created = data.figures.units!.rows.find((row) => row.code === '16681')!;
		expect(created).toMatchObject({ name: 'Phường Thành Vinh', ref: '16681', groupCode: '412' });
		expect(data.figures.units!.rows.find((row) => row.code === '16690')!.name).toBe(
			'Phường Trường Thi Mới'
		);
		await expectConsistent(data, 'areas');
	});

	it('group by the tree on request, with the same total', async () => {
		const areas = await dashboard(movement, '2025-Q3');
		const tree = await dashboard(movement, '2025-Q3', { by: 'tree' });
		expect(tree.grouping!.by).toBe('tree');
		expect(tree.figures.groups.map((group) => group.code)).toContain('16681');
		expect(tree.figures.total.units).toBe(areas.figures.total.units);
		expect(tree.figures.total.recognised).toBe(areas.figures.total.recognised);
		await expectConsistent(tree, 'tree');
	});

	it('hold for the wards campaign too, with the district rule on each area', async () => {
		for (const period of ['2025-Q3', '2025-Q4']) {
			const data = await dashboard(wards, period);
			await expectConsistent(data, 'areas');
			for (const group of data.figures.groups) expect(group.districtMet).toBe(group.share >= 0.5);
		}
	});

	it('draw each area with all its boundary features: Vinh with Cửa Lò', async () => {
		const data = await dashboard(movement, '2025-Q3');
		const shapes = data.figures.map!.shapes;
		const vinh = shapes.filter((shape) => shape.code === '412');
		expect(vinh).toEqual([expect.objectContaining({ grouped: true, name: 'Địa bàn Vinh' })]);
		expect(shapes.find((shape) => shape.code === '413')).toBeUndefined();
		expect(shapes.find((shape) => shape.code === '430')!.grouped).toBe(true);
		expect(shapes.find((shape) => shape.code === '417')!.grouped).toBe(false);
	});

	it("show the merged unit's predecessors recognised the day before, as context only", async () => {
		const data = await dashboard(movement, '2025-Q3');
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM units u
			WHERE u.code = ANY (${MERGED}) AND u.status = 'retired' AND EXISTS (
				SELECT 1 FROM recognitions r WHERE r.unit_id = u.id AND r.campaign_id = ${movement.id}
					AND r.decision_date < ${DAY})
		`.execute(db);
		const created = data.figures.units!.rows.find((row) => row.code === '16681')!;
		expect(created.formedFrom).toEqual({ predecessors: MERGED.length, recognised: rows[0].n });
		expect(rows[0].n).toBeGreaterThan(0);
		expect(created.recognised).toBe(false);
	});
});

describe('the trend', () => {
	it("uses each period's own denominator and marks the reorganisation", async () => {
		const data = await dashboard(movement, '2025-Q4');
		const { rows } = await sql<{ label: string; units: number; recognised: number }>`
			SELECT p.label, count(v.unit_id)::int AS units,
				count(*) FILTER (WHERE EXISTS (SELECT 1 FROM recognitions r
					WHERE r.unit_id = v.unit_id AND r.campaign_id = p.campaign_id
						AND r.decision_date <= p.ends_on))::int AS recognised
			FROM periods p JOIN unit_versions v
				ON v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
				AND v.kind = ANY (${movement.applies_to})
			WHERE p.campaign_id = ${movement.id}
			GROUP BY p.label ORDER BY p.label
		`.execute(db);
		const points = data.figures.trend.filter((point) => point.share !== null);
		expect(points.map((point) => point.label)).toEqual(rows.map((row) => row.label));
		for (const [index, point] of points.entries()) {
			expect(point.units).toBe(rows[index].units);
			expect(point.share).toBeCloseTo(rows[index].recognised / rows[index].units, 10);
		}
		// Six units became one: the denominator drops by five on the day.
		expect(rows[1].units).toBe(rows[0].units - MERGED.length + 1);
		expect(data.figures.breaks).toEqual([
			{ label: '2025-Q3', date: DAY, before: rows[0].units, after: rows[1].units }
		]);
		// A report on the period before the break reads as it did.
		expect((await dashboard(movement, '2025-Q2')).figures.breaks).toEqual([]);
	});
});

describe("an area's dashboard", () => {
	it('counts its members after the date and the units that became them before it', async () => {
		const after = await dashboard(movement, '2025-Q3', { area: `${SET}/412` });
		expect(after.root.name).toBe('Địa bàn Vinh');
		expect(after.grouping!.area).toEqual({
			set: SET,
			code: '412',
			name: 'Địa bàn Vinh',
			setNames: { name_vi: 'Địa bàn thử', name_en: 'Test areas' }
		});
		const full = await dashboard(movement, '2025-Q3');
		const vinh = full.figures.groups.find((group) => group.code === '412')!;
		expect(after.figures.total.units).toBe(vinh.units);
		expect(after.figures.total.recognised).toBe(vinh.recognised);

		const earlier = await dashboard(movement, '2025-Q2', { area: `${SET}/412` });
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM unit_versions v
			WHERE v.valid_from <= '2025-06-30' AND '2025-06-30' < v.valid_to
				AND v.kind = ANY (${movement.applies_to}) AND v.path LIKE '/40/412/%'
		`.execute(db);
		expect(earlier.figures.total.units).toBe(rows[0].n);
		expect(earlier.figures.groups.map((group) => group.code)).toEqual(['412']);
	});

	it('is the only one a user scoped to the area sees, whatever the address asks', async () => {
		const area = await db
			.selectFrom('areas')
			.select('id')
			.where('code', '=', '430')
			.executeTakeFirstOrThrow();
		const data = await dashboard(movement, '2025-Q3', {
			area: `${SET}/412`,
			by: 'tree',
			scopeAreaId: area.id
		});
		expect(data.grouping).toMatchObject({ locked: true, area: { code: '430' } });
		expect(data.root.name).toBe('Địa bàn Nam Đàn');
		const full = await dashboard(movement, '2025-Q3');
		expect(data.figures.total.units).toBe(
			full.figures.groups.find((group) => group.code === '430')!.units
		);
	});

	it('is refused for an unknown area', async () => {
		await expect(dashboard(movement, '2025-Q3', { area: `${SET}/999` })).rejects.toThrow(
			'Area not found'
		);
	});
});
