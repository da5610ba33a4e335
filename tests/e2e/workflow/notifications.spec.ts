// Notifications: the officer submits Phường Cửa Lò's assessment and the area's reviewer hears of
// it; the reviewer returns it with a reason; the officer sees the bell's count, opens the list,
// clicks the entry and lands on the assessment, which is then read. Works at 360 px.
import { expect, expectAccessible, test } from '../fixtures';
import {
	EVIDENCE_CRITERION,
	NOTIFY_UNIT,
	PDF_BYTES,
	readWorkflowFixtures
} from '../support/workflow';
import { answer, card, open, pageAs, pathOf, statusOf } from './helpers';
import { periodName } from '../../../src/lib/domain/periods';

const REASON = 'Thiếu biên bản kiểm tra của Công an phường Cửa Lò.';
const bell = (page: import('@playwright/test').Page) =>
	page.getByRole('banner').getByRole('link', { name: /^Thông báo/ });
/** The unread count the bell carries (0 when it shows no badge). */
const unreadOf = async (page: import('@playwright/test').Page) =>
	Number(await bell(page).getAttribute('data-unread'));

test('a returned assessment notifies its officer, who opens it from the bell', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { period, criteria } = readWorkflowFixtures();
	const path = pathOf(NOTIFY_UNIT, period);

	const reviewer = await pageAs(browser, 'reviewer.vinh');
	const reviewerBefore = await unreadOf(reviewer);

	// The officer fills in the assessment with its evidence and submits it.
	const officer = await pageAs(browser, `officer.${NOTIFY_UNIT}`);
	const officerBefore = await unreadOf(officer);
	await open(officer, path);
	for (const criterion of criteria) await answer(officer, criterion, criterion.passing);
	const evidence = card(officer, EVIDENCE_CRITERION);
	await evidence.getByLabel(`Chọn tệp minh chứng cho ${EVIDENCE_CRITERION}`).setInputFiles({
		name: 'Biên bản.pdf',
		mimeType: 'application/pdf',
		buffer: PDF_BYTES
	});
	await evidence.getByRole('button', { name: 'Tải lên' }).click();
	await expect(officer.getByText('Đã tải lên Biên bản.pdf.')).toBeVisible();
	await officer.getByRole('button', { name: 'Lưu và nộp' }).click();
	await expect(officer.getByText('Đã nộp bản đánh giá.')).toBeVisible();

	// The reviewer of the area hears of the submission, and returns it with a reason.
	await open(reviewer, '/notifications');
	expect(await unreadOf(reviewer)).toBe(reviewerBefore + 1);
	await expect(
		reviewer.getByRole('link', { name: /Phường Cửa Lò đã nộp bản đánh giá/ }).first()
	).toBeVisible();
	await open(reviewer, path);
	await reviewer.getByLabel('Lý do', { exact: true }).fill(REASON);
	await reviewer.getByRole('button', { name: 'Trả lại để sửa' }).click();
	await expect(reviewer.getByText('Đã trả lại cho đơn vị kèm lý do và nhận xét.')).toBeVisible();

	// The officer's bell counts it; the list says what happened and why.
	await open(officer, '/');
	expect(await unreadOf(officer)).toBe(officerBefore + 1);
	await expect(bell(officer)).toHaveAccessibleName(`Thông báo: ${officerBefore + 1} chưa đọc`);
	await officer.setViewportSize({ width: 360, height: 780 });
	await bell(officer).click();
	await officer.waitForURL('**/notifications');
	await expectAccessible(officer);
	const entry = officer.getByRole('listitem').filter({ hasText: REASON });
	await expect(entry).toHaveCount(1);
	await expect(entry).toContainText('Bị trả lại');
	await expect(entry).toContainText('Chưa đọc');
	await expect(entry).toContainText(
		`Bản đánh giá của Phường Cửa Lò (CAP-DHKM, ${periodName(period, 'vi')}) bị trả lại để sửa. Lý do: ${REASON}`
	);
	// Nothing overflows the phone's width.
	const overflow = await officer.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);

	// Clicking it opens the assessment, back in draft with the reason, and marks it read.
	await entry.getByRole('link').click();
	await officer.waitForURL(`**${path}`);
	await expect(statusOf(officer)).toHaveText('Trạng thái: Đang soạn');
	await expect(officer.getByText(`Lý do: ${REASON}`).first()).toBeVisible();
	expect(await unreadOf(officer)).toBe(officerBefore);
	await open(officer, '/notifications');
	await expect(officer.getByRole('listitem').filter({ hasText: REASON })).not.toContainText(
		'Chưa đọc'
	);
});
