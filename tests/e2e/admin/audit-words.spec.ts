// The audit log tells the journey (workflow/journey.spec.ts: the journey unit submitted, returned,
// verified and approved) in Vietnamese sentences: who did what to which assessment, of which unit,
// period and campaign, with links that open those pages, and no raw field names or codes.
import { periodName } from '../../../src/lib/domain/periods';
import { expect, test } from '../fixtures';
import { CAMPAIGN, JOURNEY_UNIT, readWorkflowFixtures } from '../support/workflow';

const UNIT_NAME = 'Phường Trường Vinh';

test.beforeEach(async ({ as }) => {
	// A page of fifty entries, each checked for accessibility: slower than most.
	test.setTimeout(120_000);
	await as('admin');
});

test('the journey reads as sentences naming the unit, the period and the campaign', async ({
	page,
	visit
}) => {
	const { period } = readWorkflowFixtures();
	const assessment = `bản đánh giá của ${UNIT_NAME} (${JOURNEY_UNIT}), kỳ ${periodName(period, 'vi')}, phong trào ${CAMPAIGN}`;
	const list = page.getByRole('list', { name: 'Các mục nhật ký' });
	const entries = list.getByRole('listitem');
	const sentence = (verb: string) =>
		entries.filter({ hasText: `đã ${verb} ${assessment}` }).first();

	await visit(`/admin/audit?unit=${JOURNEY_UNIT}`);
	await expect(sentence('phê duyệt')).toBeVisible();
	await expect(sentence('xác minh')).toBeVisible();
	await expect(sentence('trả lại')).toBeVisible();
	const approved = sentence('phê duyệt');
	await expect(approved.getByRole('row', { name: /^Trạng thái/ }).getByRole('cell')).toHaveText([
		'Đã xác minh',
		'Đã phê duyệt'
	]);
	await expect(approved.getByRole('row', { name: /^Đủ điều kiện công nhận/ })).toContainText('Có');

	// Nothing reads as the database stores it.
	const shown = await list.innerText();
	for (const raw of [
		/\bstatus\b/,
		/\bsubmitted\b/,
		/\bverified\b/,
		/\beligible\b/,
		/\bcriterion\b/
	]) {
		expect(shown).not.toMatch(raw);
	}
	expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}/);
	expect(shown).not.toContain(`kỳ ${period}`);

	// The links open the assessment, the unit's page and the campaign.
	await approved.getByRole('link', { name: 'bản đánh giá', exact: true }).click();
	await expect(page).toHaveURL(
		new RegExp(`/campaigns/${CAMPAIGN}/units/${JOURNEY_UNIT}/periods/${period}$`)
	);
	await expect(page.getByText('Trạng thái: Đã phê duyệt')).toBeVisible();
	await page.goBack();
	await sentence('xác minh')
		.getByRole('link', { name: `${UNIT_NAME} (${JOURNEY_UNIT})`, exact: true })
		.click();
	await expect(page).toHaveURL(new RegExp(`/campaigns/${CAMPAIGN}/units/${JOURNEY_UNIT}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(UNIT_NAME);
	await page.goBack();
	await sentence('xác minh').getByRole('link', { name: CAMPAIGN, exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/campaigns/${CAMPAIGN}$`));
});

test('a saved value names its criterion and reads with a decimal comma', async ({
	page,
	visit
}) => {
	const { period, criteria } = readWorkflowFixtures();
	await visit(`/admin/audit?unit=${JOURNEY_UNIT}&action=result.value`);
	const entries = page.getByRole('list', { name: 'Các mục nhật ký' }).getByRole('listitem');
	const criterion = criteria[0];
	const value = entries
		.filter({ hasText: `đã sửa giá trị tiêu chí ${criterion.code} ` })
		.filter({ hasText: `kỳ ${periodName(period, 'vi')}` })
		.last();
	await expect(value.getByRole('row', { name: /^Giá trị/ })).toBeVisible();
	await expect(value.getByRole('row', { name: /^Giá trị/ })).not.toContainText(/\d\.\d/);
	await value
		.getByRole('link', { name: new RegExp(`^${criterion.code.replace('.', '\\.')} `) })
		.click();
	await expect(page).toHaveURL(
		new RegExp(`/periods/${period}#c-${criterion.code.replace(/[^A-Za-z0-9_-]/g, '_')}$`)
	);
});
