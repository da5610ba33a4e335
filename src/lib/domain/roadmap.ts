// A campaign's roadmap: the share of units expected recognised by the end of each year. Pure.

export interface RoadmapPoint {
	year: number;
	share: number;
}

/** A stored roadmap point: the campaign's (no unit, no block), a district's, or a block's. */
export interface StoredRoadmapPoint extends RoadmapPoint {
	unitCode: string | null;
	/** 'area' or 'institution': that block's own target; null or absent: every unit's. */
	block?: string | null;
}

/**
 * The points that apply: the campaign's, overridden year by year by a district's own; in a block's
 * view by that block's own instead. A district's points are for all its units together, so a block
 * view leaves them out: a district's 80% of communes says nothing of its schools.
 */
export function roadmapFor(
	points: readonly StoredRoadmapPoint[],
	unitCode: string | null,
	block: string | null = null
): RoadmapPoint[] {
	const blockOf = (point: StoredRoadmapPoint) => point.block ?? null;
	const general = points.filter((point) => point.unitCode === null && blockOf(point) === null);
	const own = points.filter((point) =>
		block === null
			? point.unitCode !== null && point.unitCode === unitCode && blockOf(point) === null
			: point.unitCode === null && blockOf(point) === block
	);
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
