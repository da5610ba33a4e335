// An audit entry as a sentence in the active language: who did what to which object, each object
// named as the pages name it and linked to its page. The sentence is a list of segments (text,
// some with an address) so the page can render links inside a translated sentence.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDate, formatPeriod } from '$lib/format';
import { audienceLabel } from '$lib/labels';
import { assessmentPath, criterionAnchor, unitPath } from '$lib/paths';
import {
	entryCriterion,
	numericId,
	periodRef,
	recordField,
	type AuditEntryShape,
	type AuditNames
} from '$lib/domain/audit-entry';

export interface Segment {
	text: string;
	/** An address inside the app, before localisation. */
	href?: string;
}

/** An entry as the page has it: the recorded fields, who, and the unit it is filed under. */
export interface WordedEntry extends AuditEntryShape {
	actor_name: string;
	actor_display: string | null;
	unit_code: string | null;
	unit_name: string | null;
}

type PartName = 'actor' | 'object' | 'criterion' | 'unit';
type Parts = Record<PartName, Segment[]>;
type Template<K extends string> = (marks: Record<K, string>) => string;

const MARK = '\u0001';

/**
 * A translated message with segments in its placeholders: the message is rendered with markers,
 * then cut at them, so each language keeps its own word order.
 */
export function fill<K extends string>(
	template: Template<K>,
	parts: Record<K, Segment[]>
): Segment[] {
	const keys = Object.keys(parts) as K[];
	const marks = Object.fromEntries(keys.map((key) => [key, `${MARK}${key}${MARK}`]));
	return template(marks as Record<K, string>)
		.split(MARK)
		.flatMap((piece, index) =>
			index % 2 === 1 ? (parts[piece as K] ?? []) : piece ? [{ text: piece }] : []
		);
}

/** The sentence as plain text, for tests and for screen readers' summaries. */
export function plainText(segments: readonly Segment[]): string {
	return segments.map((segment) => segment.text).join('');
}

const text = (value: string, href?: string): Segment[] => [
	href ? { text: value, href } : { text: value }
];
const en = () => getLocale() === 'en';
const str = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** The recorded value of a field, from after or else before. */
function recorded(entry: AuditEntryShape, key: string): unknown {
	return recordField(entry.after, key) ?? recordField(entry.before, key);
}

/** A unit as the pages name it: 'Phường Trường Vinh (16672)', or its code alone. */
export function unitText(code: string, name: string | null | undefined): string {
	return name ? `${name} (${code})` : code;
}

function actorSegments(entry: WordedEntry): Segment[] {
	if (!entry.actor_name) return text(m.admin_audit_system());
	return text(entry.actor_display || entry.actor_name, `/admin/users/${entry.actor_name}`);
}

function assessmentObject(entry: WordedEntry, names: AuditNames): Segment[] {
	const id = numericId(entry.entity_id);
	const found = id === null ? undefined : names.assessments[id];
	if (!found) return text(m.audit_words_assessment_number({ id: entry.entity_id }));
	return fill(m.audit_words_assessment, {
		assessment: text(
			m.audit_words_assessment_word(),
			assessmentPath(found.campaign, found.unitCode, found.period)
		),
		unit: text(unitText(found.unitCode, found.unitName), unitPath(found.campaign, found.unitCode)),
		period: text(formatPeriod(found.period)),
		campaign: text(found.campaign, `/campaigns/${found.campaign}`)
	});
}

function campaignSegments(code: string): Segment[] {
	return text(code, `/admin/campaigns/${code}`);
}

/**
 * A version in words: "bộ tiêu chí Nhà trường, phiên bản 1" once its audience is known (a campaign
 * holds a set per audience), "Phiên bản 1" in entries written before sets had one.
 */
function versionLabel(audience: string | undefined, version: unknown): string {
	return audience
		? m.audit_words_set_version({ audience: audienceLabel(audience), version: str(version) })
		: m.admin_criteria_version_label({ version: str(version) });
}

