import { describe, expect, it } from 'vitest';
import { trendBreaks } from './trend-breaks';

const point = (label: string, endsOn: string, units: number) => ({ label, endsOn, units });

const movement = [
	point('2024-Q3', '2024-09-30', 460),
	point('2024-Q4', '2024-12-31', 460),
	point('2025-Q1', '2025-03-31', 412),
	point('2025-Q2', '2025-06-30', 412),
	point('2025-Q3', '2025-09-30', 130),
	point('2025-Q4', '2025-12-31', 130)
];

describe('trendBreaks', () => {
	it('marks each period whose denominator changed, with the reorganisation day in it', () => {
		expect(trendBreaks(movement, ['2025-07-01', '2025-01-01'])).toEqual([
			{ label: '2025-Q1', date: '2025-01-01', before: 460, after: 412 },
			{ label: '2025-Q3', date: '2025-07-01', before: 412, after: 130 }
		]);
	});

	it('marks a reorganisation that left the denominator alone, and a change with no known day', () => {
		const wards = [
			point('2025-Q2', '2025-06-30', 33),
			point('2025-Q3', '2025-09-30', 33),
			point('2025-Q4', '2025-12-31', 11)
		];
		expect(trendBreaks(wards, ['2025-07-01'])).toEqual([
			{ label: '2025-Q3', date: '2025-07-01', before: 33, after: 33 },
			{ label: '2025-Q4', date: null, before: 33, after: 11 }
		]);
	});

	it('reads a day on the first day after a period as the next period', () => {
		const two = [point('2025-Q2', '2025-06-30', 10), point('2025-Q3', '2025-09-30', 10)];
		expect(trendBreaks(two, ['2025-06-30'])).toEqual([]);
		expect(trendBreaks(two, ['2025-09-30'])[0].date).toBe('2025-09-30');
	});

	it('finds nothing in a steady trend or a single period', () => {
		expect(trendBreaks(movement.slice(0, 2), [])).toEqual([]);
		expect(trendBreaks(movement.slice(0, 1), ['2025-07-01'])).toEqual([]);
	});

	it('takes the latest of two days in one period', () => {
		const two = [point('2025-Q2', '2025-06-30', 10), point('2025-Q3', '2025-09-30', 8)];
		expect(trendBreaks(two, ['2025-08-01', '2025-07-01'])[0].date).toBe('2025-08-01');
	});
});
