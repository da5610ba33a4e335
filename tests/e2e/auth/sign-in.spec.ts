import { expect, hydrated, signIn, test, DEMO_PASSWORD } from '../fixtures';
import { DISTRICT_LEADER, TEMPORARY_PASSWORD, TEMPORARY_USER } from '../support/paths';

test.describe('signing in', () => {
	const homes = [
		{ username: 'admin', home: /\/$/, heading: 'Việc cần làm' },
		{ username: 'leader', home: /\/campaigns\/CAP-DHKM$/, heading: /Công an phường điển hình/ },
		{ username: 'reviewer.vinh', home: /\/$/, heading: 'Việc cần làm' },
		{ username: 'officer.hungbinh', home: /\/$/, heading: 'Việc cần làm' }
	];
	for (const { username, home, heading } of homes) {
		test(`${username} lands on their home`, async ({ page, visit }) => {
			await visit('/login');
			await signIn(page, username);
			await expect(page).toHaveURL(home);
			await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
			await visit(page.url());
		});
	}

	test('a leader of a former district lands on the dashboard of its area', async ({ page }) => {
		await signIn(page, DISTRICT_LEADER);
		// The province's dashboard, limited to the area DIA-BAN-HUYEN-CU/412 (the former Vinh).
		await expect(page).toHaveURL(/\/campaigns\/CAP-DHKM$/);
		// The area's wards are what it opens on: the dashboard lists them, and no other.
		await expect(page.getByRole('heading', { level: 2, name: 'Các đơn vị' })).toBeVisible();
		await expect(page.locator('main')).toContainText('Phường Thành Vinh');
		await expect(page.locator('main')).not.toContainText('Phường Thái Hòa');
	});

	test('a page the role may not open says so', async ({ page }) => {
		await signIn(page, 'officer.hungbinh');
		expect((await page.goto('/review'))?.status()).toBe(403);
		await expect(page.getByText('Bạn không có quyền thực hiện thao tác này.')).toBeVisible();
	});

	test('every page asks for sign-in first, then returns to it', async ({ page }) => {
		await page.goto('/campaigns/CAP-DHKM?period=2025-Q4');
		await expect(page).toHaveURL(/\/login\?next=/);
		await hydrated(page);
		await page.getByLabel('Tên đăng nhập').fill('leader');
		await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page).toHaveURL(/\/campaigns\/CAP-DHKM\?period=2025-Q4$/);
	});

	test('a wrong password says so, keeps the username and signs nobody in', async ({ page }) => {
		await page.goto('/login');
		await hydrated(page);
		await page.getByLabel('Tên đăng nhập').fill('leader');
		await page.getByLabel('Mật khẩu', { exact: true }).fill('khong-dung');
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
		await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('leader');
		expect(await page.context().cookies()).not.toContainEqual(
			expect.objectContaining({ name: 'km_session' })
		);
	});

	test('empty fields are explained next to them', async ({ page }) => {
		await page.goto('/login');
		await hydrated(page);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByText('Vui lòng nhập tên đăng nhập.')).toBeVisible();
		await expect(page.getByText('Vui lòng nhập mật khẩu.')).toBeVisible();
	});

	test('the session cookie is HttpOnly, SameSite=Lax, for the whole site', async ({ page }) => {
		await signIn(page, 'leader');
		const cookie = (await page.context().cookies()).find((c) => c.name === 'km_session');
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
		expect(cookie?.value).toMatch(/^[a-z0-9]{24}\.[a-z0-9]{24}$/);
	});

	test('signing out ends the session', async ({ page }) => {
		await signIn(page, 'leader');
		const before = (await page.context().cookies()).find((c) => c.name === 'km_session')!;
		await page.getByRole('button', { name: 'Đăng xuất' }).click();
		await expect(page).toHaveURL(/\/login$/);
		await page.goto('/campaigns/CAP-DHKM');
		await expect(page).toHaveURL(/\/login\?next=/);
		// The old token is dead on the server too, not merely forgotten by the browser.
		await page.context().addCookies([before]);
		const response = await page.request.get('/campaigns/CAP-DHKM', { maxRedirects: 0 });
		expect(response.status()).toBe(303);
	});

	test('repeated failures are throttled with 429 and a time to retry', async ({ page }) => {
		const username = 'officer.16678';
		await page.goto('/login');
		// A plain form post (no script): the answer's own HTTP status is what we read.
		const post = (password: string) =>
			page.request.post('/login', {
				form: { username, password },
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
				maxRedirects: 0
			});
		for (let i = 0; i < 5; i++) expect((await post(`sai-${i}`)).status()).toBe(400);
		await hydrated(page);
		const refused = await post(DEMO_PASSWORD);
		expect(refused.status()).toBe(429);
		expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
		await page.getByLabel('Tên đăng nhập').fill(username);
		await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('alert')).toContainText('Đăng nhập sai quá nhiều lần');
		await expect(page).toHaveURL(/\/login$/);
	});

	test('a temporary password must be changed before anything else', async ({ page, visit }) => {
		await signIn(page, TEMPORARY_USER, TEMPORARY_PASSWORD);
		await expect(page).toHaveURL(/\/account\/password$/);
		await page.goto('/campaigns/CAP-DHKM/units/16681');
		await expect(page).toHaveURL(/\/account\/password$/);
		await visit('/account/password');
		await page.getByLabel('Mật khẩu hiện tại').fill(TEMPORARY_PASSWORD);
		await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
		await page.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
		await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
		await expect(page.getByText('Mật khẩu mới phải có ít nhất 10 ký tự.')).toBeVisible();
		await page.getByLabel('Mật khẩu hiện tại').fill(TEMPORARY_PASSWORD);
		await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-that-2026');
		await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-that-2026');
		await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
		// Phường Vinh Hưng's officer lands on the ward's to-do list.
		await expect(page).toHaveURL(/\/$/);
		await expect(page.locator('main')).toContainText('Phường Vinh Hưng');
	});
});
