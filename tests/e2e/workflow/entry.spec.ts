// Entering an assessment: concurrent saves never overwrite each other silently, and bad input of
// every kind gets a clear message beside its field with nothing stored and nothing typed lost.
import { expect, test } from '../fixtures';
import {
	BAD_INPUT_UNIT,
	CONFLICT_UNIT,
	EVIDENCE_CRITERION,
	KEPT_UNIT,
	PDF_BYTES,
	readWorkflowFixtures
} from '../support/workflow';
import { answer, card, open, pageAs, pathOf, statusOf } from './helpers';

function percentCriterion() {
	return readWorkflowFixtures().criteria.find((c) => c.type === 'percent')!;
}

test('a stale save gets the conflict message and keeps what was typed', async ({ browser }) => {
	const { period } = readWorkflowFixtures();
	const path = pathOf(CONFLICT_UNIT, period);
	const criterion = percentCriterion();
	const first = await pageAs(browser, `officer.${CONFLICT_UNIT}`);
	const second = await pageAs(browser, `officer.${CONFLICT_UNIT}`);
	await open(first, path);
	await open(second, path);

	await answer(first, criterion, '80');
	await first.getByRole('button', { name: 'Lưu nháp' }).click();
	await expect(first.getByText('Đã lưu.')).toBeVisible();

	await answer(second, criterion, '75,5');
	await second.getByRole('button', { name: 'Lưu nháp' }).click();
	await expect(second.getByText(/Người khác đã lưu hoặc chuyển bản đánh giá này/)).toBeVisible();
	const input = card(second, criterion.code).getByRole('textbox', { name: 'Kết quả (%)' });
	await expect(input).toHaveValue('75,5');
	await expect(card(second, criterion.code).getByText('Giá trị đang lưu: 80%')).toBeVisible();

	// Nothing of the second save was stored.
	const third = await pageAs(browser, `officer.${CONFLICT_UNIT}`);
	await open(third, path);
	await expect(
		card(third, criterion.code).getByRole('textbox', { name: 'Kết quả (%)' })
	).toHaveValue('80');

	// The second officer decides to keep theirs, knowingly.
	await second.getByRole('button', { name: 'Giữ bản của tôi để lưu đè' }).click();
	await second.getByRole('button', { name: 'Lưu nháp' }).click();
	await expect(second.getByText('Đã lưu.')).toBeVisible();
	await open(third, path);
	await expect(
		card(third, criterion.code).getByRole('textbox', { name: 'Kết quả (%)' })
	).toHaveValue('75,5');
});

