// Which period a dashboard opens on when the address names none. The open period is nearly empty
// for most of its life (units submit near the deadline), so a first look at it says little: the
// dashboard opens on the latest period in which at least half of the units have sent their
// assessment (submitted, verified or approved). Pure.

export interface PeriodProgress {
	label: string;
	status: string;
	/** The units counted in the period (in force at its end). */
	units: number;
	/** Those with an assessment submitted, verified or approved. */
	sent: number;
}

/** The share of units that must have sent their assessment for a period to open the dashboard. */
export const FIRST_LOOK_SHARE = 0.5;

export function hasEnoughWork(point: PeriodProgress): boolean {
	return point.units > 0 && point.sent >= FIRST_LOOK_SHARE * point.units;
}

/**
 * The latest period (in the order given, oldest first) in which at least half of the units have
 * sent their work; none when no period has come that far yet.
 */
export function firstLookPeriod<P extends PeriodProgress>(points: readonly P[]): P | undefined {
	return points.findLast(hasEnoughWork);
}
