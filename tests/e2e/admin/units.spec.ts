// The province admin looks a unit up, adds units, imports a CSV (refused with an error row, then
// accepted), merges two of the new units and finds the merge on the public unit pages. Every code
// here is new, so the seeded figures other specs read stay as they were.
import { expect, test } from '../fixtures';

// The province's level of the tree lists its 130 units (and the 20 former districts): each visit's
// axe check of it takes a while, more than the default 30 s per test on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const ONE = { code: 'E2E-U1', name: 'Phường Thử Một' };
const TWO = { code: 'E2E-U2', name: 'Phường Thử Hai' };
const HEADER = 'code,name,type_vi,kind,parent_code,level';

test.beforeEach(async ({ as }) => {
	await as('admin');
});

test('finds a unit by name without accents and browses its parent', async ({ page, visit }) => {
	await visit('/admin/units');
	await page.getByLabel('Tìm theo tên hoặc mã').fill('thanh vinh');
	await page.getByRole('button', { name: 'Tìm' }).click();
	const results = page.getByRole('region', { name: 'Kết quả tìm “thanh vinh”' }).first();
	await expect(results.getByRole('link', { name: 'Phường Thành Vinh', exact: true })).toBeVisible();
	await results.getByRole('link', { name: 'Phường Thành Vinh', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: /^Phường Thành Vinh/ })).toBeVisible();
	// Since 01/07/2025 the wards lie directly under the province.
	await page
		.getByRole('navigation', { name: 'Đường dẫn' })
		.getByRole('link', { name: 'Tỉnh Nghệ An' })
		.click();
	await expect(page.getByRole('table', { name: 'Đơn vị trực thuộc Tỉnh Nghệ An' })).toContainText(
		'16681'
	);
});

test('adds two wards under the province', async ({ page, visit }) => {
	await visit('/admin/units?unit=40');
	const form = page.getByRole('region', { name: 'Thêm đơn vị trực thuộc Tỉnh Nghệ An' });
	// A refused form keeps what was typed and says why.
	await form.getByLabel('Mã đơn vị').fill('có dấu');
	await form.getByLabel('Tên đơn vị', { exact: true }).fill(ONE.name);
	await form.getByLabel('Cấp / loại đơn vị').selectOption({ label: 'Phường' });
	await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(form.getByText('Mã chỉ gồm chữ, số và dấu . _ -, tối đa 32 ký tự.')).toBeVisible();
	await expect(form.getByLabel('Tên đơn vị', { exact: true })).toHaveValue(ONE.name);

	for (const unit of [ONE, TWO]) {
		await form.getByLabel('Mã đơn vị').fill(unit.code);
		await form.getByLabel('Tên đơn vị', { exact: true }).fill(unit.name);
		await form.getByLabel('Loại hình (tiếng Việt)').fill('Phường');
		await form.getByLabel('Cấp / loại đơn vị').selectOption({ label: 'Phường' });
		await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
		await expect(form.getByRole('status')).toHaveText(`Đã thêm đơn vị ${unit.name}.`);
	}
	const table = page.getByRole('table', { name: 'Đơn vị trực thuộc Tỉnh Nghệ An' });
	await expect(table.getByRole('row', { name: new RegExp(ONE.code) })).toBeVisible();
	await expect(table.getByRole('row', { name: new RegExp(TWO.code) })).toBeVisible();
});

test('imports a CSV: an error row blocks it, a good file goes in', async ({ page, visit }) => {
	await visit('/admin/units/import');
	const text = page.getByLabel('Hoặc dán nội dung CSV');
	await text.fill(
		[HEADER, 'E2E-U3,Xã Nhập Thử,Xã,commune,40,2', 'E2E-U4,Xã Sai,Xã,village,40,2'].join('\n')
	);
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Có 1 dòng lỗi: sửa tệp rồi xem trước lại. Chưa có gì được ghi.'
	);
	const errorRow = page.getByRole('row', { name: /E2E-U4/ });
	await expect(errorRow).toContainText('cấp / loại không hợp lệ');
	await expect(page.getByRole('row', { name: /E2E-U3/ })).toContainText('Mới');
	await expect(page.getByRole('button', { name: /^Nhập \d+ thay đổi$/ })).toHaveCount(0);

	// The text stays in the form: fix the file there and preview again.
	await expect(text).toHaveValue(/E2E-U4/);
	await text.fill(
		[HEADER, '16681,Phường Thành Vinh,Phường,ward,40,2', 'E2E-U3,Xã Nhập Thử,Xã,commune,40,2'].join(
			'\n'
		)
	);
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await expect(page.getByText('1 mới · 0 thay đổi · 1 giữ nguyên · 0 lỗi')).toBeVisible();
	await page.getByRole('button', { name: 'Nhập 1 thay đổi' }).click();
	await expect(page.getByRole('status')).toHaveText('Đã nhập: 1 đơn vị mới, 0 đơn vị cập nhật.');

	await visit('/admin/units?q=E2E-U3');
	await expect(page.getByRole('link', { name: 'Xã Nhập Thử', exact: true })).toBeVisible();
});

test('merges one new ward into the other; both public pages tell the story', async ({
	page,
	visit
}) => {
	await visit(`/admin/units/${ONE.code}`);
	const merge = page.getByRole('region', { name: 'Sáp nhập đơn vị khác vào đơn vị này' });
	await merge.getByRole('checkbox', { name: new RegExp(TWO.code) }).check();
	await merge.getByLabel('Ngày sáp nhập').fill('2026-07-01');
	await merge.getByRole('button', { name: 'Sáp nhập' }).click();
	await expect(merge.getByRole('status')).toHaveText('Đã sáp nhập 1 đơn vị vào đơn vị này.');
	// Both pages tell the merger in the unit's lineage (issue 14's “Quá trình hình thành”).
	const lineage = page.getByRole('region', { name: 'Quá trình hình thành' });
	await expect(lineage.getByRole('listitem').filter({ hasText: '01/07/2026' })).toContainText(
		TWO.name
	);

	await visit(`/campaigns/CAP-DHKM/units/${ONE.code}`);
	const story = page.getByRole('region', { name: 'Quá trình hình thành' });
	await expect(story.getByText('Hợp nhất từ')).toBeVisible();
	await story.getByRole('link', { name: TWO.name }).click();
	await expect(page.getByRole('heading', { level: 1, name: TWO.name })).toBeVisible();
	await expect(page.getByText(/không còn hoạt động từ ngày 01\/07\/2026/)).toBeVisible();
	await page.getByRole('status').getByRole('link', { name: ONE.name }).click();
	await expect(page.getByRole('heading', { level: 1, name: ONE.name })).toBeVisible();

	// The retired ward is marked in the tree when retired units are shown.
	await visit('/admin/units?unit=40&retired=1');
	await expect(page.getByRole('row', { name: new RegExp(TWO.code) })).toContainText(
		'Thôi hoạt động từ 01/07/2026'
	);
});
