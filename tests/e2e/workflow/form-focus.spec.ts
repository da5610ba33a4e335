// The assessment form as it is worked in: whatever gets focus shows whole between the sticky
// score bar and the sticky action bar (WCAG 2.4.11), a note grows with its text, and the error
// summary leads to each field it counts.
import { criterionAnchor } from '../../../src/lib/paths';
import { expect, test } from '../fixtures';
import { CONFLICT_UNIT, readWorkflowFixtures } from '../support/workflow';
import { answer, card, open, pageAs, pathOf } from './helpers';

for (const width of [1280, 360]) {
	test(`focus is never hidden beneath the sticky bars at ${width} px`, async ({ browser }) => {
		const { period } = readWorkflowFixtures();
		const page = await pageAs(browser, `officer.${CONFLICT_UNIT}`);
		await page.setViewportSize({ width, height: 700 });
		await open(page, pathOf(CONFLICT_UNIT, period));
		await expect(page.locator('#assessment-form .actions')).toBeVisible();
		let checked = 0;
		for (let step = 0; step < 60; step++) {
			await page.keyboard.press('Tab');
			const place = await page.evaluate(() => {
				const focused = document.activeElement as HTMLElement | null;
				const form = document.getElementById('assessment-form');
				const top = document.querySelector('.score-bar')!.getBoundingClientRect();
				const bottom = form!.querySelector('.actions')!.getBoundingClientRect();
				if (!focused || !form?.contains(focused) || focused.closest('.actions')) return null;
				const box = focused.getBoundingClientRect();
				return {
					name: `${focused.tagName} ${focused.id}`,
					clearOfTop: box.top >= top.bottom - 1,
					clearOfBottom: box.bottom <= bottom.top + 1
				};
			});
			if (!place) continue;
			checked++;
			expect(place, place.name).toMatchObject({ clearOfTop: true, clearOfBottom: true });
		}
		expect(checked).toBeGreaterThan(20);
	});
}

test('a note grows with its text; the error summary links each field in error', async ({
	browser
}) => {
	const { period, criteria } = readWorkflowFixtures();
	const page = await pageAs(browser, `officer.${CONFLICT_UNIT}`);
	await open(page, pathOf(CONFLICT_UNIT, period));
	const first = criteria[0];
	const note = card(page, first.code).getByRole('textbox', { name: 'Ghi chú' });
	const before = (await note.boundingBox())!.height;
	await note.fill('Dòng một\nDòng hai\nDòng ba\nDòng bốn\nDòng năm\nDòng sáu');
	await expect.poll(async () => (await note.boundingBox())!.height).toBeGreaterThan(before + 60);

	const percent = criteria.find((c) => c.type === 'percent')!;
	await answer(page, percent, '120');
	await page.getByRole('button', { name: 'Lưu nháp' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Có 1 ô chưa hợp lệ');
	await summary.getByRole('link', { name: `Kết quả của tiêu chí ${percent.code}` }).click();
	await expect(page).toHaveURL(new RegExp(`#${criterionAnchor(percent.code)}$`));
});
