// Writing notifications, each in the transaction of the event it tells of, so an event is never
// without its notifications nor a notification without its event. Each one to a user with an
// e-mail address also queues a message in the outbox, in the same transaction, when mail is on.
import type { Kysely } from 'kysely';
import type { Transition } from '../../domain/workflow';
import { audienceRoles, kindOfTransition, type NotificationKind } from '../../domain/notifications';
import type { AssessmentPlace } from '../assessments/repository';
import type { Database } from '../db/schema';
import { mailConfig } from '../mail/config';
import { enqueueMail } from '../mail/outbox';
import type { RecognitionOutcome } from '../recognitions/service';
import {
	insertNotifications,
	listRecipients,
	type NewNotification,
	type Recipient
} from './repository';
import type { NoticeParams, NoticeRefs } from './text';

type Db = Kysely<Database>;

/** One event on a unit in a campaign's period. */
export interface Notice {
	kind: NotificationKind;
	campaign: { id: number; code: string };
	unit: { id: number; code: string; name: string; path: string };
	period: { id: number; label: string };
	assessmentId?: number | null;
	params?: NoticeParams;
	now: Date;
}

/** A workflow step as transitions.ts takes it. */
export interface TransitionNotice {
	transition: Transition;
	place: AssessmentPlace;
	assessmentId: number;
	reason: string;
	/** Set when the step recognised the unit (approve) or revoked its recognition (reopen). */
	recognition: RecognitionOutcome;
	decisionNumber?: string;
	now: Date;
}

/** Tells a workflow step to those it concerns; call it inside the step's transaction. */
export async function notifyTransition(trx: Db, step: TransitionNotice): Promise<void> {
	const kind = kindOfTransition(step.transition);
	const params: NoticeParams = {};
	if (kind === 'returned' || kind === 'revoked') params.reason = step.reason;
	if (kind === 'approved' && step.recognition === 'granted' && step.decisionNumber) {
		params.decision = step.decisionNumber.trim();
	}
	await notify(trx, {
		kind,
		campaign: step.place.campaign,
		unit: step.place.unit,
		period: step.place.period,
		assessmentId: step.assessmentId,
		params,
		now: step.now
	});
}

/** Tells a unit's officers of the extension granted; call it inside the grant's transaction. */
export async function notifyExtension(
	trx: Db,
	grant: { campaignId: number; periodId: number; unitId: number; until: Date; now?: Date }
): Promise<void> {
	const refs = await trx
		.selectFrom('units as u')
		.innerJoin('periods as p', (join) => join.on('p.id', '=', grant.periodId))
		.innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
		.select([
			'u.id as unitId',
			'u.code as unitCode',
			'u.name as unitName',
			'u.path',
			'p.label',
			'c.code as campaignCode'
		])
		.where('u.id', '=', grant.unitId)
		.executeTakeFirstOrThrow();
	await notify(trx, {
		kind: 'extended',
		campaign: { id: grant.campaignId, code: refs.campaignCode },
		unit: { id: refs.unitId, code: refs.unitCode, name: refs.unitName, path: refs.path },
		period: { id: grant.periodId, label: refs.label },
		params: { until: grant.until.toISOString() },
		now: grant.now ?? new Date()
	});
}

/** Writes the notice for everyone it concerns, and queues their e-mails. */
export async function notify(trx: Db, notice: Notice): Promise<number> {
	const recipients = await listRecipients(trx, notice.unit.path, audienceRoles(notice.kind));
	const rows: NewNotification[] = recipients.map((recipient) => ({
		recipient_id: recipient.id,
		kind: notice.kind,
		campaign_id: notice.campaign.id,
		unit_id: notice.unit.id,
		period_id: notice.period.id,
		assessment_id: notice.assessmentId ?? null,
		params: JSON.stringify(notice.params ?? {}),
		created_at: notice.now
	}));
	const written = await insertNotifications(trx, rows);
	await mailNotices(trx, notice, recipients, written);
	return written.length;
}

/** Queues the e-mails of notifications just written (when mail is configured). */
export async function mailNotices(
	trx: Db,
	notice: Pick<Notice, 'kind' | 'campaign' | 'unit' | 'period' | 'params' | 'now'>,
	recipients: readonly Recipient[],
	written: readonly { id: number; recipientId: number }[]
): Promise<void> {
	const config = mailConfig();
	if (!config) return;
	const emails = new Map(recipients.map((r) => [r.id, r.email]));
	const refs: NoticeRefs = {
		unit: notice.unit.name,
		campaign: notice.campaign.code,
		period: notice.period.label
	};
	const link = {
		campaign: notice.campaign.code,
		unit: notice.unit.code,
		period: notice.period.label
	};
	await enqueueMail(
		trx,
		config,
		written.flatMap(({ id, recipientId }) => {
			const email = emails.get(recipientId);
			return email
				? [
						{
							notificationId: id,
							to: email,
							kind: notice.kind,
							refs,
							params: notice.params ?? {},
							link,
							now: notice.now
						}
					]
				: [];
		})
	);
}
