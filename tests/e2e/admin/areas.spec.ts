// Reporting areas as a province administrator sets them up: a set created (a bad date refused
// beside its field, what was typed kept), its areas imported from CSV after a preview that refuses
// a bad row by its line, a member moved, a reviewer scoped to an area. Then the lineage of the
// 01/07/2025 reorganisation as the demo tells it: Phường Thành Vinh formed from Quang Trung and
// others, Quang Trung's own page under its dated address.
import { expect, hydrated, test } from '../fixtures';

const SET = 'E2E-DIA-BAN';
const BAD = `area_code,area_name,unit_code,map_codes
V,Địa bàn Vinh,16681,412;413
V,Địa bàn Vinh,00000,
`;
const GOOD = `area_code,area_name,unit_code,map_codes
V,Địa bàn Vinh,16681,412;413
T,Địa bàn thử,,
`;

test.describe('reporting areas administration', () => {
	test.describe.configure({ mode: 'serial' });

	test.beforeEach(async ({ as }) => {
		await as('admin');
	});

	test('creates a set, refusing a bad date beside its field', async ({ page, visit }) => {
		await visit('/admin/areas');
		await expect(page.getByRole('heading', { name: 'Địa bàn báo cáo', level: 1 })).toBeVisible();
		await page.getByLabel('Mã bộ địa bàn').fill(SET);
		await page.getByLabel('Tên tiếng Việt').fill('Địa bàn thử nghiệm');
		await page.getByLabel('Tên tiếng Anh').fill('Test areas');
		await page.getByLabel('Hiệu lực từ ngày').fill('31/02/2025');
		await page.getByRole('button', { name: 'Tạo bộ địa bàn' }).click();
		// Said beside the field, by the field itself on leaving it or by the server's refusal.
		await expect(page.locator('#valid_from-error')).toHaveText(
			/^Ngày không hợp lệ: nhập .*dd\/mm\/yyyy/
		);
		await expect(page.getByLabel('Tên tiếng Việt')).toHaveValue('Địa bàn thử nghiệm');
		await page.getByLabel('Hiệu lực từ ngày').fill('01/07/2025');
		await page.getByRole('button', { name: 'Tạo bộ địa bàn' }).click();
		await expect(page).toHaveURL(new RegExp(`/admin/areas/${SET}`));
		await expect(page.getByRole('heading', { name: 'Địa bàn thử nghiệm' })).toBeVisible();
		await expect(page.getByText(`Mã ${SET} · hiệu lực từ 01/07/2025`)).toBeVisible();
	});

	test('imports areas after a preview that refuses a bad row by its line', async ({
		page,
		visit
	}) => {
		await visit(`/admin/areas/${SET}`);
		await page.getByLabel('Hoặc dán nội dung CSV').fill(BAD);
		await page.getByRole('button', { name: 'Xem trước' }).click();
		await expect(page.getByText('1 dòng có lỗi; chưa có gì được nhập.')).toBeVisible();
		const bad = page.getByRole('row').filter({ hasText: '00000' });
		await expect(bad).toContainText('3');
		await expect(bad).toContainText('Không có đơn vị đang hoạt động mang mã này.');
		await expect(page.getByRole('button', { name: /^Nhập / })).toHaveCount(0);

		await page.getByLabel('Hoặc dán nội dung CSV').fill(GOOD);
		await page.getByRole('button', { name: 'Xem trước' }).click();
		await expect(page.getByText('Tệp hợp lệ: 2 địa bàn mới, 1 đơn vị thành viên.')).toBeVisible();
		await page.getByRole('button', { name: 'Nhập 2 địa bàn mới và 1 đơn vị' }).click();
		await expect(page.getByText('Đã nhập 2 địa bàn mới và 1 đơn vị thành viên.')).toBeVisible();
		const areas = page.getByRole('table', { name: 'Địa bàn và số đơn vị thành viên' });
		await expect(areas.getByRole('row').filter({ hasText: 'Địa bàn Vinh' })).toContainText(
			'412, 413'
		);
	});

	test('moves a member to another area', async ({ page }) => {
		await page.goto(`/admin/areas/${SET}`);
		await hydrated(page);
		await page.getByLabel('Mã đơn vị').fill('16681');
		await page.getByLabel('Địa bàn', { exact: true }).selectOption('T');
		await page.getByRole('button', { name: 'Chuyển', exact: true }).click();
		await expect(page.getByText(/^Đã chuyển .+ sang địa bàn T\.$/)).toBeVisible();
		await page.getByText('Đơn vị thuộc T · Địa bàn thử (1)').click();
		await expect(page.getByRole('link', { name: /Phường/ }).last()).toBeVisible();
	});

	test('scopes a reviewer of the province to an area', async ({ page }) => {
		await page.goto('/admin/users');
		await hydrated(page);
		await page.getByText('Thêm người dùng').click();
		const form = page.locator('form[action="?/create"]');
		await form.getByLabel('Tên đăng nhập').fill('e2e.diaban');
		await form.getByLabel('Họ và tên').fill('Thẩm định địa bàn');
		await form.getByLabel('Vai trò').selectOption('district_reviewer');
		await form.getByLabel('Mã đơn vị phạm vi').fill('40');
		await form.getByLabel('Địa bàn báo cáo (không bắt buộc)').fill(`${SET}/NOPE`);
		await form.getByRole('button', { name: 'Tạo người dùng' }).click();
		await expect(form.getByText('Không có địa bàn này. Nhập theo dạng BỘ/ĐỊA-BÀN.')).toBeVisible();
		await expect(form.getByLabel('Họ và tên')).toHaveValue('Thẩm định địa bàn');
		await form.getByLabel('Địa bàn báo cáo (không bắt buộc)').fill(`${SET}/T`);
		await form.getByRole('button', { name: 'Tạo người dùng' }).click();
		await expect(page.getByText('Đã tạo người dùng e2e.diaban.')).toBeVisible();
		await page.goto('/admin/users?q=e2e.diaban');
		await expect(page.getByText(`địa bàn ${SET}/T`)).toBeVisible();
	});
});

test.describe('lineage across the 01/07/2025 reorganisation', () => {
	test.beforeEach(async ({ as }) => {
		await as('admin');
	});

	test('a merged unit lists what formed it; a predecessor keeps its dated page', async ({
		page,
		visit
	}) => {
		await visit('/campaigns/CAP-DHKM/units/16681');
		await expect(page.getByRole('heading', { name: 'Phường Thành Vinh', level: 1 })).toBeVisible();
		const lineage = page.getByRole('region', { name: 'Quá trình hình thành' });
		await expect(lineage.getByText('Hợp nhất từ')).toBeVisible();
		await expect(lineage.getByText('01/07/2025').first()).toBeVisible();
		await lineage.getByRole('link', { name: 'Phường Quang Trung' }).click();
		await expect(page).toHaveURL(/\/units\/16681@2025-06-30$/);
		await hydrated(page);
		await expect(page.getByRole('heading', { name: 'Phường Quang Trung', level: 1 })).toBeVisible();
		await expect(page.getByText(/không còn hoạt động từ ngày 01\/07\/2025/)).toBeVisible();
		await expect(page.getByRole('link', { name: /^Bắt đầu đánh giá/ })).toHaveCount(0);
		await page.getByRole('status').getByRole('link', { name: 'Phường Thành Vinh' }).click();
		await expect(page).toHaveURL(/\/units\/16681$/);
	});
});
