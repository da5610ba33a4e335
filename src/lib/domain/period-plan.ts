// Planning a campaign's periods: the quarters, halves or years a date range covers, when each
// closes, and the steps an administrator may take on a period. Pure.
import type { Audience } from './audiences';
import { dateFromInput, dateInputText, parseDateInput } from './date-input';
import type { Parsed } from './campaign-settings';
import {
	addDays,
	isIsoDate,
	nextPeriodLabel,
	parsePeriodLabel,
	type PeriodKind,
	type PeriodSpan
} from './periods';
import type { PeriodStatus } from './vocabulary';

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
const CLOCK = /^(\d{1,2})[:hg](\d{2})$/;

/** 'hh:mm' and a typed date in either order ("17:00 15/01/2027", "15/01/2027 17:00"). */
function clockAndDay(text: string): { day: string; hour: string; minute: string } | null {
	const parts = text.split(/\s+/);
	if (parts.length !== 2) return null;
	for (const [clock, date] of [parts, [...parts].reverse()]) {
		const time = CLOCK.exec(clock);
		const day = parseDateInput(date);
		if (time && day) return { day, hour: time[1].padStart(2, '0'), minute: time[2] };
	}
	return null;
}

/**
 * A moment typed as the pages show one, "17:00 15/01/2027" (either order, the date as a date
 * field takes it), or as 'yyyy-mm-ddThh:mm'; read as Vietnam time, null when malformed.
 */
export function parseVnMoment(text: string): Date | null {
	const typed = text.trim();
	const iso = LOCAL_MOMENT.exec(typed);
	const moment = iso ? { day: iso[1], hour: iso[2], minute: iso[3] } : clockAndDay(typed);
	if (!moment || !isIsoDate(moment.day) || Number(moment.hour) > 23 || Number(moment.minute) > 59) {
		return null;
	}
	return new Date(`${moment.day}T${moment.hour}:${moment.minute}:00+07:00`);
}

/** A moment as a moment field shows it, in Vietnam time: 'hh:mm dd/mm/yyyy'. */
export function vnMomentValue(moment: Date): string {
	const local = new Date(moment.getTime() + 7 * 3_600_000).toISOString();
	return `${local.slice(11, 16)} ${dateInputText(local.slice(0, 10))}`;
}

// ——— The periods' forms ———

export type PeriodFormProblem =
	| 'required'
	| 'date_format'
	| 'moment_format'
	| 'range_order'
	| 'close_days'
	| 'version_unpublished';

type Fields = Readonly<Record<string, string | undefined>>;

/** The most days after its end a period may stay open for submissions. */
export const MAX_CLOSE_DAYS = 120;

/** A version number as the forms send it; whether it is published is the server's to say. */
function versionOf(text: string | undefined): number | null {
	const version = Number(text);
	return Number.isInteger(version) && version >= 1 ? version : null;
}

/** The field of a period form naming an audience's version: `version_school`. */
export const versionField = (audience: Audience) => `version_${audience}`;

/** The version of each audience's set a period is scored against; null: none named yet. */
export type AudienceVersions = Partial<Record<Audience, number | null>>;

/**
 * The version fields of a campaign's audiences (audiencesOf, in order). The first audience's set
 * is the period's own and must be named; another audience may be left without one for now (its
 * units cannot be assessed in the period until it has one).
 */
function parseVersions(
	values: Fields,
	audiences: readonly Audience[],
	errors: Record<string, PeriodFormProblem>
): AudienceVersions {
	const versions: AudienceVersions = {};
	audiences.forEach((audience, index) => {
		const text = (values[versionField(audience)] ?? '').trim();
		const version = versionOf(text);
		if (version === null && (index === 0 || text !== '')) {
			errors[versionField(audience)] = 'version_unpublished';
		}
		versions[audience] = version;
	});
	return versions;
}

export interface PlanInput {
	kind: PeriodKind;
	from: string;
	to: string;
	closeDays: number;
	versions: AudienceVersions;
}

/** The planning form: a kind, a date range, the days to close after each end, the versions. */
export function parsePlanForm(
	values: Fields,
	audiences: readonly Audience[]
): Parsed<PlanInput, PeriodFormProblem> {
	const errors: Record<string, PeriodFormProblem> = {};
	const kind = values.kind as PeriodKind;
	if (!PERIOD_KINDS.includes(kind)) errors.kind = 'required';
	const from = dateFromInput(values.from ?? '');
	const to = dateFromInput(values.to ?? '');
	if (!isIsoDate(from)) errors.from = 'date_format';
	if (!isIsoDate(to)) errors.to = 'date_format';
	if (!errors.from && !errors.to && to < from) errors.to = 'range_order';
	const closeDays = Number(values.close_days);
	if (!Number.isInteger(closeDays) || closeDays < 0 || closeDays > MAX_CLOSE_DAYS) {
		errors.close_days = 'close_days';
	}
	const versions = parseVersions(values, audiences, errors);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { kind, from, to, closeDays, versions } };
}

export interface PeriodSettings {
	closesAt: Date;
	versions: AudienceVersions;
}

/** A period's edit form: when it closes and the version each audience is scored against. */
export function parsePeriodForm(
	values: Fields,
	audiences: readonly Audience[]
): Parsed<PeriodSettings, PeriodFormProblem> {
	const errors: Record<string, PeriodFormProblem> = {};
	const closesAt = parseVnMoment(values.closes_at ?? '');
	if (!closesAt) errors.closes_at = 'moment_format';
	const versions = parseVersions(values, audiences, errors);
	if (!closesAt || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { closesAt, versions } };
}

export interface ExtensionInput {
	unitCode: string;
	until: Date;
	reason: string;
}

/** More time for one unit: its code, until when, and why. */
export function parseExtensionForm(values: Fields): Parsed<ExtensionInput, PeriodFormProblem> {
	const errors: Record<string, PeriodFormProblem> = {};
	const unitCode = (values.unit ?? '').trim();
	if (!unitCode) errors.unit = 'required';
	const until = parseVnMoment(values.until ?? '');
	if (!until) errors.until = 'moment_format';
	const reason = (values.reason ?? '').trim();
	if (!reason) errors.reason = 'required';
	if (!until || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { unitCode, until, reason } };
}
