// Where a campaign's trend crosses a change of the map: the periods whose denominator (the units in
// force at their end) differs from the period before, or in which a reorganisation took effect.
// The trend chart marks them and the dashboard explains each jump in a sentence.

export interface TrendCount {
	label: string;
	/** The period's last day, yyyy-mm-dd. */
	endsOn: string;
	/** The units in force at its end. */
	units: number;
}

export interface TrendBreak {
	/** The first period counted on the new structure. */
	label: string;
	/** The latest reorganisation day within the period, else null (the change has no known day). */
	date: string | null;
	/** The denominators of the period before and of this one. */
	before: number;
	after: number;
}

/**
 * The breaks of a trend, oldest first. A period breaks when its denominator differs from the one
 * before it, or when a reorganisation took effect after the period before ended and by its own
 * last day (`days`, yyyy-mm-dd, any order). The first period has nothing before it to break from.
 */
export function trendBreaks(points: readonly TrendCount[], days: readonly string[]): TrendBreak[] {
	const sorted = [...days].sort();
	const breaks: TrendBreak[] = [];
	for (let i = 1; i < points.length; i++) {
		const before = points[i - 1];
		const point = points[i];
		const within = sorted.filter((day) => day > before.endsOn && day <= point.endsOn);
		if (within.length === 0 && before.units === point.units) continue;
		breaks.push({
			label: point.label,
			date: within.at(-1) ?? null,
			before: before.units,
			after: point.units
		});
	}
	return breaks;
}
