// The report as provinces exchange it: the Decree 30 frame on the print page, and the same
// report as a Word file; a unit's assessment record in the same frame.
import JSZip from 'jszip';
import { expect, expectAccessible, hydrated, test } from '../fixtures';

/** An approved assessment of the seeded history, past its period. */
const RECORD_ASSESSMENT = '/campaigns/CAP-DHKM/units/16681/periods/2026-Q3';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function documentText(body: Buffer) {
	const zip = await JSZip.loadAsync(body);
	const xml = await zip.file('word/document.xml')!.async('string');
	return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(' ');
}

test.describe('official reports', () => {
	test.beforeEach(async ({ as }) => {
		await as('leader');
	});

	test('the leader prints the report and takes it away in Word', async ({ page, visit }) => {
		await visit('/campaigns/PT-TDBVANTQ?period=2025-Q4');
		await page.getByRole('link', { name: 'Báo cáo in (A4)' }).click();
		await expect(page).toHaveURL(/\/campaigns\/PT-TDBVANTQ\/report\?period=2025-Q4/);
		await hydrated(page);
		await expectAccessible(page);

		const head = page.getByTestId('official-head');
		await expect(head).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		await expect(head).toContainText('Độc lập - Tự do - Hạnh phúc');
		await expect(head).toContainText('CÔNG AN TỈNH NGHỆ AN');
		await expect(head).toContainText(/Số: +\/BC-CAT/);
		await expect(head).toContainText(/Nghệ An, ngày \d{2} tháng \d{1,2} năm \d{4}/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('BÁO CÁO');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Quý IV/2025');
		const signature = page.getByTestId('signature-block');
		await expect(signature).toContainText('CHỨC VỤ NGƯỜI KÝ');
		await expect(signature).toContainText('(Ký, ghi rõ họ tên và đóng dấu)');
		await expect(page.getByTestId('official-foot')).toContainText('Nơi nhận:');

		const word = page.getByRole('link', { name: 'Tải bản Word (.docx)' });
		const href = await word.getAttribute('href');
		expect(href).toContain('/campaigns/PT-TDBVANTQ/report.docx?period=2025-Q4');
		const download = page.waitForEvent('download');
		await word.click();
		expect((await download).suggestedFilename()).toMatch(/\.docx$/);

		const response = await page.request.get(href!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe(DOCX);
		const body = await response.body();
		expect(body.length).toBeGreaterThan(0);
		const text = await documentText(body);
		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('Quý IV/2025');
	});

	test('the dashboard links to the Word report', async ({ page, visit }) => {
		await visit('/campaigns/CAP-DHKM?period=2026-Q3');
		const href = await page
			.getByRole('link', { name: 'Tải bản Word (.docx)' })
			.getAttribute('href');
		const response = await page.request.get(href!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe(DOCX);
	});

	test('an assessment prints as a record to sign', async ({ page, visit }) => {
		await visit(RECORD_ASSESSMENT);
		await page.getByRole('link', { name: 'Phiếu đánh giá để in và ký' }).click();
		await hydrated(page);
		await expectAccessible(page);
		await expect(page.getByTestId('official-head')).toContainText(
			'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
		);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('PHIẾU ĐÁNH GIÁ');
		await expect(
			page.getByRole('heading', { name: 'III. Ý KIẾN THẨM ĐỊNH VÀ PHÊ DUYỆT' })
		).toBeVisible();
		await expect(page.getByTestId('signature-block')).toHaveCount(3);
		const href = await page
			.getByRole('link', { name: 'Tải bản Word (.docx)' })
			.getAttribute('href');
		const response = await page.request.get(href!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe(DOCX);
		expect(await documentText(await response.body())).toContain('PHIẾU ĐÁNH GIÁ');
	});
});
