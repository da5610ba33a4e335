// A notification as a sentence, in the request's language or a given one: the page, the e-mail.
import { formatTime } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { periodName } from '../../domain/periods';
import type { NotificationKind } from '../../domain/notifications';

type Locale = 'vi' | 'en';

/** What a sentence names: the unit, the campaign and the period. */
export interface NoticeRefs {
	unit: string;
	campaign: string;
	period: string;
}

/** The parts of a notification beyond its references, as stored in `params`. */
export interface NoticeParams {
	reason?: string;
	decision?: string;
	/** An extension's end, ISO. */
	until?: string;
	/** A reminder's days left and the deadline (ISO). */
	days?: string;
	deadline?: string;
}

export function kindLabel(kind: NotificationKind, locale?: Locale): string {
	const options = locale ? { locale } : undefined;
	const labels: Record<NotificationKind, () => string> = {
		returned: () => m.notify_kind_returned({}, options),
		submitted: () => m.notify_kind_submitted({}, options),
		verified: () => m.notify_kind_verified({}, options),
		approved: () => m.notify_kind_approved({}, options),
		revoked: () => m.notify_kind_revoked({}, options),
		extended: () => m.notify_kind_extended({}, options),
		reminder: () => m.notify_kind_reminder({}, options)
	};
	return labels[kind]();
}

export function noticeText(
	kind: NotificationKind,
	references: NoticeRefs,
	params: NoticeParams,
	locale?: Locale
): string {
	const options = locale ? { locale } : undefined;
	const language = locale ?? (getLocale() === 'en' ? 'en' : 'vi');
	const refs = { ...references, period: periodName(references.period, language) };
	const reason = params.reason ?? '';
	switch (kind) {
		case 'returned':
			return m.notify_returned({ ...refs, reason }, options);
		case 'submitted':
			return m.notify_submitted(refs, options);
		case 'verified':
			return m.notify_verified(refs, options);
		case 'approved':
			return params.decision
				? m.notify_recognised({ ...refs, decision: params.decision }, options)
				: m.notify_approved(refs, options);
		case 'revoked':
			return m.notify_revoked({ ...refs, reason }, options);
		case 'extended':
			return m.notify_extended({ ...refs, until: formatTime(params.until!) }, options);
		case 'reminder': {
			const reminder = { ...refs, deadline: formatTime(params.deadline!) };
			if (params.days === '0') return m.notify_reminder_today(reminder, options);
			if (params.days === '1') return m.notify_reminder_tomorrow(reminder, options);
			return m.notify_reminder({ ...reminder, days: params.days ?? '' }, options);
		}
	}
}
