// A provincial leader reads the dashboard, drills down to a unit and takes the figures away.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, expectAccessible, hydrated, test } from '../fixtures';
import { expectedFiguresFile, type ExpectedFigures } from '../support/paths';

const expected = () => JSON.parse(readFileSync(expectedFiguresFile, 'utf8')) as ExpectedFigures;
const vi = (value: number) => new Intl.NumberFormat('vi-VN').format(value);

test.describe('leadership dashboards', () => {
	test.beforeEach(async ({ as }) => {
		await as('leader');
	});

	test('the province dashboard tells the figures, the pace and the map', async ({
		page,
		visit
	}) => {
		await visit('/campaigns/PT-TDBVANTQ');
		const districts = expected()['PT-TDBVANTQ'].districts.filter((d) => d.units > 0);
		const units = districts.reduce((sum, d) => sum + d.units, 0);
		const recognised = districts.reduce((sum, d) => sum + d.recognised, 0);
		const kpis = page.getByRole('region', { name: 'Chỉ số chính' });
		await expect(kpis.getByText(`${vi(recognised)} / ${vi(units)}`)).toBeVisible();
		await expect(kpis.getByText('Tiến độ đến mục tiêu')).toBeVisible();
		await expect(kpis.getByText(/Mục tiêu năm \d{4}/)).toBeVisible();
		await expect(page.getByTestId('level-note')).toContainText('quyết định công nhận');
		await expect(page.getByTestId('level-footnote')).toContainText(
			'Điểm trung bình: chỉ các bản đánh giá của kỳ đã được tỉnh phê duyệt.'
		);

		// Each chart is titled, drawn, and has its table.
		for (const title of [
			/Tỷ lệ được công nhận qua các kỳ so với lộ trình/,
			/Tỷ lệ đơn vị được công nhận theo địa bàn huyện cũ/,
			/Trạng thái quy trình theo địa bàn huyện cũ/
		]) {
			const figure = page.getByRole('figure', { name: title });
			await expect(figure.locator('canvas')).toHaveAttribute('width', /\d+/);
			await figure.getByText('Xem số liệu dạng bảng').click();
			await expect(figure.getByRole('table')).toBeVisible();
		}
		const chartTable = page.getByRole('figure', {
			name: /theo địa bàn huyện cũ, màu theo tiến độ/
		});
		const vinh = districts.find((d) => d.code === '412')!;
		await expect(chartTable.getByRole('row', { name: /Thành phố Vinh/ })).toContainText(
			new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1 }).format(
				vinh.recognised / vinh.units
			)
		);

		// The map: every former district a titled shape (Vinh drawn with Cửa Lò), those with units
		// linked to their area's dashboard.
		const map = page.getByRole('figure', { name: /Bản đồ tỷ lệ công nhận/ });
		await expect(map.locator('path.shape')).toHaveCount(20);
		await expect(map.locator('a').first()).toHaveAttribute(
			'href',
			/\/campaigns\/PT-TDBVANTQ\?.*area=DIA-BAN-HUYEN-CU%2F/
		);

		await expect(page.getByRole('heading', { name: 'Tiêu chí yếu nhất' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Đơn vị có nguy cơ không kịp' })).toBeVisible();

		// The provisional level also counts the eligible units awaiting recognition, approved ones
		// under a decision after the period included.
		await page.getByLabel('Mức số liệu').selectOption('provisional');
		await expect(page).toHaveURL(/level=provisional/);
		await expect(kpis.getByText('Đã công nhận hoặc chờ công nhận')).toBeVisible();
		await expect(page.getByTestId('level-note')).toContainText(
			'đã phê duyệt theo quyết định ký sau ngày cuối kỳ'
		);
		await expect(page.getByTestId('level-footnote')).toContainText(
			'Điểm trung bình: các bản đánh giá của kỳ đã nộp, đã xác minh và đã phê duyệt.'
		);
		await expectAccessible(page);
	});

	test('drills down to a unit, sorts the units, and downloads Excel that reads back', async ({
		page,
		visit
	}) => {
		// 2024-Q4, when Thành phố Vinh (412, retired on 01/07/2025) still held its 25 units.
		// The communes' block: Vinh's 25 wards and communes, without the schools under them.
		await visit('/campaigns/PT-TDBVANTQ?period=2024-Q4&level=provisional&block=area');
		await page.getByTestId('district-table').getByRole('link', { name: 'Thành phố Vinh' }).click();
		await expect(page).toHaveURL(/\/units\/412@2024-12-31\?.*block=area/);
		await hydrated(page);
		await expectAccessible(page);
		const table = page.getByTestId('unit-table');
		await expect(table.locator('tbody tr')).toHaveCount(25);
		await expect(page.getByRole('heading', { name: /Bản đồ nhiệt/ })).toBeVisible();

		// Sorting by name puts the units in alphabetical order.
		await table.getByRole('button', { name: /Đơn vị/ }).click();
		await expect(table.getByRole('columnheader', { name: /Đơn vị/ })).toHaveAttribute(
			'aria-sort',
			'ascending'
		);
		const names = await table.locator('tbody th a').allTextContents();
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));

		// The Excel file holds the same units and scores as the table.
		const row = table.locator('tbody tr', {
			has: page.getByRole('link', { name: 'Phường Hưng Bình' })
		});
		const shownScore = (await row.getByRole('cell').first().textContent())!.trim();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Tải Excel' }).click()
		]);
		expect(download.suggestedFilename()).toBe('PT-TDBVANTQ_412_area_2024-Q4_provisional.xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile((await download.path())!);
		const sheet = workbook.worksheets[0];
		expect(sheet.getCell('A2').value).toContain('Thành phố Vinh');
		expect(sheet.getCell('A3').value).toBe('Đối tượng: Khối xã, phường, thị trấn');
		expect(sheet.getCell('A4').value).toBe('Mức số liệu: tạm tính');
		expect(sheet.rowCount).toBe(7 + 25);
		const excelRow = sheet.getRows(8, 25)!.find((r) => r.getCell(2).value === 'Phường Hưng Bình')!;
		expect(excelRow.getCell(1).value).toBe('16672');
		const score = excelRow.getCell(4).value as number | null;
		expect(
			score === null
				? '—'
				: new Intl.NumberFormat('vi-VN', {
						minimumFractionDigits: 1,
						maximumFractionDigits: 1
					}).format(score)
		).toBe(shownScore);

		// On to the unit, its history, and its assessment.
		await row.getByRole('link', { name: 'Phường Hưng Bình' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Phường Hưng Bình' })).toBeVisible();
		await hydrated(page);
		await expectAccessible(page);
		const history = page.getByRole('figure', { name: 'Điểm qua các kỳ so với ngưỡng công nhận' });
		await expect(history.locator('canvas')).toBeVisible();
		await page
			.getByRole('link', { name: /^Mở bản đánh giá (Quý [IV]+\/\d{4}|6 tháng |Năm )/ })
			.click();
		await expect(page).toHaveURL(/\/units\/16672@\d{4}-\d\d-\d\d\/periods\/\d{4}-Q\d$/);
		await expect(page.getByRole('navigation', { name: 'Đường dẫn' })).toContainText(
			'Thành phố Vinh'
		);
	});

	test('the CSV holds the districts, and the report prints on A4', async ({ page, visit }) => {
		await visit('/campaigns/CAP-DHKM');
		const response = await page.request.get('/campaigns/CAP-DHKM/export.csv?table=groups');
		expect(response.headers()['content-type']).toContain('text/csv');
		const lines = (await response.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		const districts = expected()['CAP-DHKM'].districts.filter((d) => d.units > 0);
		expect(lines).toHaveLength(1 + districts.length + 1);
		for (const district of districts) {
			expect(lines).toContainEqual(
				expect.stringMatching(
					new RegExp(`^${district.code},${district.name},${district.units},${district.recognised},`)
				)
			);
		}

		await page.getByRole('link', { name: 'Báo cáo in (A4)' }).click();
		await expect(page).toHaveURL(/\/campaigns\/CAP-DHKM\/report\?period=/);
		await hydrated(page);
		await expectAccessible(page);
		await expect(page.getByRole('button', { name: 'In báo cáo' })).toBeVisible();
		// In the report every chart's table is open.
		const tables = page.locator('details.chart-table');
		expect(await tables.count()).toBeGreaterThan(0);
		for (const details of await tables.all()) await expect(details).toHaveAttribute('open', '');
		const pdf = await page.pdf({ format: 'A4' });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	});

	test('reads on a phone without sideways scrolling', async ({ page, visit }) => {
		await page.setViewportSize({ width: 360, height: 800 });
		for (const path of [
			'/campaigns/PT-TDBVANTQ',
			'/campaigns/PT-TDBVANTQ?area=DIA-BAN-HUYEN-CU%2F412',
			// The retired Vinh today: its tables are empty, and must still scroll by keyboard.
			'/campaigns/PT-TDBVANTQ/units/412'
		]) {
			await visit(path);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, path).toBeLessThanOrEqual(0);
		}
	});
});
