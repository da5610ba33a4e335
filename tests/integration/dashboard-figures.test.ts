// The dashboards' figures, their exports and the unit page agree with each other and with SQL
// written the plain way over the seeded demo.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/domain/csv';
import { statusesOf, type DataLevel } from '../../src/lib/domain/data-level';
import { isAtRisk } from '../../src/lib/domain/pace';
import { findCampaignByCode } from '../../src/lib/server/campaigns/repository';
import { exportTables, toCsvFile, toXlsx } from '../../src/lib/server/dashboard/export';
import { loadDashboard } from '../../src/lib/server/dashboard/service';
import { loadGroupScores } from '../../src/lib/server/dashboard/units-repository';
import { findUnitByRef, loadUnitStanding } from '../../src/lib/server/dashboard/unit-page';
import { findCampaignRoot, findUnitByCode } from '../../src/lib/server/units/repository';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase } from './helpers/fixtures';
import { awaitingAt, awaitingPlain, recognisedAt } from './helpers/figures';

let test: TestDatabase;
const TODAY = '2026-11-27';

beforeAll(async () => {
	test = await createSeededDatabase();
});
afterAll(() => test.drop());

async function dashboardOf(
	code: string,
	unitCode: string | null,
	level: DataLevel,
	period?: string
) {
	const campaign = (await findCampaignByCode(test.db, code))!;
	const root = unitCode
		? (await findUnitByCode(test.db, unitCode))!
		: (await findCampaignRoot(test.db, campaign.id))!;
	const data = await loadDashboard(test.db, campaign, root, {
		period: period ?? null,
		level,
		today: TODAY,
		allUnits: true
	});
	const periodRow = await test.db
		.selectFrom('periods')
		.selectAll()
		.where('campaign_id', '=', campaign.id)
		.where('label', '=', data.period!.label)
		.executeTakeFirstOrThrow();
	return { campaign, root, data, figures: data.figures!, period: periodRow };
}

describe.each<[string, DataLevel]>([
	['PT-TDBVANTQ', 'official'],
	['PT-TDBVANTQ', 'provisional'],
	['CAP-DHKM', 'official'],
	['CAP-DHKM', 'provisional']
])('%s province dashboard, %s figures', (code, level) => {
	it('counts what direct SQL counts', async () => {
		const { campaign, root, figures, period } = await dashboardOf(code, null, level);
		const counted = statusesOf(level);
		const { rows } = await sql<{ assessed: number; average: number | null; awaiting: number }>`
			SELECT count(*) FILTER (WHERE a.status = ANY (${counted}))::int AS assessed,
				round(avg(a.score) FILTER (WHERE a.status = ANY (${counted})), 1)::float8 AS average,
				${awaitingPlain(period)} AS awaiting
			FROM assessments a WHERE a.period_id = ${period.id}
		`.execute(test.db);
		const plain = await recognisedAt(test.db, campaign.id, root.path, period.ends_on);
		expect(figures.total.units).toBe(plain.units);
		expect(figures.total.recognised).toBe(plain.recognised);
		expect(figures.total.awaiting).toBe(rows[0].awaiting);
		expect(figures.total.counted).toBe(
			level === 'official' ? plain.recognised : plain.recognised + rows[0].awaiting
		);
		expect(figures.total.assessed).toBe(rows[0].assessed);
		expect(figures.total.averageScore).toBe(rows[0].average);
		// Every unit of a district has one workflow status, or none.
		for (const group of figures.groups) {
			const { draft, submitted, verified, approved, notStarted } = group;
			expect(draft + submitted + verified + approved + notStarted).toBe(group.units);
		}
	});

	it('draws the trend from the recognitions in force at each period end', async () => {
		const { campaign, root, figures, period } = await dashboardOf(code, null, level);
		const actual = figures.trend.filter((point) => point.share !== null);
		expect(actual.at(-1)!.label).toBe(period.label);
		for (const point of actual.filter((p) => p.endsOn < period.ends_on)) {
			const plain = await recognisedAt(test.db, campaign.id, root.path, point.endsOn);
			const awaiting =
				level === 'official' ? 0 : await awaitingAt(test.db, campaign.id, point.label);
			expect(point.share! * plain.units).toBeCloseTo(plain.recognised + awaiting, 6);
		}
		// The roadmap runs on to the target date.
		expect(figures.trend.at(-1)!.endsOn >= campaign.target_date).toBe(true);
		expect(figures.trend.at(-1)!.roadmap).toBeCloseTo(campaign.target_share, 10);
	});

	it("lists the weakest criteria with the period's met counts", async () => {
		const { figures, period } = await dashboardOf(code, null, level);
		// Each audience's set on its own: a code such as 2.4 is in the communes' and the schools' set.
		const { rows } = await sql<{ audience: string; code: string; met: number; assessed: number }>`
			SELECT s.audience, c.code, count(*) FILTER (WHERE r.met)::int AS met,
				count(*)::int AS assessed
			FROM assessments a
			JOIN criteria_sets s ON s.id = a.criteria_set_id
			JOIN criteria c ON c.criteria_set_id = a.criteria_set_id
			LEFT JOIN criterion_results r ON r.assessment_id = a.id AND r.criterion_id = c.id
			WHERE a.period_id = ${period.id} AND a.status = ANY (${statusesOf(level)})
			GROUP BY s.audience, c.code
		`.execute(test.db);
		expect(figures.weakest.length).toBeGreaterThan(0);
		for (const criterion of figures.weakest) {
			const expected = rows.find(
				(row) => row.audience === criterion.audience && row.code === criterion.code
			);
			expect(criterion).toMatchObject(expected!);
		}
		for (const audience of new Set(figures.weakest.map((criterion) => criterion.audience))) {
			const rates = figures.weakest
				.filter((criterion) => criterion.audience === audience)
				.map((criterion) => criterion.met / criterion.assessed);
			expect(rates).toEqual([...rates].sort((a, b) => a - b));
		}
	});

	it('puts at risk only units not recognised whose pace is limited or falling', async () => {
		const { figures } = await dashboardOf(code, null, level);
		const rows = figures.units!.rows;
		const risky = rows.filter((row) => !row.recognised && isAtRisk(row.pace));
		expect(figures.atRisk.count).toBe(risky.length);
		for (const unit of figures.atRisk.units) {
			expect(risky.map((row) => row.code)).toContain(unit.code);
			expect(unit.baselineScore! > unit.score! || unit.status === 'limited').toBe(true);
		}
	});
});

