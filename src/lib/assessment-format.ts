// How the assessment page words its errors and its history, in the active locale.
import { m } from '$lib/paraglide/messages';
import { formatDate, formatNumber } from '$lib/format';
import { formatValue, statusLabel } from '$lib/criteria-format';
import { MAX_EVIDENCE_BYTES } from '$lib/domain/file-type';
import type { CriterionValue, Rating } from '$lib/domain/scoring';

export function fileSize(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
	return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

export const maxEvidenceSize = () => fileSize(MAX_EVIDENCE_BYTES);

const ERRORS: Record<string, () => string> = {
	not_a_number: () => m.error_not_a_number(),
	percent_range: () => m.error_percent_range(),
	change_range: () => m.error_change_range(),
	negative: () => m.error_negative(),
	not_whole: () => m.error_not_whole(),
	too_large: () => m.error_too_large(),
	too_precise: () => m.error_too_precise(),
	unknown_choice: () => m.error_unknown_choice(),
	note_too_long: () => m.error_note_too_long(),
	too_long: () => m.error_too_long(),
	file_missing: () => m.error_file_missing(),
	file_not_uploaded: () => m.error_file_not_uploaded(),
	file_too_large: () => m.error_file_too_large({ size: maxEvidenceSize() }),
	file_type: () => m.error_file_type(),
	unknown_criterion: () => m.error_unknown_criterion(),
	reason_required: () => m.error_reason_required(),
	reason_too_long: () => m.error_reason_too_long(),
	decision_number_required: () => m.error_decision_number_required(),
	decision_date_required: () => m.error_decision_date_required(),
	decision_date_invalid: () => m.error_decision_date_invalid(),
	decision_date_future: () => m.error_decision_date_future()
};

export function errorMessage(code: string | undefined): string {
	if (!code) return '';
	return (ERRORS[code] ?? (() => code))();
}

/** A refused decision date, naming the earliest date allowed when it came too early. */
export function decisionDateMessage(code: string | undefined, earliest: string): string {
	const date = formatDate(earliest);
	if (code === 'decision_date_before_campaign')
		return m.error_decision_date_before_campaign({ date });
	if (code === 'decision_date_before_period') return m.error_decision_date_before_period({ date });
	return errorMessage(code);
}

interface Shape {
	type: string;
	comparator: string | null;
	targetNumber: number | null;
	targetRating: Rating | null;
}

/** A stored value of a criterion as it reads on screen: "95,5%", "Có", "Khá", "—". */
export function valueText(criterion: Shape, value: CriterionValue | undefined): string {
	const v = value ?? null;
	return formatValue({
		...criterion,
		valueBoolean: typeof v === 'boolean' ? v : null,
		valueNumber: typeof v === 'number' ? v : null,
		valueRating: typeof v === 'string' ? (v as Rating) : null
	});
}

interface Entry {
	action: string;
	criterion: string | null;
	before: unknown;
	after: unknown;
}

function field(record: unknown, key: string): unknown {
	return record && typeof record === 'object'
		? (record as Record<string, unknown>)[key]
		: undefined;
}

/** One line of an assessment's history: what the actor did. */
export function describeEntry(entry: Entry, criteria: ReadonlyMap<string, Shape>): string {
	const code = entry.criterion ?? '';
	const shape = criteria.get(code) ?? {
		type: 'count',
		comparator: null,
		targetNumber: null,
		targetRating: null
	};
	// Entries written before scores were recorded with each step carry none.
	const stored = field(entry.after, 'score');
	const score = () => formatNumber(Number(stored), 1);
	switch (entry.action) {
		case 'assessment.create':
			return m.history_create();
		case 'result.value':
			return m.history_value({
				code,
				before: valueText(shape, field(entry.before, 'value') as CriterionValue),
				after: valueText(shape, field(entry.after, 'value') as CriterionValue)
			});
		case 'result.note': {
			const after = String(field(entry.after, 'note') ?? '');
			return after ? m.history_note({ code, after }) : m.history_note_cleared({ code });
		}
		case 'assessment.submit':
			return stored === undefined ? m.history_submit_plain() : m.history_submit({ score: score() });
		case 'assessment.verify':
			return m.history_verify();
		case 'assessment.return':
			return m.history_return();
		case 'assessment.approve':
			return stored === undefined
				? m.history_approve_plain()
				: m.history_approve({ score: score() });
		case 'assessment.reopen':
			return m.history_reopen();
		case 'recognition.grant':
			return m.history_grant({
				number: String(field(entry.after, 'decisionNumber') ?? ''),
				date: formatDate(String(field(entry.after, 'date') ?? ''))
			});
		case 'recognition.revoke':
			return m.history_revoke();
		case 'assessment.supersede':
			return m.history_supersede({
				status: statusLabel(String(field(entry.before, 'status') ?? '')),
				date: formatDate(String(field(entry.after, 'superseded_on') ?? ''))
			});
		case 'evidence.upload':
			return m.history_upload({ code, file: String(field(entry.after, 'file') ?? '') });
		case 'evidence.delete':
			return m.history_delete({ code, file: String(field(entry.before, 'file') ?? '') });
		default:
			return m.history_other({ action: entry.action });
	}
}

/** The per-criterion comments a return carried, as recorded in the history. */
export function entryComments(entry: Entry): [string, string][] {
	const comments = field(entry.after, 'comments');
	if (!comments || typeof comments !== 'object') return [];
	return Object.entries(comments as Record<string, unknown>).map(([code, body]) => [
		code,
		String(body)
	]);
}
