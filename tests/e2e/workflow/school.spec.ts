// A school in the movement (issue 18): officer.school starts the current period of Trường THCS Hưng
// Bình from the to-do list and finds the schools' own criteria, not the communes'; it fills them in
// with the evidence some need and submits. The reviewer of the former Vinh district verifies, the
// province approves, and the leader reads the agencies-enterprises-schools block of the dashboard,
// which now counts the school as recognised.
import { readFileSync } from 'node:fs';
import { expect, expectAccessible, test } from '../fixtures';
import { assessmentPath } from '../../../src/lib/paths';
import { dateInputText } from '../../../src/lib/domain/date-input';
import { periodName, vnDate } from '../../../src/lib/domain/periods';
import { MOVEMENT, readSchoolFixtures, SCHOOL_OFFICER } from '../support/school';
import { PDF_BYTES } from '../support/workflow';
import { answer, card, open, pageAs, statusOf } from './helpers';

/** The first criterion of the communes' set, which a school must not be asked. */
const communeCriterion = (
	JSON.parse(
		readFileSync(
			new URL('../../../scripts/seed/data/campaigns/security-movement.json', import.meta.url),
			'utf8'
		)
	) as { groups: { criteria: { title_vi: string }[] }[] }
).groups[0].criteria[0].title_vi;

test('a school enters, the area verifies, the province approves, the leader reads the block', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const { period, unit, criteria, block } = readSchoolFixtures();
	const path = assessmentPath(MOVEMENT, unit.code, period);

	// The officer starts from the to-do list, on the schools' set.
	const officer = await pageAs(browser, SCHOOL_OFFICER);
	await officer
		.locator('.todo-list > li')
		.filter({ hasText: MOVEMENT })
		.getByRole('link', { name: `Bắt đầu bản đánh giá ${periodName(period, 'vi')}` })
		.click();
	await officer.waitForURL(`**${path}`);
	await open(officer, path);
	await expect(officer.getByRole('heading', { level: 1 })).toContainText(unit.name);
	await expect(officer.getByText(/Bộ tiêu chí Nhà trường, phiên bản \d+/)).toBeVisible();
	await expect(officer.getByText(criteria[0].title)).toBeVisible();
	await expect(officer.getByText(communeCriterion)).toHaveCount(0);
	await expectAccessible(officer);
	for (const criterion of criteria) await answer(officer, criterion, criterion.passing);
	await expect(officer.getByTestId('score-line')).toContainText(
		`100/100 điểm · đạt ${criteria.length}/${criteria.length} tiêu chí`
	);
	for (const criterion of criteria.filter((c) => c.evidenceRequired)) {
		const box = card(officer, criterion.code);
		await box.getByLabel(`Chọn tệp minh chứng cho ${criterion.code}`).setInputFiles({
			name: `Minh chứng ${criterion.code}.pdf`,
			mimeType: 'application/pdf',
			buffer: PDF_BYTES
		});
		await box.getByRole('button', { name: 'Tải lên' }).click();
		await expect(officer.getByText(`Đã tải lên Minh chứng ${criterion.code}.pdf.`)).toBeVisible();
	}
	await officer.getByRole('button', { name: 'Lưu và nộp' }).click();
	await expect(officer.getByText('Đã nộp bản đánh giá.')).toBeVisible();
	await expect(statusOf(officer)).toHaveText('Trạng thái: Đã nộp');

	// The reviewer of the former Vinh district finds it in the queue and verifies.
	const reviewer = await pageAs(browser, 'reviewer.vinh');
	await open(reviewer, `/review?campaign=${MOVEMENT}&period=${period}`);
	await reviewer
		.getByRole('link', { name: `Xem và thẩm định: ${unit.name}, ${periodName(period, 'vi')}` })
		.click();
	await reviewer.waitForURL(`**${path}`);
	await open(reviewer, path);
	await reviewer.getByRole('button', { name: 'Xác minh' }).click();
	await expect(reviewer.getByText('Đã xác minh.', { exact: false })).toBeVisible();

	// The province approves under a decision.
	const admin = await pageAs(browser, 'admin');
	await open(admin, path);
	await expect(statusOf(admin)).toHaveText('Trạng thái: Đã xác minh');
	await admin.getByLabel('Số quyết định công nhận').fill('311/QĐ-CAT');
	await admin.getByLabel('Ngày quyết định').fill(dateInputText(vnDate(new Date())));
	await admin.getByRole('button', { name: 'Phê duyệt' }).click();
	await expect(admin.getByText('Đã phê duyệt và công nhận đơn vị.')).toBeVisible();

	// The leader reads the block: its own denominator, one more unit recognised.
	const leader = await pageAs(browser, 'leader');
	await open(leader, `/campaigns/${MOVEMENT}?period=${period}&block=institution`);
	await expect(leader.getByTestId('block-note')).toContainText(
		'Số liệu riêng khối cơ quan, doanh nghiệp, nhà trường'
	);
	await expectAccessible(leader);
	// The first tile reads 'recognised / counted'.
	const tile = leader.getByRole('region', { name: 'Chỉ số chính' }).locator('.kpi-value').first();
	const [recognised, units] = (await tile.innerText())
		.split('/')
		.map((part) => Number(part.replace(/\D/g, '')));
	expect({ recognised, units }).toEqual({ recognised: block.recognised + 1, units: block.units });
});
