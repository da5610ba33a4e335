// Issue 6's journey: the province admin drafts a new criteria version and publishes it, plans and
// opens the next quarter on it; the officer then enters that quarter against the new criteria
// while the current quarter keeps the version, the criteria and the score it had.
import { expect, hydrated, signIn, test } from '../fixtures';
import { nextPeriodLabel, periodName, quarterOf, vnDate } from '../../../src/lib/domain/periods';

const CURRENT = quarterOf(vnDate(new Date()));
const NEXT = nextPeriodLabel(CURRENT)!;
const CRITERIA = '/admin/campaigns/CAP-DHKM/criteria';
const TITLE = 'Tỷ lệ cán bộ, chiến sĩ có bằng đại học (từ kỳ sau)';
const OLD_TITLE = 'Tỷ lệ cán bộ, chiến sĩ có trình độ đại học trở lên';
const assessment = (label: string) => `/campaigns/CAP-DHKM/units/16681/periods/${label}`;

test('a new criteria version reaches the next period and leaves the current one alone', async ({
	page,
	visit
}) => {
	test.setTimeout(180_000);
	page.on('dialog', (dialog) => dialog.accept());

	// What the officer's current quarter shows before anything changes.
	await signIn(page, 'officer.hungbinh');
	await visit(assessment(CURRENT));
	const scoreBefore = await page.getByTestId('score-line').textContent();
	const versionLine = page.getByText(/^Bộ tiêu chí phiên bản \d+$/);
	const versionBefore = await versionLine.textContent();
	await page.getByRole('button', { name: 'Đăng xuất' }).click();

	// The admin starts the next version from the latest one and renames criterion 1.3.
	await signIn(page, 'admin');
	await visit(CRITERIA);
	const leftover = page.getByRole('link', { name: 'Sửa bản nháp' }).first();
	if (await leftover.isVisible()) {
		await leftover.click();
		await hydrated(page);
		await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
		await page.waitForURL((url) => url.pathname.endsWith('/criteria'));
		await hydrated(page);
	}
	const start = page.getByRole('button', { name: /^Tạo phiên bản mới từ phiên bản \d+$/ });
	const version = Number((await start.textContent())!.match(/\d+/)![0]) + 1;
	await start.click();
	await page.waitForURL(new RegExp(`/criteria/area/${version}\\?started`));
	await hydrated(page);
	const row = page.locator('[id="criterion-1.3"]');
	await row.getByRole('link', { name: 'Sửa tiêu chí 1.3' }).click();
	await hydrated(page);
	await row.getByLabel('Nội dung tiêu chí (tiếng Việt)').fill(TITLE);
	await row.getByRole('button', { name: 'Lưu' }).click();
	await expect(row).toContainText(TITLE);
	await page.getByRole('button', { name: `Công bố phiên bản ${version}` }).click();
	await expect(page.getByRole('status')).toContainText(`Đã công bố phiên bản ${version}.`);

	// It plans the next quarter on the new version and opens it.
	await visit('/admin/campaigns/CAP-DHKM/periods');
	const plan = page.locator('form.plan');
	await plan.getByLabel('Loại kỳ').selectOption('quarter');
	const span = NEXT.replace(/-Q(\d)/, (_, n) => `-${String(3 * Number(n) - 2).padStart(2, '0')}`);
	await plan.getByLabel('Từ ngày').fill(`${span}-01`);
	await plan.getByLabel('Đến ngày').fill(`${span}-01`);
	await plan.getByLabel('Phiên bản bộ tiêu chí').selectOption(String(version));
	await plan.getByRole('button', { name: 'Lập các kỳ' }).click();
	await expect(page.getByRole('status')).toContainText(`Đã lập: ${periodName(NEXT, 'vi')}.`);
	const next = page.getByRole('row', { name: new RegExp(`^${periodName(NEXT, 'vi')} `) });
	await expect(next).toContainText(`v${version}`);
	await expect(next).toContainText('chưa mở');
	await next.getByRole('button', { name: `Mở kỳ ${periodName(NEXT, 'vi')}` }).click();
	await expect(page.getByRole('status')).toContainText(`Đã cập nhật kỳ ${periodName(NEXT, 'vi')}.`);
	await expect(next).toContainText('đang mở');
	await page.getByRole('button', { name: 'Đăng xuất' }).click();

	// The officer enters the next quarter against the new criteria…
	await signIn(page, 'officer.hungbinh');
	await visit(assessment(NEXT));
	await expect(page.getByText(`Bộ tiêu chí phiên bản ${version}`, { exact: true })).toBeVisible();
	await expect(page.locator('main')).toContainText(TITLE);

	// …while the current quarter keeps its version, its criteria and its score.
	await visit(assessment(CURRENT));
	await expect(versionLine).toHaveText(versionBefore!);
	await expect(page.getByTestId('score-line')).toHaveText(scoreBefore!);
	await expect(page.locator('main')).toContainText(OLD_TITLE);
	await expect(page.locator('main')).not.toContainText(TITLE);
});
