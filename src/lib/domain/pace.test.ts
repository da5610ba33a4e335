import { describe, expect, it } from 'vitest';
import { assessPace, assessUnitPace, isAtRisk, statusOfRatio, yearsBetween } from './pace';

// 2020-01-01 → 2024-01-01 is 1,461 days: exactly four years of 365.25 days. The target asks for
// 100 % by then from 0 %: 25 points a year. Two years in (2022-01-01, 731 days) is 2.0014 years.
const baseline = { date: '2020-01-01', value: 0 };
const target = { date: '2024-01-01', value: 1 };
const twoYearsIn = (value: number) => ({ date: '2022-01-01', value });
const TWO_YEARS = 731 / 365.25;

describe('yearsBetween', () => {
	it('counts years of 365.25 days, negative backwards', () => {
		expect(yearsBetween('2020-01-01', '2024-01-01')).toBe(4);
		expect(yearsBetween('2024-01-01', '2020-01-01')).toBe(-4);
		expect(yearsBetween('2023-03-01', '2023-03-01')).toBe(0);
	});
});

describe('statusOfRatio', () => {
	it('draws the lines at 0.95, 0.6 and 0', () => {
		expect(statusOfRatio(1.4)).toBe('on_track');
		expect(statusOfRatio(0.95)).toBe('on_track');
		expect(statusOfRatio(0.9499)).toBe('accelerate');
		expect(statusOfRatio(0.6)).toBe('accelerate');
		expect(statusOfRatio(0.5999)).toBe('limited');
		expect(statusOfRatio(0)).toBe('limited');
		expect(statusOfRatio(-0.01)).toBe('deteriorating');
	});
});

describe('assessPace', () => {
	it('is on track when growth keeps up with the 25 points a year needed', () => {
		const pace = assessPace({ baseline, current: twoYearsIn(0.5), target });
		expect(pace.requiredPerYear).toBeCloseTo(0.25, 10);
		expect(pace.actualPerYear).toBeCloseTo(0.5 / TWO_YEARS, 10);
		expect(pace.ratio).toBeCloseTo(0.5 / TWO_YEARS / 0.25, 10); // 0.9993
		expect(pace.status).toBe('on_track');
	});

	it('needs acceleration at 35 % after two years (R ≈ 0.70)', () => {
		const pace = assessPace({ baseline, current: twoYearsIn(0.35), target });
		expect(pace.ratio).toBeCloseTo(0.6995, 4);
		expect(pace.status).toBe('accelerate');
	});

	it('is limited just under the 0.6 line: 30 % after 2.0014 years is R = 0.5996', () => {
		const pace = assessPace({ baseline, current: twoYearsIn(0.3), target });
		expect(pace.ratio).toBeCloseTo(0.5996, 4);
		expect(pace.status).toBe('limited');
	});

	it('is limited with no growth at all', () => {
		const pace = assessPace({
			baseline: { date: '2020-01-01', value: 0.2 },
			current: twoYearsIn(0.2),
			target
		});
		expect(pace.ratio).toBe(0);
		expect(pace.status).toBe('limited');
	});

	it('is deteriorating when the share fell since the baseline', () => {
		const pace = assessPace({
			baseline: { date: '2020-01-01', value: 0.2 },
			current: twoYearsIn(0.1),
			target
		});
		// Needed (1 - 0.2) / 4 = 0.2 a year; actual -0.1 / 2.0014.
		expect(pace.requiredPerYear).toBeCloseTo(0.2, 10);
		expect(pace.ratio).toBeCloseTo(-0.1 / TWO_YEARS / 0.2, 10);
		expect(pace.status).toBe('deteriorating');
		expect(isAtRisk(pace.status)).toBe(true);
	});

	it('is met once the current value reaches the target, whatever the growth', () => {
		expect(assessPace({ baseline, current: twoYearsIn(1), target }).status).toBe('met');
		expect(
			assessPace({ baseline: { date: '2020-01-01', value: 1 }, current: twoYearsIn(1), target })
		).toEqual({ status: 'met', ratio: null, actualPerYear: null, requiredPerYear: null });
	});

	it('is deteriorating when a baseline that met the target has slipped below it', () => {
		const pace = assessPace({
			baseline: { date: '2020-01-01', value: 0.8 },
			current: twoYearsIn(0.6),
			target: { date: '2024-01-01', value: 0.7 }
		});
		expect(pace.status).toBe('deteriorating');
		expect(pace.ratio).toBeNull();
		expect(pace.actualPerYear).toBeCloseTo(-0.2 / TWO_YEARS, 10);
	});

	it('has no data to judge when no time has passed since the baseline', () => {
		const pace = assessPace({ baseline, current: { date: '2020-01-01', value: 0.1 }, target });
		expect(pace.status).toBe('no_data');
	});

	it('judges a target date already past by the growth needed until then', () => {
		// Needed 100 % by 2021-01-01 (1.0021 years); 60 % by 2022-01-01 is R = 0.3 × 1.0021 / 1.0007.
		const pace = assessPace({
			baseline,
			current: twoYearsIn(0.6),
			target: { date: '2021-01-01', value: 1 }
		});
		expect(pace.ratio).toBeCloseTo(0.6 / TWO_YEARS / (1 / (366 / 365.25)), 10);
		expect(pace.status).toBe('limited');
	});

	it('only limited and deteriorating put a unit at risk', () => {
		expect(['met', 'on_track', 'accelerate', 'no_data'].some((s) => isAtRisk(s as never))).toBe(
			false
		);
		expect(isAtRisk('limited')).toBe(true);
	});
});

describe('assessUnitPace', () => {
	const minScore = 90;
	const targetDate = '2024-01-01';
	const at = (date: string, value: number) => ({ date, value });

	it('has met the target once eligible', () => {
		const pace = assessUnitPace({
			current: at('2022-01-01', 95),
			baseline: at('2020-01-01', 50),
			eligible: true,
			minScore,
			targetDate
		});
		expect(pace.status).toBe('met');
	});

	it('needs acceleration with the points but a mandatory criterion missed', () => {
		const pace = assessUnitPace({
			current: at('2022-01-01', 92),
			baseline: at('2020-01-01', 50),
			eligible: false,
			minScore,
			targetDate
		});
		expect(pace.status).toBe('accelerate');
	});

	it('judges the score growth against the growth the minimum needs', () => {
		// Needed (90 - 50) / 4 = 10 points a year; 60 after 2.0014 years is 4.996 a year: R ≈ 0.5.
		const pace = assessUnitPace({
			current: at('2022-01-01', 60),
			baseline: at('2020-01-01', 50),
			eligible: false,
			minScore,
			targetDate
		});
		expect(pace.ratio).toBeCloseTo(10 / TWO_YEARS / 10, 10);
		expect(pace.status).toBe('limited');
		expect(
			assessUnitPace({
				current: at('2022-01-01', 45),
				baseline: at('2020-01-01', 50),
				eligible: false,
				minScore,
				targetDate
			}).status
		).toBe('deteriorating');
	});

	it('has nothing to judge without a score now or on the baseline date', () => {
		const input = { eligible: false, minScore, targetDate };
		expect(assessUnitPace({ ...input, current: null, baseline: at('2020-01-01', 50) }).status).toBe(
			'no_data'
		);
		expect(assessUnitPace({ ...input, current: at('2022-01-01', 60), baseline: null }).status).toBe(
			'no_data'
		);
	});
});
