// A campaign's roadmap: the share of units expected recognised by the end of each year. Pure.

export interface RoadmapPoint {
	year: number;
	share: number;
}

/** The point that applies to a year: a district's own override, else the province's. */
export function roadmapFor<T extends RoadmapPoint & { unitCode: string | null }>(
	points: T[],
	unitCode: string | null
): RoadmapPoint[] {
	const own = points.filter((point) => point.unitCode !== null && point.unitCode === unitCode);
	const general = points.filter((point) => point.unitCode === null);
	const years = new Map<number, number>();
	for (const point of general) years.set(point.year, point.share);
	for (const point of own) years.set(point.year, point.share);
	return [...years].map(([year, share]) => ({ year, share })).sort((a, b) => a.year - b.year);
}

/** The year's target: the share expected by 31/12 of that year; null when the roadmap is silent. */
export function yearTarget(roadmap: RoadmapPoint[], year: number): number | null {
	return roadmap.find((point) => point.year === year)?.share ?? null;
}

const time = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * The share the roadmap expects on a date: linear between the campaign start (share `startShare`)
 * and each year's end; the last year's share after it; null before the start.
 */
export function roadmapShareAt(
	roadmap: RoadmapPoint[],
	startDate: string,
	date: string,
	startShare = 0
): number | null {
	if (time(date) < time(startDate)) return null;
	let previous = { at: time(startDate), share: startShare };
	for (const point of roadmap) {
		const at = time(`${point.year}-12-31`);
		if (at <= previous.at) {
			previous = { at: previous.at, share: point.share };
			continue;
		}
		if (time(date) <= at) {
			const progress = (time(date) - previous.at) / (at - previous.at);
			return previous.share + progress * (point.share - previous.share);
		}
		previous = { at, share: point.share };
	}
	return previous.share;
}
