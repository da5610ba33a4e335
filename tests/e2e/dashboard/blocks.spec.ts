// The movement read by block: 'khối xã, phường, thị trấn' and 'khối cơ quan, doanh nghiệp, nhà
// trường' apart and together. Builds nothing: it reads the demo as seeded, and needs the movement
// campaign (PT-TDBVANTQ) to count schools, agencies or enterprises there.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

const MOVEMENT = '/campaigns/PT-TDBVANTQ';

/** The recognised and counted units of the dashboard's first tile: '12 / 130'. */
async function tile(page: Page) {
	const text = await page
		.getByRole('region', { name: 'Chỉ số chính' })
		.locator('.kpi-value')
		.first()
		.innerText();
	const [recognised, units] = text.split('/').map((part) => Number(part.replace(/\D/g, '')));
	return { recognised, units };
}

test.describe('figures by block', () => {
	test.beforeEach(async ({ as }) => {
		await as('leader');
	});

	test('each block counts its own units, and the two make the whole movement', async ({
		page,
		visit
	}) => {
		await visit(MOVEMENT);
		const filter = page.getByLabel('Khối', { exact: true });
		await expect(filter).toHaveValue('');
		const period = await page.getByLabel('Kỳ đánh giá').inputValue();
		const whole = await tile(page);

		await filter.selectOption({ label: 'Khối cơ quan, doanh nghiệp, nhà trường' });
		await expect(page).toHaveURL(/block=institution/);
		await expect(page.getByLabel('Kỳ đánh giá')).toHaveValue(period);
		await expect(page.getByTestId('block-note')).toContainText(
			'Số liệu riêng khối cơ quan, doanh nghiệp, nhà trường'
		);
		const institution = await tile(page);
		expect(institution.units).toBeGreaterThan(0);
		// The exports and the report carry the block.
		for (const name of ['Tải Excel', 'Tải CSV', 'Báo cáo in (A4)', 'Tải bản Word (.docx)'])
			await expect(page.getByRole('link', { name })).toHaveAttribute('href', /block=institution/);
		// Schools are scored against their own set: its criteria are listed under its name.
		await expect(page.getByTestId('weakest-set').first()).toBeVisible();

		await visit(`${MOVEMENT}?period=${period}&block=area`);
		await expect(page.getByTestId('block-note')).toContainText(
			'Số liệu riêng khối xã, phường, thị trấn'
		);
		const area = await tile(page);
		expect(area.units + institution.units).toBe(whole.units);
		expect(area.recognised + institution.recognised).toBe(whole.recognised);

		await page.goto(`/campaigns/PT-TDBVANTQ/report?period=${period}`);
		const byBlock = page.getByTestId('by-block');
		await expect(byBlock.getByRole('row', { name: /Khối cơ quan/ })).toBeVisible();
		await expect(
			byBlock
				.getByRole('row', { name: /Toàn phong trào/ })
				.getByRole('cell')
				.first()
		).toHaveText(new Intl.NumberFormat('vi-VN').format(whole.units));
	});

	test('a campaign of communes and wards alone shows no block filter', async ({ page, visit }) => {
		await visit('/campaigns/CAP-DHKM');
		await expect(page.getByLabel('Kỳ đánh giá')).toBeVisible();
		await expect(page.getByLabel('Khối', { exact: true })).toHaveCount(0);
		await expect(page.getByTestId('block-note')).toHaveCount(0);
	});
});