test('bad input is explained beside its field and nothing is stored', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const { period, criteria } = readWorkflowFixtures();
	const path = pathOf(BAD_INPUT_UNIT, period);
	const percent = percentCriterion();
	const count = criteria.find((c) => c.type === 'count')!;
	const page = await pageAs(browser, `officer.${BAD_INPUT_UNIT}`);
	await open(page, path);

	await answer(page, percent, '120');
	await expect(card(page, percent.code).getByText('Tỷ lệ phải từ 0 đến 100.')).toBeVisible();
	await answer(page, count, '-3');
	await expect(card(page, count.code).getByText('Số lượng không thể âm.')).toBeVisible();
	await page.getByRole('button', { name: 'Lưu nháp' }).click();
	await expect(page.getByText(/Có 2 ô chưa hợp lệ/)).toBeVisible();
	await expect(card(page, percent.code).getByRole('textbox', { name: 'Kết quả (%)' })).toHaveValue(
		'120'
	);
	await answer(page, percent, 'abc');
	await expect(
		card(page, percent.code).getByText('Không phải là số.', { exact: false })
	).toBeVisible();

	// Nothing was stored: another session sees an untouched assessment.
	const check = await pageAs(browser, `officer.${BAD_INPUT_UNIT}`);
	await open(check, path);
	await expect(check.getByText('Chưa có thay đổi nào.')).toBeVisible();

	// An oversized file is stopped before it is sent; an executable named .pdf by the server.
	const evidence = card(page, EVIDENCE_CRITERION);
	const picker = evidence.getByLabel(`Chọn tệp minh chứng cho ${EVIDENCE_CRITERION}`);
	await picker.setInputFiles({
		name: 'quet.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.alloc(20 * 1024 * 1024 + 1, 0x25)
	});
	await evidence.getByRole('button', { name: 'Tải lên' }).click();
	await expect(evidence.getByText('Tệp lớn hơn 20,0 MB.')).toBeVisible();
	await picker.setInputFiles({
		name: 'bao-cao.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])
	});
	await evidence.getByRole('button', { name: 'Tải lên' }).click();
	await expect(evidence.getByText(/Tệp không phải PDF, JPEG, PNG, Word hay Excel/)).toBeVisible();
	await expect(evidence.getByText('Chưa có tệp minh chứng.')).toBeVisible();
	// What was typed survived both uploads.
	await expect(card(page, percent.code).getByRole('textbox', { name: 'Kết quả (%)' })).toHaveValue(
		'abc'
	);

	// Submitting with missing answers is refused with the list of what is missing.
	await answer(page, percent, percent.passing);
	await answer(page, count, count.passing);
	await page.getByRole('button', { name: 'Lưu và nộp' }).click();
	await expect(page.getByText('Chưa thể nộp. Các giá trị đã được lưu; còn thiếu:')).toBeVisible();
	const missing = page.getByRole('alert');
	await expect(missing.getByRole('link', { name: EVIDENCE_CRITERION })).toHaveCount(2);
	await expect(statusOf(page)).toHaveText('Trạng thái: Đang soạn');

	// Completed with evidence, it is submitted; then a crafted save is refused.
	for (const criterion of criteria) await answer(page, criterion, criterion.passing);
	await picker.setInputFiles({
		name: 'bien-ban.pdf',
		mimeType: 'application/pdf',
		buffer: PDF_BYTES
	});
	// A file chosen and not uploaded is never left behind: the save is refused beside the field.
	await page.getByRole('button', { name: 'Lưu và nộp' }).click();
	await expect(evidence.getByText(/Tệp đã chọn chưa được tải lên/)).toBeVisible();
	await expect(picker).toBeFocused();
	await expect(statusOf(page)).toHaveText('Trạng thái: Đang soạn');
	await evidence.getByRole('button', { name: 'Tải lên' }).click();
	await expect(evidence.getByRole('link', { name: 'bien-ban.pdf' })).toBeVisible();
	await expect(evidence.getByText(/Tệp đã chọn chưa được tải lên/)).toBeHidden();
	await page.getByRole('button', { name: 'Lưu và nộp' }).click();
	await expect(page.getByText('Đã nộp bản đánh giá.')).toBeVisible();

	const version = await page.locator('input[name=version]').inputValue();
	const headers = { origin: baseURL!, accept: 'text/html' };
	const crafted = await page.request.post(`${path}?/save`, {
		form: { version, [`value.${percent.code}`]: '1' },
		headers,
		maxRedirects: 0
	});
	expect(crafted.status()).toBe(409);
	const elsewhere = await page.request.post(`${pathOf(CONFLICT_UNIT, period)}?/save`, {
		form: { version: '0', [`value.${percent.code}`]: '1' },
		headers,
		maxRedirects: 0
	});
	expect(elsewhere.status()).toBe(404);
	await open(page, path);
	await expect(statusOf(page)).toHaveText('Trạng thái: Đã nộp');
	await expect(card(page, percent.code).locator('.answer')).toContainText(
		`Kết quả: ${percent.passing}%`
	);
});

test('what is typed survives a lost connection and a closed tab', async ({ browser }) => {
	const { period } = readWorkflowFixtures();
	const path = pathOf(KEPT_UNIT, period);
	const criterion = percentCriterion();
	const page = await pageAs(browser, `officer.${KEPT_UNIT}`);
	await open(page, path);
	const field = (on: typeof page) =>
		card(on, criterion.code).getByRole('textbox', { name: 'Kết quả (%)' });
	const typed = (await field(page).inputValue()) === '77,5' ? '78,5' : '77,5';
	await answer(page, criterion, typed);

	// The connection drops as the officer saves: the page says so and keeps the entry.
	const isSave = (url: URL) => url.search === '?/save';
	await page.route(isSave, (route) => route.abort('internetdisconnected'));
	await page.getByRole('button', { name: 'Lưu nháp' }).click();
	const lost = page.getByRole('alert').filter({ hasText: 'Chưa gửi được do mất kết nối mạng' });
	await expect(lost).toBeVisible();
	await expect(field(page)).toHaveValue(typed);

	// The same assessment opened again in this browser (a closed tab, a reload) brings it back.
	const again = await page.context().newPage();
	await open(again, path);
	await expect(field(again)).toHaveValue(typed);
	await expect(again.getByText('Đã khôi phục nội dung của 1 tiêu chí')).toBeVisible();
	await again.close();

	// Back online, sending again saves it; afterwards there is nothing left to bring back.
	await page.unroute(isSave);
	await lost.getByRole('button', { name: 'Gửi lại' }).click();
	await expect(page.getByText('Đã lưu.')).toBeVisible();
	const later = await page.context().newPage();
	await open(later, path);
	await expect(field(later)).toHaveValue(typed);
	await expect(later.getByText(/Đã khôi phục nội dung/)).toHaveCount(0);
});
