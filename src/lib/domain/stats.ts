// Percentiles for the benchmark's timings.

/**
 * The p-th percentile of ascending values by the nearest-rank method: the smallest value with at
 * least p % of the values at or below it (rank ⌈p·n/100⌉, at least 1). It is always one of the
 * measured values, never an interpolation between two: with 50 timings, p95 is the 48th.
 */
export function percentile(sortedValues: readonly number[], p: number): number {
	if (!(p >= 0 && p <= 100)) throw new RangeError(`A percentile lies in 0…100, not ${p}.`);
	if (sortedValues.length === 0) throw new RangeError('No values: no percentile.');
	for (let i = 0; i < sortedValues.length; i++) {
		if (!Number.isFinite(sortedValues[i])) throw new RangeError('Values must be finite numbers.');
		if (i > 0 && sortedValues[i] < sortedValues[i - 1]) {
			throw new RangeError('Values must be sorted in ascending order.');
		}
	}
	// p·n before the division keeps whole-number products exact: 0.07 · 100 is 7.000000000000001.
	const rank = Math.max(1, Math.ceil((p * sortedValues.length) / 100));
	return sortedValues[rank - 1];
}
