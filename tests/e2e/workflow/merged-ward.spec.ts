// The officer of a ward formed on 01/07/2025: officer.hungbinh followed Phường Hưng Bình into
// Phường Thành Vinh, reads where the ward came from, and enters the current quarter.
import { expect, test } from '../fixtures';
import { OFFICER_UNIT, readWorkflowFixtures } from '../support/workflow';
import { answer, card, open, pageAs, pathOf } from './helpers';

test('the officer of Phường Thành Vinh enters the current quarter', async ({ browser }) => {
	const { period, criteria } = readWorkflowFixtures();
	const criterion = criteria.find((c) => c.type === 'percent')!;
	const officer = await pageAs(browser, 'officer.hungbinh');
	await expect(officer).toHaveURL(new RegExp(`/units/${OFFICER_UNIT}$`));
	await expect(officer.getByRole('heading', { level: 1, name: 'Phường Thành Vinh' })).toBeVisible();
	const lineage = officer.getByRole('region', { name: 'Quá trình hình thành' });
	await expect(lineage).toContainText('Hợp nhất từ');
	await expect(lineage).toContainText('Phường Hưng Bình');
	await expect(lineage).toContainText('01/07/2025');

	await officer.getByRole('link', { name: `Mở bản đánh giá kỳ ${period}` }).click();
	await officer.waitForURL(`**${pathOf(OFFICER_UNIT, period)}`);
	await open(officer, pathOf(OFFICER_UNIT, period));
	await answer(officer, criterion, '91,5');
	await officer.getByRole('button', { name: 'Lưu nháp' }).click();
	await expect(officer.getByText('Đã lưu.')).toBeVisible();

	// What was saved is what the next visit shows.
	await open(officer, pathOf(OFFICER_UNIT, period));
	await expect(
		card(officer, criterion.code).getByRole('textbox', { name: 'Kết quả (%)' })
	).toHaveValue('91,5');
});
