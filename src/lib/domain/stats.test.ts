import { describe, expect, it } from 'vitest';
import { percentile } from './stats';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('percentile (nearest rank)', () => {
	it('of 1…100 is the percentage itself', () => {
		expect(percentile(oneToHundred, 1)).toBe(1);
		expect(percentile(oneToHundred, 50)).toBe(50);
		expect(percentile(oneToHundred, 95)).toBe(95);
		expect(percentile(oneToHundred, 99)).toBe(99);
	});

	it('is not pushed a rank up by floating point (0.07 × 100 is 7.000000000000001)', () => {
		expect(percentile(oneToHundred, 7)).toBe(7);
		expect(percentile(oneToHundred, 29)).toBe(29);
		expect(percentile(oneToHundred, 57)).toBe(57);
	});

	it('takes the smallest value with at least p % at or below it', () => {
		const values = [10, 20, 30, 40];
		expect(percentile(values, 25)).toBe(10);
		expect(percentile(values, 26)).toBe(20);
		expect(percentile(values, 50)).toBe(20);
		expect(percentile(values, 51)).toBe(30);
		expect(percentile(values, 75)).toBe(30);
		expect(percentile(values, 95)).toBe(40);
	});

	it('returns a measured value, never an interpolation', () => {
		expect(percentile([1, 2], 50)).toBe(1);
		expect(percentile([1.5, 7.25, 9], 60)).toBe(7.25);
	});

	it('is the 48th of 50 timings at p95 and the 19th of 20', () => {
		const fifty = Array.from({ length: 50 }, (_, i) => (i + 1) * 2);
		expect(percentile(fifty, 95)).toBe(96);
		const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
		expect(percentile(twenty, 95)).toBe(19);
		expect(percentile(twenty, 50)).toBe(10);
	});

	it('gives the minimum at p0 and the maximum at p100', () => {
		expect(percentile([3, 5, 8], 0)).toBe(3);
		expect(percentile([3, 5, 8], 100)).toBe(8);
	});

	it('of one value is that value at every p', () => {
		for (const p of [0, 1, 50, 95, 100]) expect(percentile([42], p)).toBe(42);
	});

	it('counts repeated values', () => {
		expect(percentile([1, 1, 1, 9], 75)).toBe(1);
		expect(percentile([1, 1, 1, 9], 76)).toBe(9);
	});

	it('accepts fractional percentiles', () => {
		expect(percentile(oneToHundred, 97.5)).toBe(98);
		expect(percentile(oneToHundred, 0.5)).toBe(1);
	});

	it('leaves its input untouched', () => {
		const values = [1, 2, 3];
		percentile(values, 50);
		expect(values).toEqual([1, 2, 3]);
	});

	it('refuses no values', () => {
		expect(() => percentile([], 50)).toThrow(RangeError);
	});

	it('refuses a percentage outside 0…100 or not a number', () => {
		expect(() => percentile([1], -1)).toThrow(/0…100/);
		expect(() => percentile([1], 100.1)).toThrow(/0…100/);
		expect(() => percentile([1], Number.NaN)).toThrow(/0…100/);
	});

	it('refuses unsorted values rather than answer wrongly', () => {
		expect(() => percentile([3, 1, 2], 50)).toThrow(/ascending/);
	});

	it('refuses values that are not finite numbers', () => {
		expect(() => percentile([1, Number.NaN], 50)).toThrow(/finite/);
		expect(() => percentile([1, Number.POSITIVE_INFINITY], 50)).toThrow(/finite/);
	});
});
