// A school in the movement (issue 18): officer.school opens the current period of Trường THCS
// Hưng Bình, empty in the demo, and finds the schools' own criteria, not the communes'; it fills
// them in with the evidence two of them need and submits.
import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { PDF_BYTES } from '../support/workflow';
import { answer, card, open, pageAs, statusOf } from './helpers';

interface FileCriterion {
	code: string;
	type: string;
	comparator?: string;
	target?: number | string;
	evidence_required?: boolean;
}

const movement = JSON.parse(
	readFileSync(
		new URL('../../../scripts/seed/data/campaigns/security-movement.json', import.meta.url),
		'utf8'
	)
) as {
	groups: { criteria: { title_vi: string }[] }[];
	sets: { audience: string; groups: { criteria: (FileCriterion & { title_vi: string })[] }[] }[];
};
const schoolCriteria = movement.sets
	.find((set) => set.audience === 'school')!
	.groups.flatMap((group) => group.criteria);

/** A value that meets the criterion, as an officer types it. */
function passing(criterion: FileCriterion): string {
	if (criterion.type === 'boolean') return 'yes';
	if (criterion.type === 'rating') return 'good';
	const target = Number(criterion.target ?? 0);
	return String(criterion.comparator === '<=' ? target : Math.max(target, 1));
}

test('a school is assessed against the schools’ criteria and submitted', async ({ browser }) => {
	test.setTimeout(120_000);
	const officer = await pageAs(browser, 'officer.school');
	await officer
		.locator('.todo-list > li')
		.filter({ hasText: 'PT-TDBVANTQ' })
		.getByRole('link', { name: /^Bắt đầu bản đánh giá / })
		.click();
	await officer.waitForURL(/\/campaigns\/PT-TDBVANTQ\/units\/S16672-1\/periods\/\d{4}-Q\d$/);
	await open(officer, new URL(officer.url()).pathname);
	await expect(officer.getByRole('heading', { name: /Trường THCS Hưng Bình/ })).toBeVisible();
	await expect(officer.getByText(schoolCriteria[0].title_vi)).toBeVisible();
	await expect(officer.getByText(movement.groups[0].criteria[0].title_vi)).toHaveCount(0);

	for (const criterion of schoolCriteria) await answer(officer, criterion, passing(criterion));
	await expect(officer.getByTestId('score-line')).toContainText(
		`100/100 điểm · đạt ${schoolCriteria.length}/${schoolCriteria.length} tiêu chí`
	);
	for (const criterion of schoolCriteria.filter((c) => c.evidence_required)) {
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
});
