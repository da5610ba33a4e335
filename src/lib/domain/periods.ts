// Period labels and their calendar dates: '2026-Q4', '2026-H1', '2026'. Pure.

export type PeriodKind = 'quarter' | 'half' | 'year';

export interface PeriodSpan {
	label: string;
	kind: PeriodKind;
	/** First and last day, 'yyyy-mm-dd'. */
	startsOn: string;
	endsOn: string;
}

const LABEL = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function span(label: string, kind: PeriodKind, year: number, first: number, last: number) {
	return {
		label,
		kind,
		startsOn: `${year}-${pad(first)}-01`,
		endsOn: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`
	};
}

/** The span a label names, or null when it is not a period label. */
export function parsePeriodLabel(label: string): PeriodSpan | null {
	const match = LABEL.exec(label);
	if (!match) return null;
	const year = Number(match[1]);
	const part = match[2];
	if (!part) return span(label, 'year', year, 1, 12);
	const n = Number(part[1]);
	if (part[0] === 'Q') return span(label, 'quarter', year, 3 * n - 2, 3 * n);
	return span(label, 'half', year, 6 * n - 5, 6 * n);
}

/** A date as forms send it, 'yyyy-mm-dd', that exists in the calendar (not 2025-02-30). */
export function isIsoDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const time = Date.parse(`${text}T00:00:00Z`);
	return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** The calendar date of a moment in Vietnam (UTC+7, no daylight saving): 'yyyy-mm-dd'. */
export function vnDate(moment: Date): string {
	return new Date(moment.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The quarter containing a calendar date ('yyyy-mm-dd', or a Date read in UTC). */
export function quarterOf(date: string | Date): string {
	const iso = typeof date === 'string' ? date : date.toISOString().slice(0, 10);
	const year = Number(iso.slice(0, 4));
	const month = Number(iso.slice(5, 7));
	return `${year}-Q${Math.ceil(month / 3)}`;
}

/** Quarter labels from `first` to `last` inclusive, in order. */
export function quarterRange(first: string, last: string): string[] {
	const index = (label: string) => {
		const span = parsePeriodLabel(label);
		if (!span || span.kind !== 'quarter') throw new Error(`Not a quarter: ${label}`);
		return Number(label.slice(0, 4)) * 4 + Number(label.slice(-1)) - 1;
	};
	const labels: string[] = [];
	for (let i = index(first); i <= index(last); i++)
		labels.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
	return labels;
}

/** Adds whole days to a 'yyyy-mm-dd' date. */
export function addDays(date: string, days: number): string {
	const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
	return new Date(time).toISOString().slice(0, 10);
}

/** Whole days from one 'yyyy-mm-dd' date to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The label of the period of the same kind that follows one ('2026-Q4' → '2027-Q1'). */
export function nextPeriodLabel(label: string): string | null {
	const span = parsePeriodLabel(label);
	if (!span) return null;
	const year = Number(label.slice(0, 4));
	if (span.kind === 'year') return String(year + 1);
	const n = Number(label.slice(-1));
	const last = span.kind === 'quarter' ? 4 : 2;
	const letter = span.kind === 'quarter' ? 'Q' : 'H';
	return n === last ? `${year + 1}-${letter}1` : `${year}-${letter}${n + 1}`;
}

/** The periods of the same kind after `label`, up to the one that contains `until` ('yyyy-mm-dd'). */
export function periodsAfter(label: string, until: string): PeriodSpan[] {
	const spans: PeriodSpan[] = [];
	let next = nextPeriodLabel(label);
	while (next) {
		const span = parsePeriodLabel(next)!;
		if (span.startsOn > until) break;
		spans.push(span);
		next = nextPeriodLabel(next);
	}
	return spans;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * A period's name as reports write it: 'Quý IV/2026', '6 tháng đầu năm 2026', 'Năm 2026'
 * ('Q4 2026', 'First half of 2026', 'Year 2026' in English). Addresses keep the label itself.
 * Anything that is not a period label comes back unchanged.
 */
export function periodName(label: string, locale: 'vi' | 'en'): string {
	const span = parsePeriodLabel(label);
	if (!span) return label;
	const year = label.slice(0, 4);
	const n = Number(label.slice(-1));
	if (locale === 'en') {
		if (span.kind === 'year') return `Year ${year}`;
		if (span.kind === 'quarter') return `Q${n} ${year}`;
		return `${n === 1 ? 'First' : 'Second'} half of ${year}`;
	}
	if (span.kind === 'year') return `Năm ${year}`;
	if (span.kind === 'quarter') return `Quý ${ROMAN[n - 1]}/${year}`;
	return `6 tháng ${n === 1 ? 'đầu' : 'cuối'} năm ${year}`;
}
