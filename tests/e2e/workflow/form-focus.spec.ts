// Tabbing through the assessment form on a desktop and on a phone: whatever gets focus shows
// whole between the sticky score bar and the sticky action bar (WCAG 2.4.11).
import { expect, test } from '../fixtures';
import { CONFLICT_UNIT, readWorkflowFixtures } from '../support/workflow';
import { open, pageAs, pathOf } from './helpers';

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
