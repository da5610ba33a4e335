import { describe, expect, it } from 'vitest';
import { isIsoDate } from './periods';
import {
	cleanText,
	codeProblem,
	FOLD_FROM,
	FOLD_TO,
	foldVietnamese,
	unitFieldProblems
} from './unit-rules';

describe('foldVietnamese', () => {
	it('drops the diacritics of both cases and lowers', () => {
		expect(foldVietnamese('Phường Hưng Bình')).toBe('phuong hung binh');
		expect(foldVietnamese('ĐÔNG VĨNH')).toBe('dong vinh');
		expect(foldVietnamese('Thị trấn Quỳ Hợp')).toBe('thi tran quy hop');
	});

	it('folds decomposed input like composed input', () => {
		expect(foldVietnamese('Phu\u031Bo\u031B\u0300ng')).toBe('phuong');
	});

	it('keeps a one-to-one table for SQL translate()', () => {
		expect(FOLD_FROM.length).toBe(FOLD_TO.length);
		expect(FOLD_TO).toMatch(/^[a-zA-Z]+$/);
		expect(FOLD_FROM.length).toBe(134);
	});
});

describe('unit fields', () => {
	it('checks name, type and kind', () => {
		expect(unitFieldProblems({ name: 'Xã A', typeVi: 'Xã', kind: 'commune' })).toEqual({});
		expect(unitFieldProblems({ name: '', typeVi: 'x'.repeat(41), kind: 'village' })).toEqual({
			name: 'name_required',
			typeVi: 'type_too_long',
			kind: 'kind_invalid'
		});
		expect(unitFieldProblems({ name: 'x'.repeat(201), typeVi: '', kind: 'ward' })).toEqual({
			name: 'name_too_long'
		});
	});

	it('checks codes', () => {
		expect(codeProblem('')).toBe('code_required');
		expect(codeProblem('16672')).toBeNull();
		expect(codeProblem('A-1_b.2')).toBeNull();
		expect(codeProblem('1 2')).toBe('code_invalid');
		expect(codeProblem('x'.repeat(33))).toBe('code_invalid');
	});

	it('cleans typed text', () => {
		expect(cleanText('  Xã   A \n')).toBe('Xã A');
	});

	it('accepts only calendar dates', () => {
		expect(isIsoDate('2025-07-01')).toBe(true);
		expect(isIsoDate('2025-02-30')).toBe(false);
		expect(isIsoDate('01/07/2025')).toBe(false);
	});
});
