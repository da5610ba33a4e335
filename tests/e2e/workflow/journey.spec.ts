// The whole journey of one assessment: the officer fills it in with evidence and submits; the
// district returns it with a comment; the officer corrects and resubmits; the district verifies;
// the province refuses a backdated decision, then approves; the province dashboard counts the unit
// as recognised.
// (This folder runs after dashboard/, whose figures are those before the journey.)
import { readFileSync } from 'node:fs';
import { expect, expectAccessible, test } from '../fixtures';
import { expectedFiguresFile, type ExpectedFigures } from '../support/paths';
import { dateInputText } from '../../../src/lib/domain/date-input';
import { vnDate } from '../../../src/lib/domain/periods';
import {
	CAMPAIGN,
	EVIDENCE_CRITERION,
	JOURNEY_UNIT,
	PDF_BYTES,
	readWorkflowFixtures
} from '../support/workflow';
import { answer, card, open, pageAs, pathOf, statusOf } from './helpers';
import { periodName } from '../../../src/lib/domain/periods';

const COMMENT = 'Số liệu chưa khớp với báo cáo quý của phường.';
const REASON = 'Cần đối chiếu lại số liệu tội phạm trước khi xác minh.';

test('an assessment goes from first entry to recognition', async ({ browser }) => {
	test.setTimeout(120_000);
	const { period, criteria } = readWorkflowFixtures();
	const path = pathOf(JOURNEY_UNIT, period);
	const changed = criteria.find((c) => c.type === 'percent_change')!;

	// The officer starts from the to-do list of home.
	const officer = await pageAs(browser, `officer.${JOURNEY_UNIT}`);
	await officer
		.locator('.todo-list > li')
		.filter({ hasText: CAMPAIGN })
		.getByRole('link', { name: `Bắt đầu bản đánh giá ${periodName(period, 'vi')}` })
		.click();
	await officer.waitForURL(`**${path}`);
	await open(officer, path);
	await expectAccessible(officer);
	for (const criterion of criteria) await answer(officer, criterion, criterion.passing);
	await expect(officer.getByTestId('score-line')).toContainText(
		`100/100 điểm · đạt ${criteria.length}/${criteria.length} tiêu chí`
	);

	// Evidence for the criterion that requires it.
	const evidence = card(officer, EVIDENCE_CRITERION);
	await evidence.getByLabel(`Chọn tệp minh chứng cho ${EVIDENCE_CRITERION}`).setInputFiles({
		name: 'Nghị quyết chi bộ.pdf',
		mimeType: 'application/pdf',
		buffer: PDF_BYTES
	});
	await evidence.getByRole('button', { name: 'Tải lên' }).click();
	await expect(officer.getByText('Đã tải lên Nghị quyết chi bộ.pdf.')).toBeVisible();
	await expect(evidence.getByRole('link', { name: 'Nghị quyết chi bộ.pdf' })).toBeVisible();
	// Uploading kept everything typed so far.
	await expect(officer.getByTestId('score-line')).toContainText('100/100');

	await officer.getByRole('button', { name: 'Lưu và nộp' }).click();
	await expect(officer.getByText('Đã nộp bản đánh giá.')).toBeVisible();
	await expect(statusOf(officer)).toHaveText('Trạng thái: Đã nộp');

	// The district reviewer finds it in the queue and returns it with a comment.
	const reviewer = await pageAs(browser, 'reviewer.vinh');
	await open(reviewer, `/review?campaign=${CAMPAIGN}&period=${period}`);
	await reviewer
		.getByRole('link', {
			name: `Xem và thẩm định: Phường Trường Vinh, ${periodName(period, 'vi')}`
		})
		.click();
	await reviewer.waitForURL(`**${path}`);
	await open(reviewer, path);
	await expectAccessible(reviewer);
	// The evidence downloads as an attachment, never rendered by the browser.
	const link = card(reviewer, EVIDENCE_CRITERION).getByRole('link', {
		name: 'Nghị quyết chi bộ.pdf'
	});
	const download = await reviewer.request.get((await link.getAttribute('href'))!);
	expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
	expect(download.headers()['x-content-type-options']).toBe('nosniff');
	expect(download.headers()['content-type']).toBe('application/pdf');
	expect(Buffer.from(await download.body()).equals(PDF_BYTES)).toBe(true);
	await reviewer.getByLabel(`Nhận xét cho tiêu chí ${changed.code} (khi trả lại)`).fill(COMMENT);
	// The decision is one click away from anywhere on the page, through the sticky score bar.
	await card(reviewer, EVIDENCE_CRITERION).scrollIntoViewIfNeeded();
	await reviewer.getByRole('link', { name: 'Đến phần thẩm định' }).click();
	await expect(reviewer.getByRole('heading', { name: 'Thẩm định', exact: true })).toBeInViewport();
	await reviewer.getByLabel('Lý do', { exact: true }).fill(REASON);
	await reviewer.getByRole('button', { name: 'Trả lại để sửa' }).click();
	await expect(reviewer.getByText('Đã trả lại cho đơn vị kèm lý do và nhận xét.')).toBeVisible();

	// The officer sees the comment beside the criterion, corrects it and resubmits.
	await open(officer, path);
	await expect(statusOf(officer)).toHaveText('Trạng thái: Đang soạn');
	await expect(officer.getByText(`Lý do: ${REASON}`).first()).toBeVisible();
	await expect(card(officer, changed.code).getByText(COMMENT)).toBeVisible();
	await answer(officer, changed, '-5');
	await officer.getByRole('button', { name: 'Lưu và nộp' }).click();
	await expect(officer.getByText('Đã nộp bản đánh giá.')).toBeVisible();

	// The reviewer verifies.
	await open(reviewer, path);
	await expect(card(reviewer, changed.code).getByText('-5%')).toBeVisible();
	await reviewer.getByRole('button', { name: 'Xác minh' }).click();
	await expect(reviewer.getByText('Đã xác minh.', { exact: false })).toBeVisible();

	// The province approves, recognising the unit under a decision.
	const admin = await pageAs(browser, 'admin');
	await open(admin, path);
	await expect(statusOf(admin)).toHaveText('Trạng thái: Đã xác minh');
	await admin.getByLabel('Số quyết định công nhận').fill('125/QĐ-CAT');
	// A decision dated before the period began is refused beside the date, keeping what was typed.
	const decisionDate = admin.getByLabel('Ngày quyết định');
	const today = dateInputText(vnDate(new Date()));
	await decisionDate.fill('1/1/2023');
	await admin.getByRole('button', { name: 'Phê duyệt' }).click();
	await expect(decisionDate).toHaveAccessibleDescription(
		/Ngày quyết định không thể trước ngày bắt đầu kỳ đánh giá; ngày sớm nhất có thể là \d{2}\/\d{2}\/\d{4}\.$/
	);
	await expect(decisionDate).toHaveValue('01/01/2023');
	await expect(admin.getByLabel('Số quyết định công nhận')).toHaveValue('125/QĐ-CAT');
	await expect(statusOf(admin)).toHaveText('Trạng thái: Đã xác minh');
	await decisionDate.fill(today);
	await admin.getByRole('button', { name: 'Phê duyệt' }).click();
	await expect(admin.getByText('Đã phê duyệt và công nhận đơn vị.')).toBeVisible();
	await expect(statusOf(admin)).toHaveText('Trạng thái: Đã phê duyệt');
	await expect(admin.getByText(/Đơn vị đang được công nhận: quyết định 125\/QĐ-CAT/)).toBeVisible();

	// The history tells the story, newest first.
	const history = admin.getByRole('region', { name: 'Lịch sử thay đổi' });
	await expect(history.getByText('công nhận đơn vị, quyết định 125/QĐ-CAT')).toBeVisible();
	await expect(history.getByText(`Nhận xét ${changed.code}: ${COMMENT}`)).toBeVisible();
	await expect(history.getByText(/sửa tiêu chí .*: .* → -5%/)).toBeVisible();

	// The province dashboard now counts the unit as recognised.
	const figures = JSON.parse(readFileSync(expectedFiguresFile, 'utf8')) as ExpectedFigures;
	const vinh = figures[CAMPAIGN].districts.find((district) => district.code === '412')!;
	await open(admin, `/campaigns/${CAMPAIGN}?period=${period}`);
	const row = admin.getByRole('row', { name: new RegExp(vinh.name) });
	await expect(row.getByRole('cell').nth(1)).toHaveText(String(vinh.recognised + 1));
});
