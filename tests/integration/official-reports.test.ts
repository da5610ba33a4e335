// The official documents read back from their Word files: the Decree 30 frame, the period by its
// name, and figures equal to the dashboard service's and the database's.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFigure, formatPercentFigure, formatScore, valueTextOf } from './helpers/report-text';
import { periodName } from '../../src/lib/domain/periods';
import { findAddressed, findPlace } from '../../src/lib/server/assessments/place';
import { findCampaignByCode } from '../../src/lib/server/campaigns/repository';
import { loadDashboard } from '../../src/lib/server/dashboard/service';
import { loadCampaignReport } from '../../src/lib/server/reports/campaign-report';
import { writeDocx } from '../../src/lib/server/reports/docx-writer';
import { loadUnitRecord } from '../../src/lib/server/reports/unit-record';
import { findCampaignRoot } from '../../src/lib/server/units/repository';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase, SEED_NOW } from './helpers/fixtures';

let test: TestDatabase;

beforeAll(async () => {
	test = await createSeededDatabase();
});
afterAll(() => test.drop());

const texts = (xml: string) =>
	[...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
		.map((match) => match[1])
		.join('')
		.replaceAll('&amp;', '&');

/** The Word file's text, and each table row as the texts of its cells. */
async function readDocx(bytes: Uint8Array) {
	const zip = await JSZip.loadAsync(bytes);
	const xml = await zip.file('word/document.xml')!.async('string');
	const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
		[...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => texts(cell[0]))
	);
	return { text: texts(xml.replaceAll('</w:p>', '</w:p><w:t> </w:t>')), rows };
}

const rowOf = (rows: string[][], first: string) => rows.find((row) => row[0] === first);

describe('the campaign report in Word', () => {
	it.each([
		['CAP-DHKM', null, '2026-Q3', 'official'],
		['PT-TDBVANTQ', null, '2026-Q4', 'provisional'],
		['PT-TDBVANTQ', '412', '2025-Q2', 'official']
	] as const)('%s under %s, %s (%s)', async (code, unitCode, period, level) => {
		const campaign = (await findCampaignByCode(test.db, code))!;
		const root = unitCode
			? await test.db
					.selectFrom('units')
					.select(['id', 'code', 'name', 'path'])
					.where('code', '=', unitCode)
					.orderBy('id')
					.executeTakeFirstOrThrow()
			: (await findCampaignRoot(test.db, campaign.id))!;
		const options = { period, level, by: 'tree', today: '2026-11-27' };
		const dashboard = await loadDashboard(test.db, campaign, root, options);
		const report = await loadCampaignReport(test.db, campaign, root, options, SEED_NOW);
		const { text, rows } = await readDocx(await writeDocx(report.document));

		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
		expect(text).toContain(`CÔNG AN ${root.name.toLocaleUpperCase('vi')}`);
		expect(text).toContain('ngày 27 tháng 11 năm 2026');
		expect(text).toContain('BÁO CÁO');
		expect(text).toContain(`${campaign.name_vi} ${periodName(period, 'vi')}`);
		expect(text).toContain('Nơi nhận:');

		const figures = dashboard.figures!;
		const { total } = figures;
		expect(text).toContain(`${formatFigure(total.counted)} / ${formatFigure(total.units)}`);
		expect(figures.groups.length).toBeGreaterThan(0);
		for (const group of figures.groups) {
			const row = rowOf(rows, group.name);
			expect(row, group.name).toBeDefined();
			// The status table first, then the figures table: both rows carry the group's name.
			const [statusRow, figuresRow] = rows.filter((candidate) => candidate[0] === group.name);
			expect(statusRow.slice(1)).toEqual(
				[
					group.approved,
					group.verified,
					group.submitted,
					group.draft,
					group.notStarted,
					group.units
				].map(formatFigure)
			);
			if (figures.mode === 'groups')
				expect(figuresRow.slice(1, 5)).toEqual([
					formatFigure(group.units),
					formatFigure(group.recognised),
					formatFigure(group.awaiting),
					formatPercentFigure(group.share)
				]);
		}
		for (const point of figures.trend.filter((entry) => entry.share !== null))
			expect(rowOf(rows, periodName(point.label, 'vi'))?.slice(1, 3)).toEqual([
				formatFigure(point.units!),
				formatPercentFigure(point.share!, 1)
			]);
		// A code may name a criterion of the communes' set and another of the schools'.
		for (const weak of figures.weakest)
			expect(
				rows.filter((row) => row[0].startsWith(`${weak.code}. `)).map((row) => row[1])
			).toContain(`${formatFigure(weak.met)}/${formatFigure(weak.assessed)}`);
	});
});

describe('the assessment record in Word', () => {
	it('holds the values, score and decisions the database holds', async () => {
		const assessment = await test.db
			.selectFrom('assessments as a')
			.innerJoin('units as u', 'u.id', 'a.unit_id')
			.innerJoin('periods as p', 'p.id', 'a.period_id')
			.innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
			.innerJoin('recognitions as r', 'r.assessment_id', 'a.id')
			.innerJoin('users as vu', 'vu.id', 'a.verified_by')
			.innerJoin('users as au', 'au.id', 'a.approved_by')
			.select([
				'a.id',
				'a.score',
				'a.criteria_set_id',
				'u.code as unit',
				'p.label as period',
				'c.code as campaign',
				'vu.display_name as verifier',
				'au.display_name as approver',
				'r.decision_number as decision'
			])
			.where('a.status', '=', 'approved')
			.where('r.revoked_at', 'is', null)
			.orderBy('a.id')
			.executeTakeFirstOrThrow();
		const place = await findPlace(test.db, await findAddressed(test.db, assessment));
		const actor = { role: 'province_admin' as const, scopePath: '/40/' };
		const record = await loadUnitRecord(test.db, actor, place, SEED_NOW);
		const { text, rows } = await readDocx(await writeDocx(record.document));

		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('CÔNG AN TỈNH NGHỆ AN');
		expect(text).toContain('PHIẾU ĐÁNH GIÁ');
		expect(text).toContain(periodName(assessment.period, 'vi'));
		expect(text).toContain(`Điểm: ${formatScore(assessment.score)}/100`);
		expect(text).toContain(`Quyết định công nhận số ${assessment.decision}`);
		expect(rows.find((row) => row[0] === 'Thẩm định, xác minh')?.[1]).toBe(assessment.verifier);
		expect(rows.find((row) => row[0] === 'Phê duyệt')?.[1]).toBe(assessment.approver);

		const results = await test.db
			.selectFrom('criterion_results as r')
			.innerJoin('criteria as c', 'c.id', 'r.criterion_id')
			.select([
				'c.code',
				'c.type',
				'c.comparator',
				'c.target_number as targetNumber',
				'c.target_rating as targetRating',
				'r.value_boolean as valueBoolean',
				'r.value_number as valueNumber',
				'r.value_rating as valueRating'
			])
			.where('r.assessment_id', '=', assessment.id)
			.execute();
		expect(results.length).toBeGreaterThan(0);
		for (const result of results)
			expect(rows.find((row) => row[0].startsWith(`${result.code}. `))?.[2], result.code).toBe(
				valueTextOf(result)
			);
	});
});
