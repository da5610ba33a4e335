// The fields of an audit entry as the pages show them: each by the label its edit page uses, each
// value by its kind (a status by name, yes/no, 95,5, 31/12/2026, Quý IV/2026). A field nobody
// has named yet reads as its own name, and any value as readable text, never a crash.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDate, formatNumber, formatPercent, formatPeriod, formatTime } from '$lib/format';
import { audienceLabel, periodStatusLabel, roleLabel, unitKindLabel } from '$lib/labels';
import { ratingLabel, statusLabel } from '$lib/criteria-format';
import { fileSize, valueText } from '$lib/assessment-format';
import { RATINGS, type CriterionValue, type Rating } from '$lib/domain/scoring';
import {
	entryCriterion,
	fieldChanges,
	fieldKind,
	numericId,
	type AuditNames,
	type ValueKind
} from '$lib/domain/audit-entry';
import { unitText, type WordedEntry } from './audit-words';

/** One field of an entry, worded: its label, and its values as text (null when empty). */
export interface WordedField {
	field: string;
	label: string;
	before: string | null;
	after: string | null;
	changed: boolean;
}

const LABELS: Record<string, () => string> = {
	'': () => m.audit_words_field_content(),
	status: () => m.audit_words_field_status(),
	'user.active': () => m.admin_users_col_status(),
	score: () => m.audit_words_field_score(),
	eligible: () => m.audit_words_field_eligible(),
	comments: () => m.audit_words_field_comments(),
	criterion: () => m.audit_words_field_criterion(),
	value: () => m.audit_words_field_value(),
	note: () => m.audit_words_field_note(),
	file: () => m.audit_words_field_file(),
	sha256: () => m.audit_words_field_sha256(),
	size: () => m.audit_words_field_size(),
	recognition: () => m.audit_words_field_recognition(),
	decisionNumber: () => m.audit_words_field_decision_number(),
	date: () => m.audit_words_field_date(),
	superseded_on: () => m.audit_words_field_superseded_on(),
	username: () => m.admin_users_field_username(),
	display_name: () => m.admin_users_field_name(),
	role: () => m.admin_users_field_role(),
	unit: () => m.audit_words_field_unit(),
	area: () => m.audit_words_field_area(),
	must_change_password: () => m.audit_words_field_must_change_password(),
	email: () => m.audit_words_field_email(),
	retryAt: () => m.audit_words_field_retry_at(),
	code: () => m.admin_criteria_field_code(),
	'unit.code': () => m.admin_units_field_code(),
	'campaign.code': () => m.admin_campaign_code(),
	name: () => m.admin_units_col_name(),
	'unit.name': () => m.admin_units_field_name(),
	type_vi: () => m.admin_units_field_type(),
	kind: () => m.admin_units_field_kind(),
	parent: () => m.audit_words_field_parent(),
	established_on: () => m.audit_words_field_established_on(),
	retired_on: () => m.audit_words_field_retired_on(),
	merged_into: () => m.audit_words_field_merged_into(),
	path: () => m.audit_words_field_path(),
	level: () => m.audit_words_field_level(),
	on: () => m.admin_units_field_date(),
	predecessors: () => m.audit_words_field_predecessors(),
	merged_on: () => m.admin_units_field_merge_date(),
	from: () => m.audit_words_field_from(),
	name_vi: () => m.admin_campaign_name_vi(),
	name_en: () => m.admin_campaign_name_en(),
	'criteria_group.name_vi': () => m.admin_criteria_field_name_vi(),
	'criteria_group.name_en': () => m.admin_criteria_field_name_en(),
	source_vi: () => m.admin_campaign_source(),
	'campaign.note': () => m.admin_campaign_note(),
	applies_to: () => m.admin_campaign_applies_to(),
	start_date: () => m.admin_campaign_start(),
	target_date: () => m.admin_campaign_target_date(),
	target_share: () => m.admin_campaign_target_share(),
	min_score: () => m.admin_campaign_min_score(),
	all_mandatory: () => m.admin_campaign_all_mandatory(),
	district_min_share: () => m.admin_campaign_district_rule(),
	label: () => m.period_label(),
	version: () => m.admin_criteria_col_version(),
	criteria_version: () => m.audit_words_field_criteria_version(),
	criteria_version_agency: () => m.admin_period_version_for({ audience: audienceLabel('agency') }),
	criteria_version_enterprise: () =>
		m.admin_period_version_for({ audience: audienceLabel('enterprise') }),
	criteria_version_school: () => m.admin_period_version_for({ audience: audienceLabel('school') }),
	audience: () => m.audit_words_field_audience(),
	from_version: () => m.audit_words_field_from_version(),
	closes_at: () => m.audit_words_field_closes_at(),
	until: () => m.audit_words_field_until(),
	reason: () => m.audit_words_field_reason(),
	groups: () => m.audit_words_field_groups(),
	criteria: () => m.audit_words_field_criteria(),
	points: () => m.admin_criteria_field_points(),
	'criteria_set.points': () => m.admin_criteria_col_points(),
	order: () => m.audit_words_field_order(),
	group: () => m.admin_criteria_field_group(),
	title_vi: () => m.admin_criteria_field_title_vi(),
	title_en: () => m.admin_criteria_field_title_en(),
	type: () => m.admin_criteria_field_type(),
	comparator: () => m.admin_criteria_field_comparator(),
	target: () => m.admin_criteria_field_target(),
	mandatory: () => m.admin_criteria_field_mandatory(),
	evidence_required: () => m.admin_criteria_field_evidence_required(),
	guidance_vi: () => m.admin_criteria_field_guidance_vi(),
	guidance_en: () => m.admin_criteria_field_guidance_en(),
	assessments: () => m.audit_words_field_assessments(),
	recognised: () => m.audit_words_field_recognised(),
	valid_from: () => m.audit_words_field_valid_from(),
	valid_to: () => m.audit_words_field_valid_to(),
	areas: () => m.audit_words_field_areas(),
	members: () => m.audit_words_field_members(),
	units: () => m.audit_words_field_units(),
	map_codes: () => m.audit_words_field_map_codes(),
	file_name: () => m.audit_words_field_file_name(),
	effective_on: () => m.admin_units_field_date(),
	format: () => m.audit_words_field_format(),
	created: () => m.audit_words_field_created(),
	merged: () => m.audit_words_field_merged(),
	split: () => m.audit_words_field_split(),
	renamed: () => m.audit_words_field_renamed(),
	kindChanged: () => m.audit_words_field_kind_changed(),
	moved: () => m.audit_words_field_moved(),
	retired: () => m.audit_words_field_retired(),
	emptied: () => m.audit_words_field_emptied(),
	hanging: () => m.audit_words_field_hanging(),
	users: () => m.audit_words_field_users(),
	usersWithoutScope: () => m.audit_words_field_users_without_scope(),
	campaigns: () => m.audit_words_field_campaigns(),
	errors: () => m.audit_words_field_errors(),
	new: () => m.audit_words_field_new(),
	changed: () => m.audit_words_field_changed(),
	unchanged: () => m.audit_words_field_unchanged(),
	error: () => m.audit_words_field_error()
};

