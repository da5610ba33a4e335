// A province admin manages users: a new user signs in with the temporary password and must change
// it; a deactivated user's open session ends at once; a CSV import with a repeated username creates
// nobody; the audit log shows all of it with before and after.
import type { Browser, Page } from '@playwright/test';
import { expect, hydrated, signIn, test } from '../fixtures';

const NEW_PASSWORD = 'mat-khau-moi-2026';

/** Creates a user through the form and returns the temporary password the page shows once. */
async function createUser(page: Page, username: string, displayName: string) {
	await page.goto('/admin/users');
	await hydrated(page);
	await page.getByText('Thêm người dùng').click();
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Tên đăng nhập').fill(username);
	await form.getByLabel('Họ và tên').fill(displayName);
	await form.getByLabel('Vai trò').selectOption('ward_officer');
	await form.getByLabel('Mã đơn vị phạm vi').fill('16681');
	await form.getByRole('button', { name: 'Tạo người dùng' }).click();
	await expect(page.getByText(`Đã tạo người dùng ${username}.`)).toBeVisible();
	const password = (await page.getByTestId('temporary-password').textContent())!.trim();
	expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
	return password;
}

/** Signs in elsewhere (another browser) with the temporary password and changes it. */
async function firstSignIn(browser: Browser, baseURL: string, username: string, password: string) {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await signIn(page, username, password);
	await expect(page).toHaveURL(/\/account\/password/);
	await expect(page.getByRole('alert')).toBeVisible();
	await page.locator('#current').fill(password);
	await page.locator('#next').fill(NEW_PASSWORD);
	await page.locator('#confirm').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
	await page.waitForURL((url) => !url.pathname.includes('/account/password'));
	return { context, page };
}

test.describe('user administration', () => {
	test.describe.configure({ mode: 'serial' });

	test.beforeEach(async ({ as }) => {
		await as('admin');
	});

	test('a new user signs in with the temporary password and must change it', async ({
		page,
		browser,
		baseURL
	}) => {
		const password = await createUser(page, 'e2e.moi', 'Nguyễn Văn Mới');
		const { context, page: userPage } = await firstSignIn(browser, baseURL!, 'e2e.moi', password);
		await expect(userPage.getByText('Nguyễn Văn Mới').first()).toBeVisible();
		await context.close();
		await page.goto('/admin/users?q=e2e.moi');
		await expect(page.getByRole('link', { name: 'e2e.moi' })).toBeVisible();
		await expect(page.getByText('Chưa đổi mật khẩu tạm thời')).toHaveCount(0);
	});

	test("deactivating a user ends that user's open session", async ({ page, browser, baseURL }) => {
		const password = await createUser(page, 'e2e.khoa', 'Trần Thị Khóa');
		const { context, page: userPage } = await firstSignIn(browser, baseURL!, 'e2e.khoa', password);
		await userPage.goto('/account/password');
		await expect(userPage).toHaveURL(/\/account\/password/);

		await page.goto('/admin/users/e2e.khoa');
		await hydrated(page);
		await page.getByRole('button', { name: 'Khóa tài khoản' }).click();
		await expect(page.getByText('Đã khóa tài khoản; mọi phiên đăng nhập')).toBeVisible();

		await userPage.reload();
		await expect(userPage).toHaveURL(/\/login/);
		await context.close();
	});

	test('a CSV import with a repeated username shows the row error and creates nobody', async ({
		page
	}) => {
		await page.goto('/admin/users/import');
		await hydrated(page);
		await page
			.getByLabel('Hoặc dán nội dung CSV')
			.fill(
				'username,display_name,role,unit_code\ne2e.nhap1,Nhập Một,ward_officer,16681\ne2e.nhap1,Nhập Trùng,leader,40\ne2e.nhap2,Nhập Hai,leader,40\n'
			);
		await page.getByRole('button', { name: 'Xem trước' }).click();
		await expect(page.getByRole('alert')).toContainText('2 dòng có lỗi');
		await expect(page.getByText('Tên đăng nhập bị lặp lại trong tệp.')).toHaveCount(2);
		await expect(page.getByRole('button', { name: /^Nhập \d+ người dùng$/ })).toHaveCount(0);
		// The text stays for the next step, and forcing the import still creates nobody.
		await expect(page.getByLabel('Hoặc dán nội dung CSV')).toHaveValue(/e2e\.nhap2/);
		await page.goto('/admin/users?q=e2e.nhap');
		await expect(page.getByText('Không có người dùng nào khớp bộ lọc.')).toBeVisible();
	});

	test('the audit log filtered by the actor shows these actions with before and after', async ({
		page
	}) => {
		await page.goto('/admin/audit?actor=admin');
		await hydrated(page);
		await expect(page.getByLabel('Người thực hiện (tên đăng nhập)')).toHaveValue('admin');
		const entries = page.getByRole('list', { name: 'Các mục nhật ký' }).getByRole('listitem');
		const deactivation = entries
			.filter({ hasText: 'Khóa tài khoản' })
			.filter({ hasText: 'e2e.khoa' });
		await expect(deactivation).toHaveCount(1);
		await expect(deactivation).toContainText('đã khóa tài khoản Trần Thị Khóa (e2e.khoa)');
		const changed = deactivation.getByRole('row', { name: /^Trạng thái/ });
		await expect(changed.getByRole('cell')).toHaveText(['Đang hoạt động', 'Đã khóa']);
		const creation = entries.filter({ hasText: 'Tạo người dùng' }).filter({ hasText: 'e2e.moi' });
		await expect(creation).toHaveCount(1);
		await expect(creation.getByRole('row', { name: /^Họ và tên/ })).toContainText('Nguyễn Văn Mới');

		await page.getByLabel('Thao tác').selectOption('user.deactivate');
		await page.getByRole('button', { name: 'Lọc' }).click();
		await expect(page).toHaveURL(/action=user\.deactivate/);
		await expect(page).toHaveURL(/actor=admin/);
		await expect(entries.filter({ hasText: 'e2e.khoa' })).toHaveCount(1);
		await expect(entries.filter({ hasText: 'Tạo người dùng' })).toHaveCount(0);
	});
});
