// Pace toward a target, after the Open SDG progress method: R = the actual yearly growth since the
// baseline ÷ the yearly growth needed to reach the target by the target date. Pure.
//
// Open SDG uses compound growth rates; a recognised share that starts at 0 has none, so growth here
// is linear (points of share per year), which keeps R meaningful from a zero baseline.

export const PACE_STATUSES = [
	'met',
	'on_track',
	'accelerate',
	'limited',
	'deteriorating',
	'no_data'
] as const;
export type PaceStatus = (typeof PACE_STATUSES)[number];

/** R at or above which progress is on track; at or above `accelerate` it needs acceleration. */
export const PACE_THRESHOLDS = { onTrack: 0.95, accelerate: 0.6 } as const;

export interface Observation {
	/** 'yyyy-mm-dd'. */
	date: string;
	value: number;
}

export interface PaceInput {
	baseline: Observation;
	current: Observation;
	target: Observation;
}

export interface Pace {
	status: PaceStatus;
	/** R; null when the target is met or there is no time span to measure growth over. */
	ratio: number | null;
	/** Growth per year since the baseline. */
	actualPerYear: number | null;
	/** Growth per year the target needed from the baseline. */
	requiredPerYear: number | null;
}

const DAY = 86_400_000;

/** Years between two 'yyyy-mm-dd' dates (negative when `to` is earlier). */
export function yearsBetween(from: string, to: string): number {
	return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY / 365.25;
}

/** The status a ratio R earns. */
export function statusOfRatio(ratio: number): PaceStatus {
	if (ratio >= PACE_THRESHOLDS.onTrack) return 'on_track';
	if (ratio >= PACE_THRESHOLDS.accelerate) return 'accelerate';
	if (ratio >= 0) return 'limited';
	return 'deteriorating';
}

export function assessPace({ baseline, current, target }: PaceInput): Pace {
	if (current.value >= target.value)
		return { status: 'met', ratio: null, actualPerYear: null, requiredPerYear: null };
	const elapsed = yearsBetween(baseline.date, current.date);
	if (elapsed <= 0)
		return { status: 'no_data', ratio: null, actualPerYear: null, requiredPerYear: null };
	const actualPerYear = (current.value - baseline.value) / elapsed;
	const span = yearsBetween(baseline.date, target.date);
	const needed = target.value - baseline.value;
	// The baseline already met the target (it has since slipped), or the target date came no later
	// than the baseline: no growth rate was required, so only the direction tells.
	if (needed <= 0 || span <= 0) {
		const status = actualPerYear < 0 ? 'deteriorating' : 'limited';
		return { status, ratio: null, actualPerYear, requiredPerYear: null };
	}
	const requiredPerYear = needed / span;
	const ratio = actualPerYear / requiredPerYear;
	return { status: statusOfRatio(ratio), ratio, actualPerYear, requiredPerYear };
}

/** Statuses that call for attention: the "at risk" list. */
export function isAtRisk(status: PaceStatus): boolean {
	return status === 'limited' || status === 'deteriorating';
}

export interface UnitPaceInput {
	/** The unit's counted score now, and on the baseline date (null when it has none). */
	current: Observation | null;
	baseline: Observation | null;
	/** Whether the current assessment meets the recognition rule (score and mandatory criteria). */
	eligible: boolean;
	minScore: number;
	targetDate: string;
}

/**
 * A unit's pace toward the campaign's minimum score by the target date. An eligible unit has met
 * it; a unit with the points but a mandatory criterion missed needs acceleration (one fix away, but
 * not there); without a score now or on the baseline date there is nothing to judge.
 */
export function assessUnitPace({
	current,
	baseline,
	eligible,
	minScore,
	targetDate
}: UnitPaceInput): Pace {
	if (eligible) return { status: 'met', ratio: null, actualPerYear: null, requiredPerYear: null };
	if (!current || !baseline)
		return { status: 'no_data', ratio: null, actualPerYear: null, requiredPerYear: null };
	const pace = assessPace({ baseline, current, target: { date: targetDate, value: minScore } });
	return pace.status === 'met' ? { ...pace, status: 'accelerate' } : pace;
}
