// The dashboards across the 2025 reorganisation, on the demo where 01/01/2025 and 01/07/2025 have
// been applied: the current quarter reads by former district with the map, 2024-Q4 by the old
// districts, and the trend counts each period's own units and explains the jump.
import { expect, test } from '../fixtures';

const vi = (value: number) => new Intl.NumberFormat('vi-VN').format(value);

test.describe('dashboards across the reorganisation', () => {
	test('the current quarter reads by former district, with the map', async ({
		page,
		as,
		visit
	}) => {
		await as('leader');
		// The communes' block: the map's own units, without the schools and agencies under them.
		await visit('/campaigns/PT-TDBVANTQ?block=area');
		await expect(page.getByLabel('Nhóm theo')).toHaveValue('DIA-BAN-HUYEN-CU');
		await expect(page.getByRole('heading', { name: 'Theo Địa bàn huyện cũ' })).toBeVisible();
		const kpis = page.getByRole('region', { name: 'Chỉ số chính' });
		await expect(kpis.getByText(new RegExp(`/ ${vi(130)}`))).toBeVisible();
		// Twenty former districts, Vinh drawn with Cửa Lò: twenty linked shapes.
		const map = page.getByRole('figure', { name: /Bản đồ tỷ lệ công nhận theo địa bàn huyện cũ/ });
		await expect(map.locator('a path.shape')).toHaveCount(20);
		await expect(map.locator('a').first()).toHaveAttribute('href', /area=DIA-BAN-HUYEN-CU%2F/);
		// The trend explains the jumps of its denominator.
		const breaks = page.getByTestId('trend-breaks');
		await expect(breaks).toContainText('Từ 01/07/2025, 412 đơn vị được sắp xếp thành 130');
		await expect(breaks).toContainText('từ 460 xuống 412');

		// The tree's children are the communes themselves: a units table, no map.
		await page.getByLabel('Nhóm theo').selectOption('tree');
		await expect(page).toHaveURL(/by=tree/);
		await expect(page.getByRole('heading', { name: 'Đơn vị' }).first()).toBeVisible();
	});

	test('2024-Q4 reads by the old districts', async ({ page, as, visit }) => {
		await as('leader');
		await visit('/campaigns/PT-TDBVANTQ?period=2024-Q4&block=area');
		await expect(page.getByLabel('Nhóm theo')).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Theo đơn vị cấp huyện' })).toBeVisible();
		const kpis = page.getByRole('region', { name: 'Chỉ số chính' });
		await expect(kpis.getByText(new RegExp(`/ ${vi(460)}`))).toBeVisible();
		const map = page.getByRole('figure', { name: /Bản đồ tỷ lệ công nhận/ });
		await expect(map.locator('a path.shape')).toHaveCount(21);
	});

	test("the wards campaign's trend counts 32, 33 then 11 wards", async ({ page, as, visit }) => {
		await as('leader');
		await visit('/campaigns/CAP-DHKM');
		const trend = page.getByRole('figure', { name: /Tỷ lệ được công nhận qua các kỳ/ });
		await trend.getByText('Xem số liệu dạng bảng').click();
		const table = trend.getByRole('table');
		await expect(table.getByRole('row', { name: /^Quý IV\/2024/ })).toContainText('32');
		await expect(table.getByRole('row', { name: /^Quý II\/2025/ })).toContainText('33');
		await expect(table.getByRole('row', { name: /^Quý III\/2025/ })).toContainText('11');
	});

	test("a reviewer scoped to the former Vinh area sees that area's figures", async ({
		page,
		as,
		visit
	}) => {
		await as('reviewer.vinh');
		await visit('/campaigns/PT-TDBVANTQ');
		await expect(page.getByTestId('area-note')).toContainText('Địa bàn huyện cũ');
		await expect(page.getByLabel('Nhóm theo')).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Xem tất cả địa bàn' })).toHaveCount(0);
	});
});
