// Planning a campaign's periods: the quarters, halves or years a date range covers, when each
// closes, and the steps an administrator may take on a period. Pure.
import {
	addDays,
	nextPeriodLabel,
	parsePeriodLabel,
	type PeriodKind,
	type PeriodSpan
} from './periods';

export const PERIOD_KINDS: readonly PeriodKind[] = ['quarter', 'half', 'year'];

/** Submissions close this many days after a period ends unless the administrator says otherwise. */
export const DEFAULT_CLOSE_DAYS = 15;
/** Longest range one request may plan: ten years of quarters. */
export const MAX_PLANNED = 40;

function firstLabel(kind: PeriodKind, date: string): string {
	const year = date.slice(0, 4);
	const month = Number(date.slice(5, 7));
	if (kind === 'year') return year;
	if (kind === 'half') return `${year}-H${month <= 6 ? 1 : 2}`;
	return `${year}-Q${Math.ceil(month / 3)}`;
}

/**
 * Every period of the kind that overlaps [from, to], in order; planning stops one past
 * MAX_PLANNED, enough to tell a range that is too long.
 */
export function planPeriods(kind: PeriodKind, from: string, to: string): PeriodSpan[] {
	const spans: PeriodSpan[] = [];
	let label: string | null = firstLabel(kind, from);
	while (label && spans.length <= MAX_PLANNED) {
		const span = parsePeriodLabel(label);
		if (!span || span.startsOn > to) break;
		spans.push(span);
		label = nextPeriodLabel(label);
	}
	return spans;
}

/** Submissions close at 17:00 Vietnam time, `days` after the period's last day. */
export function closingMoment(endsOn: string, days: number): Date {
	return new Date(`${addDays(endsOn, days)}T17:00:00+07:00`);
}

export type PeriodStatus = 'planned' | 'open' | 'closed';
export type PeriodStep = 'open' | 'close' | 'reopen';

const STEPS: Record<PeriodStep, { from: PeriodStatus; to: PeriodStatus }> = {
	open: { from: 'planned', to: 'open' },
	close: { from: 'open', to: 'closed' },
	reopen: { from: 'closed', to: 'open' }
};

export function isPeriodStep(value: string): value is PeriodStep {
	return Object.hasOwn(STEPS, value);
}

/** The status a step leads to, or null when the period's status does not allow it. */
export function stepTarget(status: PeriodStatus, step: PeriodStep): PeriodStatus | null {
	return STEPS[step].from === status ? STEPS[step].to : null;
}

export function stepsFrom(status: PeriodStatus): PeriodStep[] {
	return (Object.keys(STEPS) as PeriodStep[]).filter((step) => STEPS[step].from === status);
}

const LOCAL_MOMENT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** A moment typed in a datetime-local field, read as Vietnam time; null when malformed. */
export function parseVnMoment(text: string): Date | null {
	const match = LOCAL_MOMENT.exec(text.trim());
	if (!match || Number(match[2]) > 23 || Number(match[3]) > 59) return null;
	const moment = new Date(`${match[1]}T${match[2]}:${match[3]}:00+07:00`);
	if (Number.isNaN(moment.getTime())) return null;
	// Rejects dates the calendar lacks, which Date would roll over (31/02 → 03/03).
	return vnMomentValue(moment).slice(0, 10) === match[1] ? moment : null;
}

/** A moment as a datetime-local field's value in Vietnam time: 'yyyy-mm-ddThh:mm'. */
export function vnMomentValue(moment: Date): string {
	return new Date(moment.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}
