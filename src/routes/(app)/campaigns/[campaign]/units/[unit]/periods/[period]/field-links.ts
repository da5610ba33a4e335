// The fields an error summary names: each error key of the assessment page with its label and the
// address of its field, so the summary at the top leads to every field it counts.
import { m } from '$lib/paraglide/messages';
import { criterionAnchor } from '$lib/paths';

const CRITERION_FIELDS: Record<string, (code: string) => string> = {
	value: (code) => m.field_link_value({ code }),
	note: (code) => m.field_link_note({ code }),
	file: (code) => m.field_link_file({ code }),
	comment: (code) => m.field_link_comment({ code })
};

const REVIEW_FIELDS: Record<string, { id: string; label: () => string }> = {
	reason: { id: 'review-reason', label: () => m.review_reason() },
	decisionNumber: { id: 'decision-number', label: () => m.review_decision_number() },
	decisionDate: { id: 'decision-date', label: () => m.review_decision_date() }
};

/** An error key ('value.1.3', 'reason', …) as a link to its field; null for a key of no field. */
export function fieldLink(key: string): { href: string; label: string } | null {
	const dot = key.indexOf('.');
	if (dot > 0) {
		const label = CRITERION_FIELDS[key.slice(0, dot)];
		const code = key.slice(dot + 1);
		return label ? { href: `#${criterionAnchor(code)}`, label: label(code) } : null;
	}
	const field = REVIEW_FIELDS[key];
	return field ? { href: `#${field.id}`, label: field.label() } : null;
}
