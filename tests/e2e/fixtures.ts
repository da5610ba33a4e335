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

export const test = base.extend<{ visit: (path: string) => Promise<void> }>({
	/** Opens a page, checks it answered, and runs axe-core on it. */
	visit: async ({ page }, use) => {
		await use(async (path) => {
			const response = await page.goto(path);
			expect(response?.status(), `status of ${path}`).toBeLessThan(400);
			await expectAccessible(page);
		});
	}
});

export { expect };
