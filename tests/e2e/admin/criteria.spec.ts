// The province admin drafts a new criteria set version of CAP-DHKM, edits a criterion, is refused
// publication while the points do not add up to 100, fixes them, publishes, and downloads the
// version as JSON. Past periods keep the version they were scored against. The movement campaign
// holds a set per audience: the schools' section has its own draft.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, hydrated, test } from '../fixtures';

const LIST = '/admin/campaigns/CAP-DHKM/criteria';
const MOVEMENT = '/admin/campaigns/PT-TDBVANTQ';
const TITLE = 'Tỷ lệ cán bộ, chiến sĩ có trình độ đại học trở lên (bản E2E)';

/** Another spec may have left a draft: one draft per campaign, so it goes first. */
async function discardDraft(page: Page) {
	const leftover = page.getByRole('link', { name: 'Sửa bản nháp' }).first();
	if (!(await leftover.isVisible())) return;
	await leftover.click();
	await hydrated(page);
	await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
	await page.waitForURL((url) => url.pathname.endsWith('/criteria'));
	await hydrated(page);
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<Download> {
	const download = page.waitForEvent('download');
	await click();
	return download;
}

test('drafts, edits, publishes and exports a criteria set version', async ({ page, as, visit }) => {
	test.setTimeout(120_000);
	page.on('dialog', (dialog) => dialog.accept());
	await as('admin');
	await visit(LIST);
	await expect(page.getByRole('table', { name: 'Các phiên bản' })).toContainText('Phiên bản 1');

	await discardDraft(page);

	const start = page.getByRole('button', { name: /^Tạo phiên bản mới từ phiên bản \d+$/ });
	const from = Number((await start.textContent())!.match(/\d+/)![0]);
	const version = from + 1;
	await start.click();
	await page.waitForURL(new RegExp(`/criteria/area/${version}\\?started`));
	await hydrated(page);
	await expect(page.getByRole('status')).toContainText(`Đã tạo bản nháp phiên bản ${version}.`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		`Bộ tiêu chí Xã, phường, thị trấn, phiên bản ${version}`
	);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Bản nháp');
	await expect(page.locator('.summary')).toContainText('Tổng điểm 100/100');
	await visit(`${LIST}/area/${version}`);

	const row = page.locator('[id="criterion-1.3"]');
	const edit = async () => {
		await row.getByRole('link', { name: 'Sửa tiêu chí 1.3' }).click();
		await expect(row.getByLabel('Nội dung tiêu chí (tiếng Việt)')).toBeVisible();
		await hydrated(page);
	};

	// A new title.
	await edit();
	await row.getByLabel('Nội dung tiêu chí (tiếng Việt)').fill(TITLE);
	await row.getByRole('button', { name: 'Lưu' }).click();
	await expect(row.getByRole('link', { name: 'Sửa tiêu chí 1.3' })).toBeVisible();
	await expect(row).toContainText(TITLE);

	// A typo is refused next to the field and keeps what was typed.
	await edit();
	await row.getByLabel('Điểm').fill('chín');
	await row.getByRole('button', { name: 'Lưu' }).click();
	await expect(row.getByText('phải là một số, ví dụ 4 hoặc 2,5.')).toBeVisible();
	await expect(row.getByLabel('Điểm')).toHaveValue('chín');
	await expect(row.getByLabel('Nội dung tiêu chí (tiếng Việt)')).toHaveValue(TITLE);

	// 4 → 9 points: the set adds up to 105 and cannot be published.
	await row.getByLabel('Điểm').fill('9');
	await row.getByRole('button', { name: 'Lưu' }).click();
	await expect(row).toContainText('9 điểm');
	const summary = page.locator('.summary');
	await expect(summary).toContainText('Tổng điểm 105/100');
	await expect(summary).toContainText('Tổng điểm là 105, phải bằng đúng 100.');
	await summary.getByRole('button', { name: `Công bố phiên bản ${version}` }).click();
	await expect(summary.getByRole('alert')).toContainText(
		'Chưa công bố được: bộ tiêu chí còn lỗi dưới đây.'
	);
	await expect(summary.getByRole('alert')).toContainText('Tổng điểm là 105, phải bằng đúng 100.');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Bản nháp');

	// Back to 4 points: valid, published.
	await edit();
	await row.getByLabel('Điểm').fill('4');
	await row.getByRole('button', { name: 'Lưu' }).click();
	await expect(summary).toContainText('Tổng điểm 100/100');
	await expect(summary).toContainText('Bộ tiêu chí hợp lệ, có thể công bố.');
	await summary.getByRole('button', { name: `Công bố phiên bản ${version}` }).click();
	await expect(page.getByRole('status')).toContainText(`Đã công bố phiên bản ${version}.`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Đã công bố');
	await expect(page.getByRole('link', { name: 'Sửa tiêu chí 1.3' })).toHaveCount(0);
	await expect(row).toContainText(TITLE);

	// The export is the campaign file with this version's criteria.
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải JSON' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`CAP-DHKM-criteria-v${version}.json`);
	const json = JSON.parse(await readFile((await file.path())!, 'utf8'));
	expect(json.code).toBe('CAP-DHKM');
	expect(json.audience).toBe('area');
	expect(json.recognition).toEqual({ min_score: 90, all_mandatory: true });
	const criteria = json.groups.flatMap((group: { criteria: unknown[] }) => group.criteria);
	expect(criteria).toHaveLength(23);
	expect(criteria.find((c: { code: string }) => c.code === '1.3')).toMatchObject({
		title_vi: TITLE,
		type: 'percent',
		comparator: '>=',
		target: 70,
		points: 4
	});

	// The list shows both versions; the periods still use the old one.
	await visit(LIST);
	const table = page.getByRole('table', { name: 'Các phiên bản' });
	const newRow = table.getByRole('row', { name: new RegExp(`^Phiên bản ${version} `) });
	await expect(newRow).toContainText('Đã công bố');
	await expect(newRow.getByRole('cell').nth(4)).toHaveText('0');
});

test('a criteria set goes out to Excel and back in unchanged', async ({ page, as, visit }) => {
	test.setTimeout(120_000);
	page.on('dialog', (dialog) => dialog.accept());
	await as('admin');
	await visit(LIST);
	await discardDraft(page);
	// Version 1: the one the first test's edit made different from the latest.
	const table = page.getByRole('table', { name: 'Các phiên bản' });
	const first = table.getByRole('row', { name: /^Phiên bản 1 / });
	const sheet = await downloaded(page, () =>
		first.getByRole('link', { name: 'Tải Excel' }).click()
	);
	expect(sheet.suggestedFilename()).toBe('CAP-DHKM-criteria-v1.xlsx');
	const json = await downloaded(page, () => first.getByRole('link', { name: 'Tải JSON' }).click());
	const original = JSON.parse(await readFile((await json.path())!, 'utf8'));

	await page.getByRole('button', { name: /^Tạo phiên bản mới từ phiên bản \d+$/ }).click();
	await page.waitForURL(/\/criteria\/area\/\d+\?started/);
	const version = Number(new URL(page.url()).pathname.split('/').at(-1));
	await visit(LIST);
	await page.getByText('Nhập bộ tiêu chí từ Excel hoặc JSON').click();
	await page.locator('#area-import-file').setInputFiles((await sheet.path())!);
	await page.getByRole('button', { name: 'Nhập vào bản nháp' }).click();
	await expect(page.getByRole('status')).toContainText(
		`Đã nhập 23 tiêu chí vào bản nháp phiên bản ${version}.`
	);

	const draft = table.getByRole('row', { name: new RegExp(`^Phiên bản ${version} `) });
	const back = await downloaded(page, () => draft.getByRole('link', { name: 'Tải JSON' }).click());
	expect(JSON.parse(await readFile((await back.path())!, 'utf8')).groups).toEqual(original.groups);
	await discardDraft(page);
});

test("the schools' section holds its own draft, and refuses another audience's file", async ({
	page,
	as,
	visit
}) => {
	test.setTimeout(120_000);
	page.on('dialog', (dialog) => dialog.accept());
	await as('admin');
	// The movement counts schools (the demo says so; an older demo gets it ticked here).
	await visit(MOVEMENT);
	const school = page.getByRole('checkbox', { name: 'Trường học' });
	if (!(await school.isChecked())) {
		await school.check();
		await page.getByRole('button', { name: 'Lưu', exact: true }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
	}

	await visit(`${MOVEMENT}/criteria`);
	const nav = page.getByRole('navigation', { name: 'Các bộ tiêu chí theo đối tượng' });
	await nav.getByRole('link', { name: 'Nhà trường' }).click();
	await expect(page).toHaveURL(/#audience-school$/);
	const section = page.getByRole('region', { name: 'Bộ tiêu chí Nhà trường' });
	await expect(section).toContainText('Chấm cho các đơn vị loại: Trường học.');
	const areaSection = page.getByRole('region', { name: 'Bộ tiêu chí Xã, phường, thị trấn' });
	const areaVersion = areaSection.getByRole('row', { name: /^Phiên bản \d+ / }).first();
	const areaJson = await downloaded(page, () =>
		areaVersion.getByRole('link', { name: 'Tải JSON' }).click()
	);
	const areaText = await readFile((await areaJson.path())!, 'utf8');
	expect(JSON.parse(areaText).audience).toBe('area');

	// A school draft of its own, numbered among the schools' versions.
	const leftover = section.getByRole('link', { name: 'Sửa bản nháp' }).first();
	if (await leftover.isVisible()) {
		await leftover.click();
		await hydrated(page);
		await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
		await page.waitForURL((url) => url.pathname.endsWith('/criteria'));
		await hydrated(page);
	}
	await section.getByRole('button', { name: /^Tạo phiên bản mới/ }).click();
	await page.waitForURL(/\/criteria\/school\/\d+\?started/);
	await hydrated(page);
	const version = Number(new URL(page.url()).pathname.split('/').at(-1));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		`Bộ tiêu chí Nhà trường, phiên bản ${version}`
	);

	// The communes' file is refused beside the file field; the draft keeps what it had.
	await visit(`${MOVEMENT}/criteria`);
	await section.getByText('Nhập bộ tiêu chí từ Excel hoặc JSON').click();
	await page.locator('#school-import-file').setInputFiles((await areaJson.path())!);
	await section.getByRole('button', { name: 'Nhập vào bản nháp' }).click();
	const refusal = section.locator('#school-file-error');
	await expect(refusal).toHaveText(
		'Tệp này là bộ tiêu chí Xã, phường, thị trấn, không nhập được vào bộ tiêu chí Nhà trường. ' +
			'Hãy chọn tệp của đúng đối tượng, hoặc nhập tệp này ở mục bộ tiêu chí Xã, phường, thị trấn.'
	);
	await expect(page.locator('#school-import-file')).toHaveAttribute(
		'aria-describedby',
		/school-file-error/
	);

	// Leave the movement as it was: the draft goes.
	await section.getByRole('link', { name: 'Sửa bản nháp' }).first().click();
	await hydrated(page);
	await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
	await page.waitForURL((url) => url.pathname.endsWith('/criteria'));
	await expect(
		page.getByRole('region', { name: 'Bộ tiêu chí Nhà trường' }).getByRole('link', {
			name: 'Sửa bản nháp'
		})
	).toHaveCount(0);
});
