import { describe, expect, it } from 'vitest';
import { kindLabel, noticeText } from './text';

const refs = { unit: 'Phường Cửa Lò', campaign: 'CAP-DHKM', period: '2026-Q4' };

describe('notification sentences', () => {
	it('says what happened, in Vietnamese and in English', () => {
		const params = { reason: 'Thiếu biên bản.' };
		expect(noticeText('returned', refs, params, 'vi')).toBe(
			'Bản đánh giá của Phường Cửa Lò (CAP-DHKM, Quý IV/2026) bị trả lại để sửa. Lý do: Thiếu biên bản.'
		);
		expect(noticeText('returned', refs, params, 'en')).toBe(
			'The assessment of Phường Cửa Lò (CAP-DHKM, Q4 2026) was returned for correction. Reason: Thiếu biên bản.'
		);
		expect(kindLabel('returned', 'vi')).toBe('Bị trả lại');
	});

	it('names the decision of a recognition, and only then', () => {
		expect(noticeText('approved', refs, { decision: '12/QĐ-UBND' }, 'vi')).toContain(
			'quyết định số 12/QĐ-UBND'
		);
		expect(noticeText('approved', refs, {}, 'vi')).toBe(
			'Bản đánh giá của Phường Cửa Lò (CAP-DHKM, Quý IV/2026) đã được phê duyệt.'
		);
	});

	it('dates a reminder’s deadline and an extension in Vietnam', () => {
		const deadline = '2026-12-31T16:59:59.000Z'; // 23:59:59 on 31/12 in Vietnam
		expect(noticeText('reminder', refs, { days: '3', deadline }, 'vi')).toBe(
			'Quý IV/2026 (CAP-DHKM) đóng sau 3 ngày, hạn 23:59 31/12/2026; Phường Cửa Lò chưa nộp bản đánh giá.'
		);
		expect(noticeText('reminder', refs, { days: '1', deadline }, 'en')).toBe(
			'Q4 2026 (CAP-DHKM) closes tomorrow, at 23:59 31/12/2026; Phường Cửa Lò has not submitted its assessment.'
		);
		expect(noticeText('reminder', refs, { days: '0', deadline }, 'vi')).toContain('đóng hôm nay');
		expect(noticeText('extended', refs, { until: '2027-01-20T16:59:00.000Z' }, 'en')).toBe(
			'Phường Cửa Lò may submit its assessment (CAP-DHKM, Q4 2026) until 23:59 20/01/2027.'
		);
	});
});