describe('a district dashboard', () => {
	it("lists every unit with its assessment's figures, and group points that add up to its score", async () => {
		// Thành phố Vinh's last quarter: the district retired on 01/07/2025.
		const { campaign, root, figures, period } = await dashboardOf(
			'PT-TDBVANTQ',
			'412',
			'provisional',
			'2025-Q2'
		);
		expect(figures.mode).toBe('units');
		const { rows } = await sql<{
			code: string;
			status: string | null;
			score: number | null;
			met_count: number | null;
		}>`
			SELECT v.code, a.status, a.score, a.met_count
			FROM unit_versions v
			LEFT JOIN assessments a ON a.unit_id = v.unit_id AND a.period_id = ${period.id}
			WHERE v.path LIKE '/40/412/_%'
				AND v.valid_from <= ${period.ends_on}::date AND ${period.ends_on}::date < v.valid_to
		`.execute(test.db);
		const units = figures.units!.rows;
		expect(units).toHaveLength(rows.length);
		for (const unit of units) {
			const row = rows.find((candidate) => candidate.code === unit.code)!;
			expect(unit.status).toBe(row.status);
			const counted = row.status !== null && row.status !== 'draft';
			expect(unit.score).toBe(counted ? row.score : null);
			expect(unit.metCount).toBe(counted ? row.met_count : null);
		}
		const scores = await loadGroupScores(test.db, {
			campaignId: campaign.id,
			kinds: campaign.applies_to,
			periodId: period.id,
			root,
			level: 'provisional'
		});
		const scored = units.filter((unit) => unit.score !== null);
		expect(scored.length).toBeGreaterThan(0);
		for (const unit of scored) {
			const earned = scores
				.filter((score) => score.unitCode === unit.code)
				.reduce((sum, score) => sum + score.earned, 0);
			expect(earned).toBeCloseTo(unit.score!, 6);
		}
	});

	it("agrees with each unit's own page", async () => {
		const { campaign, figures, period } = await dashboardOf(
			'PT-TDBVANTQ',
			'412',
			'provisional',
			'2025-Q2'
		);
		// The district's communes, retired with it: their standing today is the one they left with.
		// (The schools under them moved on to the new wards and may be recognised since.)
		const communes = figures.units!.rows.filter((unit) => unit.audience === 'area');
		expect(communes.length).toBeGreaterThan(8);
		for (const unit of communes.slice(0, 8)) {
			// Through the row's own address: a reused code names the holder of the period's day.
			const found = (await findUnitByRef(test.db, unit.ref, TODAY))!;
			expect(found.code).toBe(unit.code);
			const standing = await loadUnitStanding(test.db, campaign, found.id);
			const row = standing.history.find((entry) => entry.label === period.label)!;
			expect(row.status).toBe(unit.status);
			if (unit.score !== null) expect(row.score).toBe(unit.score);
			expect(standing.standing !== null).toBe(unit.recognised);
		}
	});
});

