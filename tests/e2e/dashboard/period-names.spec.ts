// Periods read as Vietnamese reports write them ("Quý IV/2026") wherever people read them, in a
// browser whose language is English too; only addresses and downloads keep the label 2026-Q4.
import type { Page } from '@playwright/test';
import { periodName } from '../../../src/lib/domain/periods';
import { expect, hydrated, signIn, test } from '../fixtures';
import { JOURNEY_UNIT, readWorkflowFixtures } from '../support/workflow';

const RAW_LABEL = /\b\d{4}-(?:Q[1-4]|H[12])\b/;

/** Every text a person reads or hears on the page: text nodes, accessible names, the title. */
async function readableTexts(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const texts: string[] = [document.title];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const tag = node.parentElement?.tagName;
			if (tag !== 'SCRIPT' && tag !== 'STYLE') texts.push(node.textContent ?? '');
		}
		for (const element of document.querySelectorAll('[aria-label],[title]')) {
			texts.push(element.getAttribute('aria-label') ?? element.getAttribute('title') ?? '');
		}
		return texts.map((text) => text.trim()).filter(Boolean);
	});
}

const pages: [string, string[]][] = [
	[
		'leader',
		['/', '/campaigns/CAP-DHKM', '/campaigns/CAP-DHKM/report', '/campaigns/CAP-DHKM/units/412']
	],
	['reviewer.vinh', ['/', '/review', '/review?status=verified']],
	[`officer.${JOURNEY_UNIT}`, ['/', `/campaigns/CAP-DHKM/units/${JOURNEY_UNIT}`]],
	['admin', ['/admin/campaigns/CAP-DHKM/periods']]
];

for (const [user, paths] of pages) {
	test(`${user} reads period names, not labels`, async ({ page }) => {
		await signIn(page, user);
		for (const path of paths) {
			await page.goto(path);
			await hydrated(page);
			const raw = (await readableTexts(page)).filter((text) => RAW_LABEL.test(text));
			expect(raw, path).toEqual([]);
		}
	});
}

test.describe('in an English browser', () => {
	test.use({ locale: 'en-US', extraHTTPHeaders: { 'accept-language': 'en-US,en;q=0.9' } });

	test('the dashboard names the open quarter in Vietnamese', async ({ page }) => {
		const { period } = readWorkflowFixtures();
		await signIn(page, 'leader');
		await page.goto(`/campaigns/CAP-DHKM?period=${period}`);
		await hydrated(page);
		const name = periodName(period, 'vi');
		expect(name).toMatch(/^Quý [IV]+\/\d{4}$/);
		await expect(page.getByLabel('Kỳ đánh giá')).toContainText(name);
		await expect(page.getByTestId('level-note')).toContainText(`Số liệu ${name}:`);
	});
});
