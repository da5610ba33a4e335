// The province admin uploads a reorganisation file: the real 01/07/2025 mapping, which the demo
// already applied, is recognised and changes nothing; a small mapping merging two of the 130
// communes on 01/01/2027 is previewed (counts and rows), applied, and then recognised in turn; a
// school added under one of them follows it, as the preview and the summary say. 2027 has no
// period yet in the demo, so the figures other specs read stay as they were.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

test.describe.configure({ mode: 'serial' });

const MAPPING = readFileSync('scripts/seed/data/reorganisation-2025-07-01.csv');
const MERGE = Buffer.from(
	[
		'new_code,new_name,new_type_vi,new_kind,old_code,old_name,part',
		'16816,Xã Mỹ Lý Bắc Lý,Xã,commune,16816,Xã Mỹ Lý,full',
		'16816,Xã Mỹ Lý Bắc Lý,Xã,commune,16819,Xã Bắc Lý,full',
		''
	].join('\n')
);

test.beforeEach(async ({ as }) => {
	await as('admin');
});

async function preview(page: Page, file: { name: string; buffer: Buffer }, date: string) {
	await page.getByLabel('Tệp CSV').setInputFiles({ ...file, mimeType: 'text/csv' });
	await page.getByLabel('Ngày có hiệu lực').fill(date);
	await page.getByRole('button', { name: 'Xem trước', exact: true }).click();
}

