// What each person has to do next, read from the work as it stands: an officer's assessments to
// fix, continue or start in every open period of every campaign the unit takes part in, and a
// reviewer's queues by campaign and period, oldest first. Every day count is Vietnam's calendar
// (see periods.ts `vnDate`), whatever the server's time zone. Pure.
import { daysBetween, vnDate } from './periods';
import type { AssessmentStatus, PeriodStatus } from './vocabulary';
import { acceptsSubmission } from './workflow';

/** One open period of a campaign the officer's unit takes part in, with its assessment if any. */
export interface OfficerPeriod {
	campaignCode: string;
	period: string;
	periodStatus: PeriodStatus;
	closesAt: Date;
	extensionUntil: Date | null;
	status: AssessmentStatus | null;
	submittedAt: Date | null;
	returnedAt: Date | null;
	returnReason: string | null;
}

/** What the officer does with an assessment: fix a returned one, continue a draft, start one. */
export type OfficerAction = 'fix' | 'continue' | 'start';

export interface DatedPeriod extends OfficerPeriod {
	/** The last day the unit may submit, in Vietnam ('yyyy-mm-dd'). */
	deadline: string;
	/** Days from today to that deadline: 0 is today's last day. */
	daysLeft: number;
}

export interface OfficerTask extends DatedPeriod {
	action: OfficerAction;
}

export interface OfficerTodo {
	tasks: OfficerTask[];
	/** Assessments already sent in the open periods: waiting for others, nothing to do. */
	sent: DatedPeriod[];
}

const ACTION_ORDER: Record<OfficerAction, number> = { fix: 0, continue: 1, start: 2 };

function actionOf(row: OfficerPeriod): OfficerAction | null {
	if (row.status === null) return 'start';
	if (row.status !== 'draft') return null;
	const returned =
		row.returnedAt !== null && (row.submittedAt === null || row.returnedAt >= row.submittedAt);
	return returned ? 'fix' : 'continue';
}

/** The deadline of a period for one unit: its closing, or a later extension granted to the unit. */
export function deadlineOf(row: Pick<OfficerPeriod, 'closesAt' | 'extensionUntil'>): Date {
	const { closesAt, extensionUntil } = row;
	return extensionUntil !== null && extensionUntil > closesAt ? extensionUntil : closesAt;
}

/**
 * The officer's to-do list: returned assessments first (the reviewer's reason beside them), then
 * by the nearest deadline; periods that no longer take the unit's work are left out, and assessments
 * already sent are listed apart. Superseded ones (a retired unit's) take no more work.
 */
export function officerTodo(rows: readonly OfficerPeriod[], now: Date): OfficerTodo {
	const today = vnDate(now);
	const tasks: OfficerTask[] = [];
	const sent: DatedPeriod[] = [];
	for (const row of rows) {
		if (row.status === 'superseded') continue;
		const deadline = vnDate(deadlineOf(row));
		const task = { ...row, deadline, daysLeft: daysBetween(today, deadline) };
		const action = actionOf(row);
		if (action === null) sent.push(task);
		else if (acceptsSubmission(row, now)) tasks.push({ ...task, action });
	}
	tasks.sort(
		(a, b) =>
			ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
			a.deadline.localeCompare(b.deadline) ||
			a.campaignCode.localeCompare(b.campaignCode)
	);
	sent.sort(
		(a, b) => a.campaignCode.localeCompare(b.campaignCode) || a.period.localeCompare(b.period)
	);
	return { tasks, sent };
}

/** The assessments of one campaign and period waiting in a queue, and the oldest one's wait. */
export interface QueueGroup {
	campaignCode: string;
	period: string;
	count: number;
	/** When the one waiting longest arrived in the queue. */
	oldest: Date;
}

export interface QueueTask extends QueueGroup {
	/** Whole days the oldest has waited, in Vietnam's calendar. */
	daysWaiting: number;
}

/** A reviewer's queue groups, the longest-waiting first. */
export function queueTodo(groups: readonly QueueGroup[], now: Date): QueueTask[] {
	const today = vnDate(now);
	return groups
		.map((group) => ({ ...group, daysWaiting: daysBetween(vnDate(group.oldest), today) }))
		.sort(
			(a, b) =>
				a.oldest.getTime() - b.oldest.getTime() ||
				a.campaignCode.localeCompare(b.campaignCode) ||
				a.period.localeCompare(b.period)
		);
}