/** A field's label: its edit page's, else the field's own name made readable ('Due date'). */
export function fieldLabel(entityType: string, field: string): string {
	const label = LABELS[`${entityType}.${field}`] ?? LABELS[field];
	if (label) return label();
	const words = field
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/[_.]+/g, ' ')
		.trim();
	return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

const COMPARATORS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

const TYPES: Record<string, () => string> = {
	boolean: () => m.admin_criteria_type_boolean(),
	percent: () => m.admin_criteria_type_percent(),
	percent_change: () => m.admin_criteria_type_percent_change(),
	count: () => m.admin_criteria_type_count(),
	rating: () => m.admin_criteria_type_rating()
};

/** A number with as many decimals as it has, up to two: 95,5 and 12, never 95.5. */
function number(value: number): string {
	const digits = Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2;
	return formatNumber(value, digits);
}

/** Any value as readable text, when its kind does not say better. */
export function plainValue(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'boolean') return value ? m.value_yes() : m.value_no();
	if (typeof value === 'number') return number(value);
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) {
		const items = value.map(plainValue).filter((item): item is string => item !== null);
		return items.length > 0 ? items.join(', ') : null;
	}
	if (typeof value === 'object') {
		const pairs = Object.entries(value as Record<string, unknown>)
			.map(([key, inner]) => `${key}: ${plainValue(inner) ?? m.admin_audit_empty_value()}`)
			.join('; ');
		return pairs || null;
	}
	return String(value);
}

const asString = (value: unknown) => (typeof value === 'string' ? value : null);
const asNumber = (value: unknown) =>
	typeof value === 'number'
		? value
		: typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
			? Number(value)
			: null;

/** What a value of each kind needs besides itself: the entry and the names the server found. */
interface Context {
	entry: WordedEntry;
	names: AuditNames;
}

function unitValue(code: unknown, names: AuditNames): string | null {
	const text = asString(code);
	return text ? unitText(text, names.units[text]) : plainValue(code);
}

function criterionValue(value: unknown, { entry, names }: Context): string | null {
	if (value === null || value === undefined) return null;
	const id = numericId(entry.entity_id);
	const shape = (id === null ? undefined : names.assessments[id])?.criteria[
		entryCriterion(entry) ?? ''
	];
	if (!shape) return plainValue(value);
	return valueText(shape, value as CriterionValue);
}

function criterionName(value: unknown, { entry, names }: Context): string | null {
	const code = asString(value);
	if (!code) return plainValue(value);
	const id = numericId(entry.entity_id);
	const criterion = (id === null ? undefined : names.assessments[id])?.criteria[code];
	if (!criterion) return code;
	return `${code} ${getLocale() === 'en' ? criterion.title_en : criterion.title_vi}`;
}