/** Five lines say what the figures are (campaign, scope, block, level, time), then a blank row. */
const HEADER_ROW = 7;

describe('exports', () => {
	it('hold the same figures as the dashboard, in .xlsx and CSV', async () => {
		const { data, figures } = await dashboardOf('PT-TDBVANTQ', null, 'official', '2026-Q3');
		const [groups, units] = exportTables(data);
		expect(groups.rows).toHaveLength(figures.groups.length + 1);
		expect(units.rows).toHaveLength(figures.total.units);

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx(data, [groups, units])) as never);
		const sheet = workbook.worksheets[0];
		expect(sheet.getCell('A2').value).toContain('Quý III/2026');
		// The movement counts both blocks: the sheet says the figures are the whole movement's.
		expect(sheet.getCell('A3').value).toBe('Đối tượng: Toàn phong trào');
		expect(sheet.getCell('A4').value).toContain('chính thức');
		const header = sheet.getRow(HEADER_ROW).values as unknown[];
		const column = (name: string) => header.indexOf(name);
		// From 2025-Q3 the province's rows are the areas of "Địa bàn huyện cũ", named in that column.
		expect(header).not.toContain('Đơn vị');
		const nameColumn = column('Địa bàn');
		expect(nameColumn).toBeGreaterThan(0);
		for (const group of figures.groups) {
			const row = sheet
				.getRows(HEADER_ROW + 1, figures.groups.length)!
				.find((r) => r.getCell(1).value === group.code)!;
			expect(row.getCell(nameColumn).value).toBe(group.name);
			expect(row.getCell(column('Số đơn vị')).value).toBe(group.units);
			expect(row.getCell(column('Đã công nhận')).value).toBe(group.recognised);
			expect(row.getCell(column('Tỷ lệ công nhận')).value).toBeCloseTo(group.share, 4);
		}
		const totalRow = sheet.getRow(HEADER_ROW + 1 + figures.groups.length);
		expect(totalRow.getCell(nameColumn).value).toBe('Tổng cộng');
		expect(totalRow.getCell(column('Đã công nhận')).value).toBe(figures.total.recognised);
		expect(workbook.worksheets[1].rowCount).toBe(HEADER_ROW + figures.total.units);

		const csv = parseCsv(toCsvFile(groups));
		expect(csv[0]).toEqual(groups.columns.map((c) => c.header));
		const vinh = csv.find((row) => row[0] === '412')!;
		const vinhFigures = figures.groups.find((group) => group.code === '412')!;
		expect(Number(vinh[2])).toBe(vinhFigures.units);
		expect(Number(vinh[3])).toBe(vinhFigures.recognised);
	});

	it('write numbers as numbers with a format, never as point-decimal text', async () => {
		const { data } = await dashboardOf('PT-TDBVANTQ', null, 'official', '2026-Q3');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx(data, exportTables(data))) as never);
		const sheetFormats: Record<string, string>[] = [
			{ 'Số đơn vị': '#,##0', 'Đã công nhận': '#,##0', 'Tỷ lệ công nhận': '0.0%' },
			{ Điểm: '0.0', 'Tiêu chí đạt': '#,##0' }
		];
		expect(workbook.worksheets).toHaveLength(2);
		for (const [index, sheet] of workbook.worksheets.entries()) {
			const header = sheet.getRow(HEADER_ROW).values as unknown[];
			const formats = sheetFormats[index];
			let checked = 0;
			sheet.eachRow((row, number) => {
				if (number <= HEADER_ROW) return;
				row.eachCell((cell, column) => {
					// Text cells hold names, labels and codes; no figure hides in them as '95.5'.
					if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^-?\d*[.,]\d+%?$/);
					const format = formats[String(header[column])];
					if (format && cell.value !== null) {
						expect(typeof cell.value, `${sheet.name} ${String(header[column])} row ${number}`).toBe(
							'number'
						);
						expect(cell.numFmt).toBe(format);
						checked++;
					}
				});
			});
			expect(checked).toBeGreaterThan(0);
		}
	});
});
