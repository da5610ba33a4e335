// The period a dashboard opens on when its address names none, and what the page says of it.
import { firstLookPeriod } from '../../domain/first-look';
import { defaultPeriod, type listPeriods } from '../campaigns/repository';
import type { TrendFigures } from './trend-repository';

type PeriodRow = Awaited<ReturnType<typeof listPeriods>>[number];

/**
 * The period a dashboard opens on when the address names none: the latest in which at least half
 * of the units sent their work; before any period got that far, the open one (defaultPeriod).
 */
export function firstLookOf(periods: PeriodRow[], trend: TrendFigures[], today: string) {
	const chosen = firstLookPeriod(trend);
	return periods.find((period) => period.label === chosen?.label) ?? defaultPeriod(periods, today);
}

/** What the page says of a first look that is not the open period, and how far that one went. */
export function firstLookNote(label: string, periods: PeriodRow[], trend: TrendFigures[]) {
	const open = periods.find((period) => period.status === 'open');
	const shown = trend.find((point) => point.label === label);
	const current = trend.find((point) => point.label === open?.label);
	if (!open || !shown || !current || open.label === label) return null;
	return {
		sent: shown.sent,
		units: shown.units,
		open: { label: open.label, sent: current.sent, units: current.units }
	};
}