/** Values of one kind as they read on the pages; anything unexpected as plain text. */
const READERS: Partial<Record<ValueKind, (value: unknown, context: Context) => string | null>> = {
	yes_no: (value) => (typeof value === 'boolean' ? (value ? m.value_yes() : m.value_no()) : null),
	// A list where a count is kept (a bulk decision's assessment ids) reads as how many.
	number: (value) => {
		const n = Array.isArray(value) ? value.length : asNumber(value);
		return n === null ? null : number(n);
	},
	score: (value) => {
		const n = asNumber(value);
		return n === null ? null : formatNumber(n, 1);
	},
	share: (value) => {
		const n = asNumber(value);
		return n === null ? null : formatPercent(n, Number.isInteger(n * 100) ? 0 : 1);
	},
	date: (value) => (asString(value) ? formatDate(asString(value)!) : null),
	moment: (value) => {
		const text = asString(value);
		return text && !Number.isNaN(Date.parse(text)) ? formatTime(text) : null;
	},
	assessment_status: (value) => (asString(value) ? statusLabel(asString(value)) : null),
	period_status: (value) => (asString(value) ? periodStatusLabel(asString(value)!) : null),
	set_status: (value) =>
		value === 'draft'
			? m.admin_criteria_status_draft()
			: value === 'published'
				? m.admin_criteria_status_published()
				: null,
	unit_status: (value) =>
		value === 'active'
			? m.admin_units_status_active()
			: value === 'retired'
				? m.audit_words_unit_retired()
				: null,
	account_active: (value) =>
		typeof value === 'boolean'
			? value
				? m.admin_users_status_active()
				: m.admin_users_status_inactive()
			: null,
	unit_kind: (value) => (asString(value) ? unitKindLabel(asString(value)!) : null),
	audience: (value) => (asString(value) ? audienceLabel(asString(value)!) : null),
	unit_kinds: (value) =>
		Array.isArray(value) && value.length > 0
			? value.map((kind) => unitKindLabel(String(kind))).join(', ')
			: null,
	role: (value) => (asString(value) ? roleLabel(asString(value)!) : null),
	unit: (value, { names }) => unitValue(value, names),
	units: (value, { names }) =>
		Array.isArray(value) && value.length > 0
			? value.map((code) => unitValue(code, names)).join(', ')
			: null,
	criterion: criterionName,
	criterion_value: criterionValue,
	criterion_type: (value) =>
		asString(value) && TYPES[value as string] ? TYPES[value as string]() : null,
	comparator: (value) => (asString(value) ? (COMPARATORS[value as string] ?? null) : null),
	target: (value) =>
		typeof value === 'string' && (RATINGS as readonly string[]).includes(value)
			? ratingLabel(value as Rating)
			: null,
	period: (value) => (asString(value) ? formatPeriod(asString(value)!) : null),
	version: (value) =>
		asNumber(value) === null ? null : m.admin_criteria_version_label({ version: String(value) }),
	bytes: (value) => (asNumber(value) === null ? null : fileSize(asNumber(value)!)),
	hash: (value) => (asString(value) ? `${asString(value)!.slice(0, 12)}…` : null),
	comments: (value) =>
		value && typeof value === 'object' && !Array.isArray(value)
			? Object.entries(value as Record<string, unknown>)
					.map(([code, body]) => m.history_comment({ code, body: plainValue(body) ?? '' }))
					.join('; ')
			: null
};

/** A value as the pages show it, by the kind of its field; null when empty. */
export function fieldValue(kind: ValueKind, value: unknown, context: Context): string | null {
	if (kind === 'presence')
		return value === null || value === undefined ? m.value_no() : m.value_yes();
	if (value === null || value === undefined || value === '') return null;
	try {
		return READERS[kind]?.(value, context) ?? plainValue(value);
	} catch {
		// A value recorded in a shape this reader does not expect still reads, as text.
		return plainValue(value);
	}
}

/** Fields the sentence already names, shown again only when they changed. */
const NAMED_IN_SENTENCE = new Set(['criterion']);
/** Row ids nobody reads: the decision shows by its number and date. */
const HIDDEN = new Set(['decision']);

/** Where a field comes in the list: the order of the labels above, the unknown last. */
const ORDER = new Map(Object.keys(LABELS).map((key, index) => [key, index]));
function rank(entityType: string, field: string): number {
	return ORDER.get(`${entityType}.${field}`) ?? ORDER.get(field) ?? ORDER.size;
}

/**
 * Every recorded field of an entry, labelled and worded, in a steady order (the database may
 * keep a record's keys in an order of its own).
 */
export function auditFields(entry: WordedEntry, names: AuditNames): WordedField[] {
	const context = { entry, names };
	return fieldChanges(entry.before, entry.after)
		.filter((change) => !HIDDEN.has(change.field))
		.filter((change) => change.changed || !NAMED_IN_SENTENCE.has(change.field))
		.sort((a, b) => rank(entry.entity_type, a.field) - rank(entry.entity_type, b.field))
		.map((change) => {
			const kind = fieldKind(entry.entity_type, change.field);
			return {
				field: change.field,
				label: fieldLabel(entry.entity_type, change.field),
				before: fieldValue(kind, change.before, context),
				after: fieldValue(kind, change.after, context),
				changed: change.changed
			};
		});
}
