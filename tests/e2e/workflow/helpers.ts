// Page helpers for the assessment form: a criterion's card, filling an answer as a person would.
import type { Browser, Page } from '@playwright/test';
import { hydrated, signIn } from '../fixtures';
import { assessmentPath, criterionAnchor } from '../../../src/lib/paths';
import { CAMPAIGN } from '../support/workflow';

/** The CAP-DHKM assessment of a unit in a period. */
export function pathOf(unit: string, period: string) {
	return assessmentPath(CAMPAIGN, unit, period);
}

/** The card of one criterion, by its anchor. */
export function card(page: Page, code: string) {
	return page.locator(`#${criterionAnchor(code)}`);
}

const RATING_LABELS: Record<string, string> = {
	weak: 'Yếu',
	average: 'Trung bình',
	fair: 'Khá',
	good: 'Tốt'
};

/** Types or picks an answer the way the form offers it for the criterion's type. */
export async function answer(page: Page, criterion: { code: string; type: string }, text: string) {
	const box = card(page, criterion.code);
	if (criterion.type === 'boolean') {
		await box.getByLabel(text === 'yes' ? 'Có' : text === 'no' ? 'Không' : 'Chưa trả lời').check();
	} else if (criterion.type === 'rating') {
		await box.getByRole('combobox').selectOption({ label: RATING_LABELS[text] ?? text });
	} else {
		await box.getByRole('textbox', { name: /Kết quả|Mức thay đổi|Số lượng/ }).fill(text);
	}
}

/** A page of its own browser context, signed in as `username`. */
export async function pageAs(browser: Browser, username: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, username);
	return page;
}

export async function open(page: Page, path: string) {
	await page.goto(path);
	await hydrated(page);
}

/** The status line under the title. */
export function statusOf(page: Page) {
	return page.getByText(/^Trạng thái: /);
}
