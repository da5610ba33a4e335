import { describe, expect, it } from 'vitest';
import {
	bodySymbol,
	dateLine,
	dateLineEn,
	issuingBody,
	numberLine,
	placeName
} from './official-document';

describe('the frame of an official document', () => {
	it('names the issuing body in capitals, with the diacritics', () => {
		expect(issuingBody('Tỉnh Nghệ An')).toBe('CÔNG AN TỈNH NGHỆ AN');
		expect(issuingBody(' Thành phố  Vinh ')).toBe('CÔNG AN THÀNH PHỐ VINH');
	});

	it('takes the place from the name, without its administrative kind', () => {
		expect(placeName('Tỉnh Nghệ An')).toBe('Nghệ An');
		expect(placeName('Thành phố Vinh')).toBe('Vinh');
		expect(placeName('Thị xã Thái Hòa')).toBe('Thái Hòa');
		expect(placeName('Phường Hưng Dũng')).toBe('Hưng Dũng');
		expect(placeName('Nghệ An')).toBe('Nghệ An');
	});

	it('abbreviates the body for the number line', () => {
		expect(bodySymbol('Tỉnh Nghệ An')).toBe('CAT');
		expect(bodySymbol('Thành phố Vinh')).toBe('CATP');
		expect(bodySymbol('Huyện Nghi Lộc')).toBe('CAH');
		expect(numberLine('BC', 'Tỉnh Nghệ An')).toBe('Số:      /BC-CAT');
	});

	it('writes the date with the leading zeros the decree asks for', () => {
		expect(dateLine('Nghệ An', '2026-12-01')).toBe('Nghệ An, ngày 01 tháng 12 năm 2026');
		expect(dateLine('Nghệ An', '2026-02-15')).toBe('Nghệ An, ngày 15 tháng 02 năm 2026');
		expect(dateLine('Vinh', '2026-03-09')).toBe('Vinh, ngày 09 tháng 3 năm 2026');
		expect(dateLine('Vinh', '2026-11-30')).toBe('Vinh, ngày 30 tháng 11 năm 2026');
	});

	it('writes the date in English words', () => {
		expect(dateLineEn('Nghệ An', '2026-12-01')).toBe('Nghệ An, 1 December 2026');
	});
});
