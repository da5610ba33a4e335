// The province approves five units under one decision: from the verified queue of PT-TDBVANTQ's
// open period, five eligible assessments of units no other spec uses, chosen by their checkboxes.
// Every such unit of the demo holds a recognition from an earlier period, so the province first
// revokes those five (a real step of its own), then approves the five at once: the dashboard
// counts five more, the decision's annex lists them, and its scanned PDF shows on a unit's page.
// (This folder runs after dashboard/; the five end recognised again, as the demo had them.)
import { expect, expectAccessible, hydrated, test } from '../fixtures';
import { periodName, quarterOf, vnDate } from '../../../src/lib/domain/periods';
import { dateInputText } from '../../../src/lib/domain/date-input';
import { PDF_BYTES } from '../support/workflow';

const CAMPAIGN = 'PT-TDBVANTQ';
const PERIOD = quarterOf(vnDate(new Date()));
/** Units other workflow specs work on. */
const TAKEN = ['16681', '16690', '16702', '16708', '17920'];
const QUEUE = `/review?campaign=${CAMPAIGN}&period=${PERIOD}&status=verified`;
const DASHBOARD = `/campaigns/${CAMPAIGN}?period=${PERIOD}&level=official`;
const NUMBER = '25/QĐ-UBND';

test('the province approves five units under one decision', async ({ page, as }) => {
	test.setTimeout(180_000);
	await as('admin');

	// Five eligible rows of the queue (those with a checkbox), of units no other spec touches.
	await page.goto(QUEUE);
	await hydrated(page);
	const rows = page.locator('tbody tr').filter({ has: page.getByRole('checkbox') });
	const chosen: { name: string; path: string }[] = [];
	for (const row of await rows.all()) {
		const link = row.getByRole('rowheader').getByRole('link');
		const path = (await link.getAttribute('href'))!;
		const code = path.split('/units/')[1].split('/')[0];
		if (TAKEN.includes(code) || chosen.some((c) => c.path === path)) continue;
		chosen.push({ name: (await link.textContent())!.trim(), path });
		if (chosen.length === 5) break;
	}
	expect(chosen).toHaveLength(5);

	// The demo recognised them in an earlier period: the province revokes that, with a reason.
	for (const unit of chosen) {
		await page.goto(unit.path);
		await hydrated(page);
		const revoke = page.getByRole('region', { name: 'Thu hồi công nhận' });
		if ((await revoke.count()) === 0) continue;
		await revoke.getByLabel('Lý do').fill('Rà soát lại trước quyết định công nhận năm.');
		await revoke.getByRole('button', { name: 'Thu hồi công nhận' }).click();
		await expect(page.getByText('Đã thu hồi công nhận.')).toBeVisible();
	}

	const recognised = async () => {
		await page.goto(DASHBOARD);
		await hydrated(page);
		const value = page.locator('.kpi', { hasText: 'Đã được công nhận' }).locator('.kpi-value');
		const text = (await value.textContent())!;
		return Number(text.split('/')[0].replace(/\D/g, ''));
	};
	const before = await recognised();

	// Choose the five; a form refused for its number keeps the choice.
	await page.goto(QUEUE);
	await hydrated(page);
	await expectAccessible(page);
	for (const unit of chosen) {
		await page
			.getByRole('checkbox', { name: `Chọn ${unit.name}, ${periodName(PERIOD, 'vi')}` })
			.check();
	}
	const approve = page.getByRole('button', { name: 'Phê duyệt 5 bản đã chọn' });
	await approve.click();
	await expect(page.getByText('Hãy nhập số quyết định công nhận.')).toBeVisible();
	for (const unit of chosen) {
		await expect(
			page.getByRole('checkbox', { name: `Chọn ${unit.name}, ${periodName(PERIOD, 'vi')}` })
		).toBeChecked();
	}
	await page.getByLabel('Số quyết định công nhận').fill(NUMBER);
	await expect(page.getByLabel('Ngày quyết định')).toHaveValue(dateInputText(vnDate(new Date())));
	await approve.click();

	// The decision's page: the five in its annex, printable and as .xlsx.
	await page.waitForURL(/\/review\/decisions\/\d+/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Quyết định số ${NUMBER}`);
	await expect(page.getByRole('status').first()).toContainText('Đã phê duyệt 5 bản đánh giá');
	const annex = page.getByRole('region', { name: 'Phụ lục: danh sách đơn vị được công nhận' });
	await expect(annex.locator('tbody tr')).toHaveCount(5);
	for (const unit of chosen) await expect(annex.getByText(unit.name)).toBeVisible();
	await expectAccessible(page);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải phụ lục Excel (.xlsx)' }).click();
	expect((await download).suggestedFilename()).toMatch(/^25-QD-UBND_\d{4}-\d{2}-\d{2}\.xlsx$/);

	// The scanned signed decision: a PDF only, then linked from a unit it recognises.
	await page.getByLabel('Tệp PDF bản quét').setInputFiles({
		name: 'quyet-dinh.png',
		mimeType: 'image/png',
		buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
	});
	await page.getByRole('button', { name: 'Tải lên bản quét' }).click();
	await expect(page.getByText('Tệp không phải PDF')).toBeVisible();
	await page.getByLabel('Tệp PDF bản quét').setInputFiles({
		name: 'quyet-dinh-25.pdf',
		mimeType: 'application/pdf',
		buffer: PDF_BYTES
	});
	await page.getByRole('button', { name: 'Tải lên bản quét' }).click();
	await expect(
		page.getByRole('link', { name: 'Bản quét quyết định đã ký: quyet-dinh-25.pdf' })
	).toBeVisible();
	const unitPage = chosen[0].path.split('/periods/')[0];
	await page.goto(unitPage);
	await hydrated(page);
	const scan = page.getByRole('link', { name: 'bản quét quyết định (PDF)' });
	await expect(scan).toBeVisible();
	const pdf = page.waitForEvent('download');
	await scan.click();
	expect((await pdf).suggestedFilename()).toBe('quyet-dinh-25.pdf');

	// The province dashboard counts the five.
	expect(await recognised()).toBe(before + 5);
});
