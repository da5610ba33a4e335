import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** Fails on serious or critical accessibility violations of the page as it stands. */
export async function expectAccessible(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const blocking = violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => ({
			rule: violation.id,
			impact: violation.impact,
			help: violation.help,
			targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5)
		}));
	expect(blocking, `accessibility violations on ${page.url()}`).toEqual([]);
}

export const DEMO_PASSWORD = 'kieumau-demo';

/** Waits until the page's script runs: typing before that races the hydration. */
export async function hydrated(page: Page) {
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

/** Signs in through the form, as a person would, and waits to leave the login page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await hydrated(page);
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

export const test = base.extend<{
	visit: (path: string) => Promise<void>;
	as: (username: string) => Promise<void>;
}>({
	as: async ({ page }, use) => {
		await use((username) => signIn(page, username));
	},
	/** Opens a page, checks it answered, and runs axe-core on it. */
	visit: async ({ page }, use) => {
		await use(async (path) => {
			const response = await page.goto(path);
			expect(response?.status(), `status of ${path}`).toBeLessThan(400);
			await hydrated(page);
			await expectAccessible(page);
		});
	}
});

export { expect };
