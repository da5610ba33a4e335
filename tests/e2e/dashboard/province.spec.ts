import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { expectedFiguresFile, type ExpectedFigures } from '../support/paths';

/** Written by the e2e server when it seeded the database, before any test runs. */
const expected = () => JSON.parse(readFileSync(expectedFiguresFile, 'utf8')) as ExpectedFigures;

const vi = (value: number) => new Intl.NumberFormat('vi-VN').format(value);

test.describe('province dashboard', () => {
	test.beforeEach(async ({ as }) => {
		await as('leader');
	});

	const cases = [
		{ campaign: 'PT-TDBVANTQ', rowCount: 21 },
		// Only four districts have wards: the others have nothing to show and are left out.
		{ campaign: 'CAP-DHKM', rowCount: 4 }
	];
	for (const { campaign, rowCount } of cases) {
		test(`${campaign} lists its ${rowCount} districts with the database's figures`, async ({
			page,
			visit
		}) => {
			await visit(`/campaigns/${campaign}`);
			const { period } = expected()[campaign];
			const districts = expected()[campaign].districts.filter((district) => district.units > 0);
			expect(districts).toHaveLength(rowCount);
			await expect(page.getByLabel('Kỳ đánh giá')).toHaveValue(period);
			const table = page.getByRole('table', { name: `Kết quả kỳ ${period}` });
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
		await expect(page.getByRole('table', { name: 'Kết quả kỳ 2025-Q4' })).toBeVisible();
		await page.getByRole('link', { name: 'English' }).click();
		await expect(page).toHaveURL(/\/en\/campaigns\/PT-TDBVANTQ\?period=2025-Q4&level=official$/);
		await expect(page.getByRole('heading', { level: 2, name: 'By district' })).toBeVisible();
		await visit('/en/campaigns/CAP-DHKM');
		await expect(page.getByRole('table', { name: /Results for/ })).toBeVisible();
	});

	test('drills down from the province to a district and a unit', async ({ page, visit }) => {
		await visit('/campaigns/PT-TDBVANTQ');
		await page.getByTestId('district-table').getByRole('link', { name: 'Thành phố Vinh' }).click();
		await expect(page).toHaveURL(/\/campaigns\/PT-TDBVANTQ\/units\/412\?period=.+&level=official$/);
		await expect(page.getByRole('navigation', { name: 'Đường dẫn' })).toContainText(
			'Thành phố Vinh'
		);
		await expect(page.getByTestId('unit-table').locator('tbody tr')).toHaveCount(25);
		await visit(page.url());
		await page.getByRole('link', { name: 'Phường Hưng Bình' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Phường Hưng Bình' })).toBeVisible();
		await expect(page.getByRole('table', { name: /Kết quả từng tiêu chí/ })).toBeVisible();
		await visit(page.url());
		await page
			.getByRole('navigation', { name: 'Đường dẫn' })
			.getByRole('link', { name: 'Thành phố Vinh' })
			.click();
		await expect(page).toHaveURL(/\/units\/412\?period=.+&level=official$/);
	});

	test('answers 404 for an unknown campaign or period', async ({ page }) => {
		expect((await page.goto('/campaigns/NOPE'))?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: /404/ })).toBeVisible();
		expect((await page.goto('/campaigns/CAP-DHKM?period=1999-Q1'))?.status()).toBe(404);
	});
});
