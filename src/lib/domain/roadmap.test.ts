import { describe, expect, it } from 'vitest';
import { roadmapFor, roadmapShareAt, yearTarget } from './roadmap';

const roadmap = [
	{ year: 2023, share: 0.06 },
	{ year: 2024, share: 0.25 },
	{ year: 2025, share: 0.5 }
];

describe('roadmapShareAt', () => {
	it('starts from the start share on the start date', () => {
		expect(roadmapShareAt(roadmap, '2023-03-01', '2023-03-01')).toBe(0);
		expect(roadmapShareAt(roadmap, '2023-03-01', '2023-03-01', 0.02)).toBe(0.02);
	});

	it('is null before the campaign starts', () => {
		expect(roadmapShareAt(roadmap, '2023-03-01', '2023-02-28')).toBeNull();
	});

	it('reaches each year-end share on 31/12', () => {
		expect(roadmapShareAt(roadmap, '2023-03-01', '2023-12-31')).toBeCloseTo(0.06, 10);
		expect(roadmapShareAt(roadmap, '2023-03-01', '2024-12-31')).toBeCloseTo(0.25, 10);
	});

	it('is linear in between: 1/7/2024 is half of leap 2024 past 31/12/2023', () => {
		// 31/12/2023 → 01/07/2024 is 183 days of the 366 to 31/12/2024.
		expect(roadmapShareAt(roadmap, '2023-03-01', '2024-07-01')).toBeCloseTo(
			0.06 + (183 / 366) * 0.19,
			10
		);
	});

	it('holds the last share after the roadmap ends', () => {
		expect(roadmapShareAt(roadmap, '2023-03-01', '2027-06-30')).toBe(0.5);
	});
});

describe('yearTarget', () => {
	it("finds the year's share, or null", () => {
		expect(yearTarget(roadmap, 2024)).toBe(0.25);
		expect(yearTarget(roadmap, 2030)).toBeNull();
	});
});

describe('roadmapFor', () => {
	const points = [
		{ year: 2024, share: 0.25, unitCode: null },
		{ year: 2023, share: 0.06, unitCode: null },
		{ year: 2024, share: 0.1, unitCode: '415' },
		{ year: 2024, share: 0.4, unitCode: '412' }
	];

	it("uses the province's points, ordered by year", () => {
		expect(roadmapFor(points, null)).toEqual([
			{ year: 2023, share: 0.06 },
			{ year: 2024, share: 0.25 }
		]);
	});

	it("lets a district's own points override the province's for their years", () => {
		expect(roadmapFor(points, '415')).toEqual([
			{ year: 2023, share: 0.06 },
			{ year: 2024, share: 0.1 }
		]);
	});

	const withBlocks = [
		...points,
		{ year: 2024, share: 0.5, unitCode: null, block: 'area' },
		{ year: 2023, share: 0.02, unitCode: null, block: 'institution' }
	];

	it("keeps the blocks' own points out of the campaign's and a district's", () => {
		expect(roadmapFor(withBlocks, null)).toEqual(roadmapFor(points, null));
		expect(roadmapFor(withBlocks, '412')).toEqual([
			{ year: 2023, share: 0.06 },
			{ year: 2024, share: 0.4 }
		]);
	});

	it("reads a block's own points over the campaign's, year by year, without districts'", () => {
		expect(roadmapFor(withBlocks, null, 'area')).toEqual([
			{ year: 2023, share: 0.06 },
			{ year: 2024, share: 0.5 }
		]);
		expect(roadmapFor(withBlocks, '412', 'institution')).toEqual([
			{ year: 2023, share: 0.02 },
			{ year: 2024, share: 0.25 }
		]);
	});

	it("falls back to the campaign's points for a block with none of its own", () => {
		expect(roadmapFor(points, '415', 'institution')).toEqual(roadmapFor(points, null));
	});
});
