// Numbers and values as the documents write them in Vietnamese (the default locale).
import { formatValue } from '../../../src/lib/criteria-format';
import { formatNumber, formatPercent } from '../../../src/lib/format';
import type { Rating } from '../../../src/lib/domain/scoring';

export const formatFigure = (value: number) => formatNumber(value);
export const formatPercentFigure = (share: number, digits = 0) => formatPercent(share, digits);
export const formatScore = (score: number) => formatNumber(score, 1);

/** A stored value as the record shows it, from the database's columns. */
export function valueTextOf(result: {
	type: string;
	comparator: string | null;
	targetNumber: number | null;
	targetRating: string | null;
	valueBoolean: boolean | null;
	valueNumber: number | null;
	valueRating: string | null;
}): string {
	return formatValue({
		...result,
		targetRating: result.targetRating as Rating | null,
		valueRating: result.valueRating as Rating | null,
		valueNumber: result.valueNumber === null ? null : Number(result.valueNumber)
	});
}