function versionSegments(
	campaign: string | undefined,
	audience: string | undefined,
	version: unknown
): Segment[] {
	const href = `/admin/campaigns/${campaign}/criteria/${audience ?? 'area'}/${str(version)}`;
	return text(versionLabel(audience, version), campaign ? href : undefined);
}

/** A criteria set, group or criterion: its own name, then its audience, version and campaign. */
function criteriaObject(entry: WordedEntry, names: AuditNames): Segment[] {
	const id = numericId(entry.entity_id) ?? 0;
	const place =
		entry.entity_type === 'criteria_set'
			? names.sets[id]
			: entry.entity_type === 'criteria_group'
				? names.groups[id]
				: names.criteria[id];
	const version = place?.version ?? recorded(entry, 'version');
	const recordedAudience = str(recorded(entry, 'audience')) || undefined;
	const audience = place?.audience ?? recordedAudience;
	const inSet = place
		? fill(m.audit_words_in_set, {
				version: versionSegments(place.campaign, audience, version),
				campaign: campaignSegments(place.campaign)
			})
		: text(versionLabel(audience, version));
	if (entry.entity_type === 'criteria_set') {
		// "bộ tiêu chí Nhà trường, phiên bản 1" already says what it is.
		return audience ? inSet : fill(m.audit_words_criteria_set, { set: inSet });
	}
	const code = str(recorded(entry, 'code')) || (names.groups[id] ?? names.criteria[id])?.code || '';
	if (entry.entity_type === 'criteria_group') {
		const group = names.groups[id];
		const name = group ? (en() ? group.name_en : group.name_vi) : str(recorded(entry, 'name_vi'));
		return fill(m.audit_words_criteria_group, {
			group: text(`${code} ${name}`.trim()),
			set: inSet
		});
	}
	const criterion = names.criteria[id];
	const title = criterion
		? en()
			? criterion.title_en
			: criterion.title_vi
		: str(recorded(entry, en() ? 'title_en' : 'title_vi'));
	return fill(m.audit_words_criterion, { criterion: text(`${code} ${title}`.trim()), set: inSet });
}

function userObject(entry: WordedEntry, names: AuditNames): Segment[] {
	const id = numericId(entry.entity_id);
	const user = id === null ? undefined : names.users[id];
	const username = user?.username ?? (str(recorded(entry, 'username')) || entry.entity_id);
	const shown = user?.display_name ? `${user.display_name} (${username})` : username;
	return fill(m.audit_words_user, {
		user: text(shown, user ? `/admin/users/${username}` : undefined)
	});
}

function unitObject(entry: WordedEntry, names: AuditNames): Segment[] {
	const code = entry.entity_id;
	const name =
		(entry.unit_code === code ? entry.unit_name : null) ??
		names.units[code] ??
		(str(recordField(entry.after, 'name')) || null);
	return fill(m.audit_words_unit, { unit: text(unitText(code, name), `/admin/units/${code}`) });
}

function periodObject(entry: WordedEntry): Segment[] {
	const ref = periodRef(entry.entity_id);
	if (!ref) return text(entry.entity_id);
	return fill(m.audit_words_period, {
		period: text(formatPeriod(ref.label), `/admin/campaigns/${ref.campaign}/periods/${ref.label}`),
		campaign: campaignSegments(ref.campaign)
	});
}

function areaSetSegments(code: string, names: AuditNames): Segment[] {
	const set = names.areaSets[code];
	const name = set ? (en() ? set.name_en : set.name_vi) : code;
	return text(name, set ? `/admin/areas/${code}` : undefined);
}

function decisionObject(entry: WordedEntry, names: AuditNames): Segment[] {
	const id = numericId(entry.entity_id);
	const decision = id === null ? undefined : names.decisions[id];
	const number = decision?.number ?? str(recorded(entry, 'decisionNumber'));
	const date = decision?.date ?? str(recorded(entry, 'date'));
	const title = m.decision_title({ number, date: date ? formatDate(date) : '' });
	return text(title, decision ? `/review/decisions/${id}` : undefined);
}

