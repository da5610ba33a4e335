// An administrator whose scope is one unit below the province (Phường Thành Vinh) manages its
// units and users; the campaigns, their criteria, roadmap and periods hold for the whole province
// and stay out of reach.
import { expect, signIn, test } from '../fixtures';
import { DISTRICT_ADMIN } from '../support/paths';

test('an administrator below the province has no hand on the campaigns', async ({
	page,
	visit
}) => {
	await signIn(page, DISTRICT_ADMIN);
	await visit('/admin');
	await expect(page).toHaveURL(/\/admin\/units/);
	const sections = page.getByRole('navigation', { name: 'Các mục quản trị' });
	await expect(sections.getByRole('link')).toHaveText(['Đơn vị', 'Người dùng', 'Nhật ký']);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('main')).toContainText('Phường Thành Vinh');

	for (const path of [
		'/admin/campaigns',
		'/admin/campaigns/CAP-DHKM',
		'/admin/campaigns/CAP-DHKM/criteria',
		'/admin/campaigns/CAP-DHKM/periods'
	]) {
		const response = await page.request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(403);
	}
	const roadmap = await page.request.post('/admin/campaigns/CAP-DHKM?/roadmap', {
		form: { revision: 'x', 'share.2026': '0' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(roadmap.status()).toBe(403);
});
