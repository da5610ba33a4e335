// The officer of a ward formed on 01/07/2025: officer.hungbinh followed Phường Hưng Bình into
// Phường Thành Vinh, reads where the ward came from, and enters the current quarter.
import { expect, test } from '../fixtures';
import { OFFICER_UNIT, readWorkflowFixtures } from '../support/workflow';
import { answer, card, open, pageAs, pathOf, statusOf } from './helpers';
import { periodName } from '../../../src/lib/domain/periods';

const REASON = 'Bổ sung số liệu sau khi hợp nhất phường.';

test('the officer of Phường Thành Vinh enters the current quarter', async ({ browser }) => {
	test.setTimeout(90_000);
	const { period, criteria } = readWorkflowFixtures();
	const path = pathOf(OFFICER_UNIT, period);
	const criterion = criteria.find((c) => c.type === 'percent')!;

	// How far the seed took the quarter depends on the day: whoever holds it gives it back.
	const admin = await pageAs(browser, 'admin');
	await open(admin, path);
	const status = await statusOf(admin).textContent();
	const holder = status?.includes('Đã nộp')
		? await pageAs(browser, 'reviewer.vinh')
		: status?.includes('Đã xác minh')
			? admin
			: null;
	if (holder) {
		await open(holder, path);
		// The review form's reason (a recognised unit's page also has the revocation's).
		await holder.locator('#review-reason').fill(REASON);
		await holder.getByRole('button', { name: 'Trả lại để sửa' }).click();
		await expect(holder.getByText(/Đã trả lại cho đơn vị/)).toBeVisible();
	}

	// Home is the officer's to-do list across the ward's campaigns; a returned quarter comes first,
	// with the reviewer's words.
	const officer = await pageAs(browser, 'officer.hungbinh');
	await expect(officer.getByRole('heading', { level: 1, name: 'Việc cần làm' })).toBeVisible();
	const tasks = officer.locator('.todo-list > li');
	const task = tasks.filter({ hasText: 'CAP-DHKM' });
	if (holder) {
		await expect(tasks.first()).toContainText('CAP-DHKM');
		await expect(task).toContainText('Bị trả lại, cần sửa');
		await expect(task).toContainText(REASON);
	}
	await expect(task).toContainText(
		/Hạn nộp \d\d\/\d\d\/\d{4} · (còn \d+ ngày|hôm nay là ngày cuối)/
	);

	// Both campaigns are one click away from home; the ward's page tells where it came from.
	const campaigns = officer.getByRole('navigation', { name: 'Chọn phong trào' });
	await expect(campaigns.getByRole('link', { name: /PT-TDBVANTQ/ })).toBeVisible();
	await campaigns.getByRole('link', { name: /CAP-DHKM/ }).click();
	await expect(officer).toHaveURL(new RegExp(`/campaigns/CAP-DHKM/units/${OFFICER_UNIT}$`));
	await expect(officer.getByRole('heading', { level: 1, name: 'Phường Thành Vinh' })).toBeVisible();
	const lineage = officer.getByRole('region', { name: 'Quá trình hình thành' });
	await expect(lineage).toContainText('Hợp nhất từ');
	await expect(lineage).toContainText('Phường Hưng Bình');
	await expect(lineage).toContainText('01/07/2025');

	await officer.goBack();
	await task
		.getByRole('link', { name: new RegExp(`bản đánh giá ${periodName(period, 'vi')}$`) })
		.click();
	await officer.waitForURL(`**${path}`);
	await open(officer, path);
	await expect(statusOf(officer)).toHaveText('Trạng thái: Đang soạn');
	await answer(officer, criterion, '91,5');
	await officer.getByRole('button', { name: 'Lưu nháp' }).click();
	await expect(officer.getByText('Đã lưu.')).toBeVisible();

	// What was saved is what the next visit shows.
	await open(officer, path);
	await expect(
		card(officer, criterion.code).getByRole('textbox', { name: 'Kết quả (%)' })
	).toHaveValue('91,5');

	// The ward's other campaign is one click away from its page.
	await open(officer, `/campaigns/CAP-DHKM/units/${OFFICER_UNIT}`);
	await officer
		.getByRole('navigation', { name: 'Chọn phong trào' })
		.getByRole('link', { name: /PT-TDBVANTQ/ })
		.click();
	await expect(officer).toHaveURL(new RegExp(`/campaigns/PT-TDBVANTQ/units/${OFFICER_UNIT}$`));
	await expect(officer.getByRole('heading', { level: 1, name: 'Phường Thành Vinh' })).toBeVisible();
});