const ENTITIES: Record<string, () => string> = {
	user: () => m.admin_audit_entity_user(),
	assessment: () => m.admin_audit_entity_assessment(),
	unit: () => m.admin_audit_entity_unit(),
	campaign: () => m.admin_audit_entity_campaign(),
	period: () => m.admin_audit_entity_period(),
	evidence: () => m.admin_audit_entity_evidence(),
	recognition: () => m.admin_audit_entity_recognition(),
	criteria_set: () => m.admin_audit_entity_criteria_set(),
	criteria_group: () => m.admin_audit_entity_criteria_group(),
	criterion: () => m.admin_audit_entity_criterion(),
	unit_import: () => m.admin_audit_entity_unit_import(),
	reorganisation: () => m.admin_audit_entity_reorganisation()
};

/** A kind of object by name; an unknown kind as itself. */
export function entityLabel(entityType: string): string {
	return ENTITIES[entityType]?.() ?? entityType;
}

/** The object of an entry, named and linked; an unknown kind reads as its type and id. */
export function objectSegments(entry: WordedEntry, names: AuditNames): Segment[] {
	switch (entry.entity_type) {
		case 'assessment':
			return assessmentObject(entry, names);
		case 'campaign':
			return fill(m.audit_words_campaign, { campaign: campaignSegments(entry.entity_id) });
		case 'period':
			return periodObject(entry);
		case 'criteria_set':
		case 'criteria_group':
		case 'criterion':
			return criteriaObject(entry, names);
		case 'user':
			return userObject(entry, names);
		case 'unit':
			return unitObject(entry, names);
		case 'unit_import':
			return text(m.audit_words_unit_import());
		case 'reorganisation': {
			const file = str(recorded(entry, 'file_name'));
			return file
				? text(m.audit_words_reorganisation_file({ file }), '/admin/units/reorganise')
				: text(m.audit_words_reorganisation({ id: entry.entity_id }));
		}
		case 'area_set':
			return fill(m.audit_words_area_set, { set: areaSetSegments(entry.entity_id, names) });
		case 'area': {
			const ref = periodRef(entry.entity_id);
			if (!ref) return text(entry.entity_id);
			const name = str(recordField(entry.after, 'name')) || ref.label;
			return fill(m.audit_words_area, {
				area: text(name),
				set: areaSetSegments(ref.campaign, names)
			});
		}
		case 'recognition_decision':
			return decisionObject(entry, names);
		default:
			return text(`${entityLabel(entry.entity_type)} ${entry.entity_id}`);
	}
}

/** The criterion an assessment entry is about, by code and title, linked to its card. */
function criterionSegments(entry: WordedEntry, names: AuditNames): Segment[] {
	const code = entryCriterion(entry) ?? '';
	const id = numericId(entry.entity_id);
	const assessment = id === null ? undefined : names.assessments[id];
	const criterion = assessment?.criteria[code];
	const title = criterion ? (en() ? criterion.title_en : criterion.title_vi) : '';
	const href = assessment
		? `${assessmentPath(assessment.campaign, assessment.unitCode, assessment.period)}#${criterionAnchor(code)}`
		: undefined;
	return text(title ? `${code} ${title}` : code, href);
}

/** The unit a period's extension or an area move is about. */
function fieldUnitSegments(entry: WordedEntry, names: AuditNames): Segment[] {
	const code = str(recorded(entry, 'unit')) || entry.unit_code || '';
	const name = names.units[code] ?? (entry.unit_code === code ? entry.unit_name : null);
	return text(unitText(code, name), code ? `/admin/units/${code}` : undefined);
}

type Sentence = (parts: Parts) => Segment[];
const say =
	<K extends PartName>(template: Template<K>): Sentence =>
	(parts) =>
		fill(template, parts);

const created = say(m.audit_words_created);
const edited = say(m.audit_words_edited);
const deleted = say(m.audit_words_deleted);
const reordered = say(m.audit_words_reordered);

