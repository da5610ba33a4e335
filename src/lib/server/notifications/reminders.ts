// Reminders: "the period closes in 7/3/1 days" to the officers of each unit with no submitted (or
// later) assessment in an open period, counted in Vietnam's date up to the unit's own deadline
// (its extension, else the period's closing time). Each (unit, period, threshold, recipient) is
// written once: the unique index makes a second run, or a run on another instance, a no-op.
import { sql, type Kysely } from 'kysely';
import { periodHasSetFor } from '../periods/audience-sql';
import { audienceRoles, daysLeft, REMINDER_DAYS, reminderDue } from '../../domain/notifications';
import type { Database } from '../db/schema';
import { inForceOn } from '../units/structure';
import { mailNotices } from './notify';
import { coversUnit, insertReminders, type NewNotification } from './repository';

type Db = Kysely<Database>;

const DAY = 86_400_000;

/** Units still to submit in an open period closing within the furthest threshold, with officers. */
function listDue(db: Db, now: Date) {
	const horizon = new Date(now.getTime() + (REMINDER_DAYS[0] + 1) * DAY);
	const deadline = sql<Date>`coalesce(x.until, p.closes_at)`;
	return db
		.selectFrom('periods as p')
		.innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
		.innerJoin('units as u', (join) =>
			join
				.on(sql<boolean>`u.kind = ANY (c.applies_to)`)
				.on('u.status', '=', 'active')
				.on(periodHasSetFor('p.id', 'u.kind'))
		)
		.leftJoin('period_extensions as x', (join) =>
			join.onRef('x.period_id', '=', 'p.id').onRef('x.unit_id', '=', 'u.id')
		)
		.innerJoin('users as r', (join) =>
			join.on('r.active', '=', true).on('r.role', 'in', audienceRoles('reminder'))
		)
		.innerJoin('units as s', 's.id', 'r.unit_id')
		.select([
			'p.id as periodId',
			'p.label as periodLabel',
			'c.id as campaignId',
			'c.code as campaignCode',
			'u.id as unitId',
			'u.code as unitCode',
			'u.name as unitName',
			'u.path as unitPath',
			'r.id as recipientId',
			'r.email',
			deadline.as('deadline')
		])
		.where('p.status', '=', 'open')
		.where(deadline, '>=', now)
		.where(deadline, '<', horizon)
		.where(coversUnit(sql`u.path`))
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('unit_versions as v')
					.select('v.unit_id')
					.whereRef('v.unit_id', '=', 'u.id')
					.where(inForceOn('v', sql`p.ends_on`))
			)
		)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('assessments as a')
						.select('a.id')
						.whereRef('a.unit_id', '=', 'u.id')
						.whereRef('a.period_id', '=', 'p.id')
						.where('a.status', 'in', ['submitted', 'verified', 'approved'])
				)
			)
		)
		.orderBy('u.id')
		.orderBy('r.id')
		.execute();
}

/** Writes the reminders due now (and queues their e-mails); how many were new. */
export async function sendReminders(db: Db, now = new Date()): Promise<number> {
	const due = (await listDue(db, now)).flatMap((row) => {
		const days = daysLeft(new Date(row.deadline), now);
		const threshold = reminderDue(days);
		return threshold ? [{ ...row, days, threshold }] : [];
	});
	if (due.length === 0) return 0;
	return db.transaction().execute(async (trx) => {
		const rows: NewNotification[] = due.map((row) => ({
			recipient_id: row.recipientId,
			kind: 'reminder',
			campaign_id: row.campaignId,
			unit_id: row.unitId,
			period_id: row.periodId,
			days_left: row.threshold,
			params: JSON.stringify({
				days: String(row.days),
				deadline: new Date(row.deadline).toISOString()
			}),
			created_at: now
		}));
		const written = await insertReminders(trx, rows);
		const key = (unitId: number, recipientId: number, periodId: number) =>
			`${unitId}/${periodId}/${recipientId}`;
		const byKey = new Map(due.map((row) => [key(row.unitId, row.recipientId, row.periodId), row]));
		for (const entry of written) {
			const row = byKey.get(key(entry.unitId, entry.recipientId, entry.periodId))!;
			await mailNotices(
				trx,
				{
					kind: 'reminder',
					campaign: { id: row.campaignId, code: row.campaignCode },
					unit: { id: row.unitId, code: row.unitCode, name: row.unitName, path: row.unitPath },
					period: { id: row.periodId, label: row.periodLabel },
					params: { days: String(row.days), deadline: new Date(row.deadline).toISOString() },
					now
				},
				[{ id: row.recipientId, email: row.email }],
				[entry]
			);
		}
		return written.length;
	});
}
