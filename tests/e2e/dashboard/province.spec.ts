import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { expectedFiguresFile, type ExpectedFigures } from '../support/paths';
import { periodName } from '../../../src/lib/domain/periods';

/** Written by the e2e server when it seeded the database, before any test runs. */
const expected = () => JSON.parse(readFileSync(expectedFiguresFile, 'utf8')) as ExpectedFigures;

const vi = (value: number) => new Intl.NumberFormat('vi-VN').format(value);

test.describe('province dashboard', () => {
	test.beforeEach(async ({ as }) => {
		await as('leader');
	});

	const cases = [
		// The open period groups by the 20 former districts (DIA-BAN-HUYEN-CU), Vinh with Cửa Lò.
		{ campaign: 'PT-TDBVANTQ', rowCount: 20 },
		// Only three former districts hold wards: the others have nothing to show and are left out.
		{ campaign: 'CAP-DHKM', rowCount: 3 }
	];
	for (const { campaign, rowCount } of cases) {
		test(`${campaign} lists its ${rowCount} former districts with the database's figures`, async ({
			page,
			visit
		}) => {
			const { period, firstLook } = expected()[campaign];
			// The dashboard opens on the latest period in which half of the units sent their work,
			// and says so, with the open period one click away.
			await visit(`/campaigns/${campaign}`);
			await expect(page.getByLabel('Kỳ đánh giá')).toHaveValue(firstLook);
			if (firstLook !== period) {
				const note = page.getByTestId('first-look-note');
				await expect(note).toContainText(`Bảng mở ở ${periodName(firstLook, 'vi')}`);
				await note
					.getByRole('link', { name: `Xem kỳ đang mở ${periodName(period, 'vi')}`, exact: false })
					.click();
				await expect(page).toHaveURL(new RegExp(`period=${period}`));
			} else {
				await expect(page.getByTestId('first-look-note')).toHaveCount(0);
			}
			const districts = expected()[campaign].districts.filter((district) => district.units > 0);
			expect(districts).toHaveLength(rowCount);
			await expect(page.getByLabel('Kỳ đánh giá')).toHaveValue(period);
			const table = page.getByRole('table', { name: `Kết quả ${periodName(period, 'vi')}` });
			const rows = table.locator('tbody tr');
			await expect(rows).toHaveCount(rowCount);
			for (const district of districts) {
				const row = table.getByRole('row', { name: district.name, exact: false });
				const cells = row.getByRole('cell');
				await expect(cells.nth(0)).toHaveText(vi(district.units));
				await expect(cells.nth(1)).toHaveText(vi(district.recognised));
			}
			const units = districts.reduce((sum, d) => sum + d.units, 0);
			const recognised = districts.reduce((sum, d) => sum + d.recognised, 0);
			const total = table.getByRole('row', { name: /Tổng cộng/ }).getByRole('cell');
			await expect(total.nth(0)).toHaveText(vi(units));
			await expect(total.nth(1)).toHaveText(vi(recognised));
			await expect(page.getByText(`${vi(recognised)} / ${vi(units)}`)).toBeVisible();
		});
	}

	test('switches campaign and period, and speaks English at /en', async ({ page, visit }) => {
		await visit('/');
		await expect(page).toHaveURL(/\/campaigns\/CAP-DHKM$/);
		await page.getByRole('link', { name: /PT-TDBVANTQ/ }).click();
		await expect(page).toHaveURL(/\/campaigns\/PT-TDBVANTQ$/);
		await page.getByLabel('Kỳ đánh giá').selectOption('2025-Q4');
		await expect(page).toHaveURL(/period=2025-Q4/);
		await expect(page.getByRole('table', { name: 'Kết quả Quý IV/2025' })).toBeVisible();
		await page.getByRole('link', { name: 'English' }).click();
		// 2025-Q4 groups by the former districts' areas, and says so in English too.
		await expect(page).toHaveURL(
			/\/en\/campaigns\/PT-TDBVANTQ\?period=2025-Q4&level=official&by=DIA-BAN-HUYEN-CU$/
		);
		await expect(
			page.getByRole('heading', { level: 2, name: 'By Former districts' })
		).toBeVisible();
		await visit('/en/campaigns/CAP-DHKM');
		await expect(page.getByRole('table', { name: /Results for/ })).toBeVisible();
	});

	test('drills down from the province to a former district and a unit', async ({ page, visit }) => {
		// Since 01/07/2025 a group is an area of the former districts: the campaign narrowed to it.
		await visit('/campaigns/PT-TDBVANTQ');
		const { period } = expected()['PT-TDBVANTQ'];
		const vinh = expected()['PT-TDBVANTQ'].districts.find((district) => district.code === '412')!;
		await page.getByTestId('district-table').getByRole('link', { name: 'Thành phố Vinh' }).click();
		await expect(page).toHaveURL(
			new RegExp(
				`/campaigns/PT-TDBVANTQ\\?period=${period}&level=official&area=DIA-BAN-HUYEN-CU%2F412$`
			)
		);
		await expect(page.getByTestId('area-note')).toContainText('Thành phố Vinh');
		await expect(page.getByTestId('unit-table').locator('tbody tr')).toHaveCount(vinh.units);
		await visit(page.url());
		await page
			.getByTestId('unit-table')
			.getByRole('link', { name: 'Phường Thành Vinh', exact: true })
			.click();
		await expect(page).toHaveURL(
			/\/campaigns\/PT-TDBVANTQ\/units\/16681\?period=.+&level=official$/
		);
		await expect(page.getByRole('heading', { level: 1, name: 'Phường Thành Vinh' })).toBeVisible();
		await expect(page.getByRole('table', { name: /Kết quả từng tiêu chí/ })).toBeVisible();
		await visit(page.url());
		// The ward stands directly under the province now: the way back up is the province.
		await page
			.getByRole('navigation', { name: 'Đường dẫn' })
			.getByRole('link', { name: 'Tỉnh Nghệ An' })
			.click();
		await expect(page).toHaveURL(/\/campaigns\/PT-TDBVANTQ\?period=.+&level=official$/);
	});

	test('drills down in 2024-Q4 through the old district Thành phố Vinh', async ({
		page,
		visit
	}) => {
		// The communes' block: the 25 wards and communes of Vinh, without the schools under them.
		await visit('/campaigns/PT-TDBVANTQ?period=2024-Q4&block=area');
		await page.getByTestId('district-table').getByRole('link', { name: 'Thành phố Vinh' }).click();
		await expect(page).toHaveURL(
			/\/campaigns\/PT-TDBVANTQ\/units\/412@2024-12-31\?period=2024-Q4&level=official&block=area$/
		);
		await expect(page.getByRole('navigation', { name: 'Đường dẫn' })).toContainText(
			'Thành phố Vinh'
		);
		await expect(page.getByTestId('unit-table').locator('tbody tr')).toHaveCount(25);
		await visit(page.url());
		await page.getByTestId('unit-table').getByRole('link', { name: 'Phường Hưng Bình' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Phường Hưng Bình' })).toBeVisible();
		await expect(page.getByRole('table', { name: /Kết quả từng tiêu chí/ })).toBeVisible();
		await visit(page.url());
		await page
			.getByRole('navigation', { name: 'Đường dẫn' })
			.getByRole('link', { name: 'Thành phố Vinh' })
			.click();
		// A retired unit's breadcrumb names it by its code on its last day.
		await expect(page).toHaveURL(
			/\/units\/412@2025-06-30\?period=2024-Q4&level=official&block=area$/
		);
	});

	test('answers 404 for an unknown campaign or period', async ({ page }) => {
		expect((await page.goto('/campaigns/NOPE'))?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: /404/ })).toBeVisible();
		expect((await page.goto('/campaigns/CAP-DHKM?period=1999-Q1'))?.status()).toBe(404);
	});
});