/** Which sentence each action reads as; the parts are actor, object and, for some, more. */
const SENTENCES: Record<string, Sentence> = {
	'user.create': created,
	'user.update': edited,
	'user.deactivate': say(m.audit_words_user_deactivate),
	'user.reactivate': say(m.audit_words_user_reactivate),
	'user.password_reset': say(m.audit_words_user_password_reset),
	'user.import': say(m.audit_words_user_import),
	'user.move': say(m.audit_words_user_move),
	'user.email': say(m.audit_words_user_email),
	'auth.sign_in': say(m.audit_words_sign_in),
	'auth.sign_out': say(m.audit_words_sign_out),
	'auth.password_change': say(m.audit_words_password_change),
	'assessment.create': created,
	'assessment.submit': say(m.audit_words_assessment_submit),
	'assessment.verify': say(m.audit_words_assessment_verify),
	'assessment.return': say(m.audit_words_assessment_return),
	'assessment.approve': say(m.audit_words_assessment_approve),
	'assessment.reopen': say(m.audit_words_assessment_reopen),
	'assessment.supersede': say(m.audit_words_assessment_supersede),
	'result.value': say(m.audit_words_result_value),
	'result.note': say(m.audit_words_result_note),
	'evidence.upload': say(m.audit_words_evidence_upload),
	'evidence.delete': say(m.audit_words_evidence_delete),
	'recognition.grant': say(m.audit_words_recognition_grant),
	'recognition.revoke': say(m.audit_words_recognition_revoke),
	'decision.bulk_approve': say(m.audit_words_decision_bulk_approve),
	'decision.scan': say(m.audit_words_decision_scan),
	'campaign.create': created,
	'campaign.update': edited,
	'roadmap.update': say(m.audit_words_roadmap_update),
	'period.create': created,
	'period.update': edited,
	'period.open': say(m.audit_words_period_open),
	'period.close': say(m.audit_words_period_close),
	'period.reopen': say(m.audit_words_period_reopen),
	'period.extend': say(m.audit_words_period_extend),
	'period.extension_revoke': say(m.audit_words_period_extension_revoke),
	'unit.create': created,
	'unit.import': say(m.audit_words_imported),
	'unit.update': edited,
	'unit.move': say(m.audit_words_unit_move),
	'unit.retire': say(m.audit_words_unit_retire),
	'unit.merge': say(m.audit_words_unit_merge),
	'unit.reorganise': say(m.audit_words_unit_reorganise),
	'criteria_set.create': created,
	'criteria_set.delete': deleted,
	'criteria_set.import': say(m.audit_words_criteria_set_import),
	'criteria_set.publish': say(m.audit_words_criteria_set_publish),
	'criteria_group.create': created,
	'criteria_group.update': edited,
	'criteria_group.delete': deleted,
	'criteria_group.move': reordered,
	'criteria.create': created,
	'criteria.update': edited,
	'criteria.delete': deleted,
	'criteria.move': reordered,
	'area_set.create': created,
	'area_set.import': say(m.audit_words_area_set_import),
	'area.create': created,
	'area.member_move': say(m.audit_words_area_member_move)
};

/** The entry as one sentence: "Nguyễn Văn A đã xác minh bản đánh giá của …". */
export function auditSentence(
	entry: WordedEntry,
	names: AuditNames,
	actionLabel: (action: string) => string = (action) => action
): Segment[] {
	const name = text(str(recorded(entry, 'username')) || entry.entity_id);
	if (entry.action === 'auth.sign_in_failed' && !entry.actor_name)
		return fill(m.audit_words_sign_in_failed, { name });
	if (entry.action === 'auth.sign_in_failed')
		return fill(m.audit_words_sign_in_failed, { name: actorSegments(entry) });
	if (entry.action === 'auth.sign_in_throttled')
		return fill(m.audit_words_sign_in_throttled, { name });
	const parts: Parts = {
		actor: actorSegments(entry),
		object: objectSegments(entry, names),
		criterion: criterionSegments(entry, names),
		unit: fieldUnitSegments(entry, names)
	};
	const sentence = SENTENCES[entry.action];
	if (sentence) return sentence(parts);
	return fill(m.audit_words_other, { ...parts, action: text(actionLabel(entry.action)) });
}
