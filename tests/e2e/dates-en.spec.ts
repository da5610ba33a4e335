// Dates and file fields in a browser whose language is English: the fields still read and take
// dd/mm/yyyy (a native date field would show the first of March as 03/01/2023) and the file
// fields say "Chọn tệp", as the page does, not "Choose File".
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, hydrated, signIn, test } from './fixtures';
import { dateInputText } from '../../src/lib/domain/date-input';
import { CAMPAIGN, readWorkflowFixtures } from './support/workflow';

/** The campaign as the seed wrote it into the database. */
const seeded = JSON.parse(
	readFileSync('scripts/seed/data/campaigns/model-ward-police.json', 'utf8')
) as { code: string; start_date: string; target_date: string };

const DAY_OR_NONE = /^(\d{2}\/\d{2}\/\d{4})?$/;

async function englishAdmin(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		locale: 'en-US',
		extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' }
	});
	const page = await context.newPage();
	await signIn(page, 'admin');
	return page;
}

async function open(page: Page, path: string) {
	await page.goto(path);
	await hydrated(page);
}

/** Every date field of the page shows its day (if any) as dd/mm/yyyy; no native one is left. */
async function expectDayFirst(page: Page) {
	await expect(page.locator('input[type="date"]')).toHaveCount(0);
	const fields = page.locator('.date-field input');
	expect(await fields.count()).toBeGreaterThan(0);
	for (const field of await fields.all()) await expect(field).toHaveValue(DAY_OR_NONE);
}

// Each test signs in and opens two or three pages, each checked with axe.
test.describe.configure({ timeout: 90_000 });

test.beforeAll(() => expect(seeded.code).toBe(CAMPAIGN));

test('campaign settings and periods show the campaign dates as dd/mm/yyyy', async ({ browser }) => {
	const page = await englishAdmin(browser);
	await open(page, `/admin/campaigns/${CAMPAIGN}`);
	await expect(page.getByLabel('Ngày bắt đầu')).toHaveValue(dateInputText(seeded.start_date));
	await expect(page.getByLabel('Ngày mục tiêu')).toHaveValue(dateInputText(seeded.target_date));
	await expect(page.getByLabel('Ngày bắt đầu')).toHaveAccessibleDescription(
		'Dạng dd/mm/yyyy, ví dụ 01/03/2023'
	);
	await expectDayFirst(page);

	await open(page, `/admin/campaigns/${CAMPAIGN}/periods`);
	await expect(page.getByLabel('Từ ngày')).toHaveValue(dateInputText(seeded.start_date));
	await expect(page.getByLabel('Đến ngày')).toHaveValue(dateInputText(seeded.target_date));
	await expectDayFirst(page);
	await expectAccessible(page);

	// A period's deadline and an extension: a time and a day, as the pages write moments.
	await open(page, `/admin/campaigns/${CAMPAIGN}/periods/${readWorkflowFixtures().period}`);
	await expect(page.locator('input[type="datetime-local"]')).toHaveCount(0);
	await expect(page.getByLabel('Hạn nộp')).toHaveValue(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
	await expect(page.getByLabel('Gia hạn đến')).toHaveAttribute('placeholder', 'hh:mm dd/mm/yyyy');
});

test('the audit filters take 1/3/2023 and keep a date that does not exist', async ({ browser }) => {
	const page = await englishAdmin(browser);
	await open(page, '/admin/audit');
	const from = page.getByLabel('Từ ngày');
	const to = page.getByLabel('Đến ngày');
	await from.fill('1/3/2023');
	await from.blur();
	await expect(from).toHaveValue('01/03/2023');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await page.waitForURL(/from=/);
	await hydrated(page);
	await expect(from).toHaveValue('01/03/2023');
	await expect(from).not.toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#from-error')).toHaveCount(0);
	await expectDayFirst(page);

	// An impossible day: said at once beside the field, and kept as typed.
	await to.fill('31/02/2025');
	await to.blur();
	const message =
		'Ngày không hợp lệ: nhập một ngày có thật theo dạng dd/mm/yyyy, ví dụ 01/03/2023.';
	await expect(page.locator('#to-error')).toHaveText(message);
	await expect(to).toHaveAttribute('aria-invalid', 'true');
	await expect(to).toHaveAccessibleDescription(new RegExp(`${message.replace(/[.]/g, '\\.')}$`));
	await expect(to).toHaveValue('31/02/2025');
	// Sent anyway, the server ignores it, says so, and still shows what was typed.
	await page.getByRole('button', { name: 'Lọc' }).click();
	await page.waitForURL(/to=31/);
	await hydrated(page);
	await expect(page.locator('#to-error')).toHaveText('Ngày không hợp lệ: bỏ qua.');
	await expect(to).toHaveValue('31/02/2025');
	await expect(from).toHaveValue('01/03/2023');
	await expectAccessible(page);
});

test('a file field says Chọn tệp, then the chosen file name', async ({ browser }) => {
	const page = await englishAdmin(browser);
	await open(page, '/admin/units/import');
	const field = page.locator('.file-field');
	await expect(field.getByText('Chọn tệp', { exact: true })).toBeVisible();
	await expect(field.getByText('Chưa chọn tệp')).toBeVisible();
	await page.getByLabel('Tệp CSV').setInputFiles({
		name: 'don-vi-moi.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('code,name\n')
	});
	await expect(field.getByText('don-vi-moi.csv')).toBeVisible();
	await expect(field.getByText('Chưa chọn tệp')).toHaveCount(0);
	await expect(page.getByLabel('Tệp CSV')).toHaveAccessibleDescription('don-vi-moi.csv');
	// Reached from the keyboard: the real field takes the focus, its button shows it.
	await page.getByLabel('Tệp CSV').focus();
	await expect(page.getByLabel('Tệp CSV')).toBeFocused();
	await expectAccessible(page);
});
