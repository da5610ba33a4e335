import { chromium } from 'playwright';
const base = process.env.BASE ?? 'http://localhost:4412';
const out = process.env.OUT ?? '/tmp/figures-shots';
const pages = JSON.parse(process.env.PAGES);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const width of [1440, 360]) {
	const context = await browser.newContext({ viewport: { width, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${base}/login`);
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Tên đăng nhập').fill(process.env.USERNAME ?? 'leader');
	await page.getByLabel('Mật khẩu', { exact: true }).fill('kieumau-demo');
	await page.getByRole('button', { name: /Đăng nhập/ }).click();
	await page.waitForURL((url) => !url.pathname.includes('login'));
	for (const [name, path] of Object.entries(pages)) {
		await page.goto(`${base}${path}`);
		await page.waitForTimeout(1500);
		await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
		console.log('shot', name, width);
	}
	await context.close();
}
await browser.close();