test('the units page leads to the reorganisation import', async ({ page }) => {
	await page.goto('/admin/units');
	await page.getByRole('link', { name: 'Sắp xếp theo tệp' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Sắp xếp đơn vị hành chính theo tệp' })
	).toBeVisible();
});

test('recognises the 01/07/2025 mapping as already applied', async ({ page, visit }) => {
	await visit('/admin/units/reorganise');
	await preview(page, { name: 'reorganisation-2025-07-01.csv', buffer: MAPPING }, '2025-07-01');
	await expect(
		page.getByRole('heading', {
			name: 'Xem trước: reorganisation-2025-07-01.csv, có hiệu lực từ 01/07/2025'
		})
	).toBeVisible();
	await expect(page.getByRole('status')).toContainText(
		'Tệp này đã được áp dụng với ngày có hiệu lực 01/07/2025'
	);
	await expect(page.getByRole('button', { name: 'Áp dụng' })).toHaveCount(0);
});

test('a wrong date is refused beside the field, the file kept', async ({ page, visit }) => {
	await visit('/admin/units/reorganise');
	await page.getByLabel('Tệp CSV').setInputFiles({
		name: 'e2e-merge.csv',
		mimeType: 'text/csv',
		buffer: MERGE
	});
	// A date typed by hand past the browser's picker: the server still checks it.
	await page.getByLabel('Ngày có hiệu lực').evaluate((input: HTMLInputElement) => {
		input.type = 'text';
		input.value = '2027-02-30';
	});
	await page.getByRole('button', { name: 'Xem trước', exact: true }).click();
	await expect(page.getByText('Nhập ngày có hiệu lực hợp lệ (dd/mm/yyyy).')).toBeVisible();
	// Kept by the form (named under the field) and still chosen in the field.
	await expect(page.locator('p.hint', { hasText: 'e2e-merge.csv' })).toBeVisible();
	await expect(page.locator('.file-field')).toContainText('e2e-merge.csv');
});

test('previews a merger of two communes on 01/01/2027, applies it, then knows it', async ({
	page,
	visit
}) => {
	// Two previews, an apply and the audit log, each checked by axe: more than the default 30 s.
	test.setTimeout(90_000);
	// The units the demo has under the two communes (its schools), which follow them too.
	const below = async (code: string, name: string) => {
		await visit(`/admin/units?unit=${code}`);
		return page
			.getByRole('table', { name: `Đơn vị trực thuộc ${name}` })
			.locator('tbody tr')
			.count();
	};
	const demo = (await below('16816', 'Xã Mỹ Lý')) + (await below('16819', 'Xã Bắc Lý'));
	// A school under Xã Bắc Lý, which the file does not list: it follows the commune.
	await visit('/admin/units?unit=16819');
	const add = page.getByRole('region', { name: 'Thêm đơn vị trực thuộc Xã Bắc Lý' });
	await add.getByLabel('Mã đơn vị').fill('E2E-TH-BL');
	await add.getByLabel('Tên đơn vị', { exact: true }).fill('Trường Tiểu học Bắc Lý');
	await add.getByLabel('Loại hình (tiếng Việt)').fill('Trường');
	await add.getByLabel('Cấp / loại đơn vị').selectOption({ label: 'Trường học' });
	await add.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(add.getByRole('status')).toHaveText('Đã thêm đơn vị Trường Tiểu học Bắc Lý.');

	await visit('/admin/units/reorganise');
	await preview(page, { name: 'e2e-merge.csv', buffer: MERGE }, '2027-01-01');
	await expect(
		page.getByRole('heading', { name: 'Xem trước: e2e-merge.csv, có hiệu lực từ 01/01/2027' })
	).toBeVisible();
	const counts = page.getByRole('table', { name: 'Tóm tắt' });
	await expect(counts.getByRole('row', { name: 'Đơn vị mới' })).toContainText('1');
	await expect(counts.getByRole('row', { name: 'Sáp nhập toàn bộ' })).toContainText('2');
	await expect(counts.getByRole('row', { name: 'Dòng bị từ chối' })).toContainText('0');
	await expect(page.getByText('Kiểm tra các bảng dưới đây rồi bấm Áp dụng.')).toBeVisible();
	await expect(page.getByRole('row', { name: /16816 Xã Mỹ Lý Bắc Lý/ })).toContainText(
		'Xã Mỹ Lý (16816); Xã Bắc Lý (16819)'
	);
	await expect(page.getByRole('row', { name: /16819 Xã Bắc Lý/ })).toContainText(
		'Xã Mỹ Lý Bắc Lý (16816)'
	);
	// The school added above and the demo's follow the new commune.
	await expect(counts.getByRole('row', { name: 'Đơn vị trực thuộc chuyển theo' })).toContainText(
		String(demo + 1)
	);
	const following = `${demo + 1} đơn vị trực thuộc chuyển theo Xã Mỹ Lý Bắc Lý (16816)`;
	await expect(page.getByRole('list', { name: 'Nơi các đơn vị trực thuộc chuyển đến' })).toHaveText(
		following
	);
	await expect(page.getByRole('row', { name: /E2E-TH-BL Trường Tiểu học Bắc Lý/ })).toContainText(
		'Xã Bắc Lý (16819)'
	);

	await page.getByRole('button', { name: 'Áp dụng' }).click();
	await expect(page.getByRole('status')).toContainText(
		'Đã áp dụng từ 01/01/2027: 1 đơn vị mới, 2 đơn vị sáp nhập'
	);
	await expect(page.getByRole('status')).toContainText(following);
	await expect(page.getByRole('button', { name: 'Áp dụng' })).toHaveCount(0);

	// The same file again: recognised, nothing to apply.
	await preview(page, { name: 'e2e-merge.csv', buffer: MERGE }, '2027-01-01');
	await expect(page.getByRole('status')).toContainText(
		'Tệp này đã được áp dụng với ngày có hiệu lực 01/01/2027'
	);

	// The audit log names the reorganisation.
	await visit('/admin/audit');
	const latest = page.getByRole('list', { name: 'Các mục nhật ký' }).getByRole('listitem').first();
	await expect(latest.getByText('Sắp xếp đơn vị theo tệp', { exact: true })).toBeVisible();
	await expect(latest.getByRole('row', { name: 'Đơn vị mới 1' })).toBeVisible();

	// The school now hangs under the new commune (which holds the code from 01/01/2027).
	await visit('/admin/units?unit=16816@2027-01-01');
	await expect(
		page.getByRole('table', { name: 'Đơn vị trực thuộc Xã Mỹ Lý Bắc Lý' })
	).toContainText('E2E-TH-BL');
});

test('a file that contradicts the structure is refused row by row', async ({ page, visit }) => {
	await visit('/admin/units/reorganise');
	const wrong = Buffer.from(
		[
			'new_code,new_name,new_type_vi,new_kind,old_code,old_name,part',
			'16804,Xã Châu Bình,Xã,commune,16804,Xã Châu Bình Sai,full',
			'16804,Xã Châu Bình,Xã,commune,99999,Xã Không Có,full'
		].join('\n')
	);
	await preview(page, { name: 'e2e-wrong.csv', buffer: wrong }, '2027-01-01');
	await expect(page.getByRole('alert')).toContainText('Có 2 dòng bị từ chối');
	const refused = page.getByRole('table').filter({ hasText: 'Lý do' });
	await expect(refused.getByRole('row', { name: /^2 16804/ })).toContainText(
		'Tên không khớp: đơn vị mang mã này là “Xã Châu Bình”.'
	);
	await expect(refused.getByRole('row', { name: /^3 99999/ })).toContainText(
		'Không có đơn vị đang hoạt động mang mã này vào ngày 31/12/2026.'
	);
	await expect(page.getByRole('button', { name: 'Áp dụng' })).toHaveCount(0);
});
