import { describe, expect, it } from 'vitest';
import { inSentence } from './labels';

describe('a grouping name inside a sentence', () => {
	it('starts lower case when it is a common phrase', () => {
		expect(inSentence('Địa bàn huyện cũ')).toBe('địa bàn huyện cũ');
		expect(inSentence('Former districts')).toBe('former districts');
	});

	it('keeps abbreviations and lower-case names as they are', () => {
		expect(inSentence('TP Vinh và vùng ven')).toBe('TP Vinh và vùng ven');
		expect(inSentence('huyện')).toBe('huyện');
	});
});
