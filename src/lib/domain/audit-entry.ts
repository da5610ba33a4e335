// What an audit entry is about and how each of its recorded fields is to be read, for people:
// which objects the server must look up (in a few batched queries, never one per entry) and which
// kind of value each field holds. Pure: the words themselves live in `$lib/audit-words`.
import type { Audience } from './audiences';
import type { Rating } from './scoring';

/** How a recorded value reads: a status by name, a date as dd/mm/yyyy, a number in vi-VN… */
export type ValueKind =
	| 'text'
	| 'yes_no'
	| 'number'
	| 'score'
	| 'share'
	| 'date'
	| 'moment'
	| 'assessment_status'
	| 'period_status'
	| 'set_status'
	| 'unit_status'
	| 'account_active'
	| 'presence'
	| 'unit_kind'
	| 'unit_kinds'
	| 'role'
	| 'unit'
	| 'units'
	| 'criterion'
	| 'criterion_value'
	| 'criterion_type'
	| 'comparator'
	| 'target'
	| 'period'
	| 'version'
	| 'audience'
	| 'list'
	| 'bytes'
	| 'hash'
	| 'comments';

/**
 * The kind of each field the services record, by `entity.field` where the same name means
 * different things (a `status` of an assessment, a period, a unit), else by the field alone.
 */
const KINDS: Record<string, ValueKind> = {
	'assessment.status': 'assessment_status',
	'period.status': 'period_status',
	'criteria_set.status': 'set_status',
	'unit.status': 'unit_status',
	'user.active': 'account_active',
	'campaign.code': 'text',
	'criteria_set.criteria': 'list',
	'criteria_group.criteria': 'list',
	'criteria_set.points': 'number',
	'criterion.points': 'number',
	score: 'score',
	eligible: 'yes_no',
	recognition: 'presence',
	comments: 'comments',
	criterion: 'criterion',
	value: 'criterion_value',
	size: 'bytes',
	sha256: 'hash',
	date: 'date',
	superseded_on: 'date',
	role: 'role',
	unit: 'unit',
	parent: 'unit',
	merged_into: 'unit',
	predecessors: 'units',
	must_change_password: 'yes_no',
	retryAt: 'moment',
	kind: 'unit_kind',
	established_on: 'date',
	retired_on: 'date',
	merged_on: 'date',
	on: 'date',
	level: 'number',
	applies_to: 'unit_kinds',
	start_date: 'date',
	target_date: 'date',
	target_share: 'share',
	min_score: 'number',
	all_mandatory: 'yes_no',
	district_min_share: 'share',
	label: 'period',
	version: 'version',
	criteria_version: 'version',
	criteria_version_agency: 'version',
	criteria_version_enterprise: 'version',
	criteria_version_school: 'version',
	audience: 'audience',
	from_version: 'version',
	closes_at: 'moment',
	until: 'moment',
	groups: 'list',
	order: 'list',
	type: 'criterion_type',
	comparator: 'comparator',
	target: 'target',
	mandatory: 'yes_no',
	evidence_required: 'yes_no',
	assessments: 'number',
	recognised: 'number',
	valid_from: 'date',
	valid_to: 'date',
	areas: 'number',
	members: 'number',
	units: 'number',
	map_codes: 'list',
	effective_on: 'date',
	from: 'list',
	created: 'number',
	merged: 'number',
	split: 'number',
	renamed: 'number',
	kindChanged: 'number',
	moved: 'number',
	retired: 'number',
	emptied: 'number',
	hanging: 'number',
	users: 'number',
	usersWithoutScope: 'number',
	campaigns: 'number',
	errors: 'number',
	new: 'number',
	changed: 'number',
	unchanged: 'number',
	error: 'number'
};

/**
 * The field a period's audit entry records an audience's criteria version in: `criteria_version`
 * for communes, wards and townships (as every entry did before sets had audiences),
 * `criteria_version_school` and so on for the others.
 */
export function periodVersionKey(audience: Audience): string {
	return audience === 'area' ? 'criteria_version' : `criteria_version_${audience}`;
}

/** The kind of a field's value; an unknown (future) field reads as text. */
export function fieldKind(entityType: string, field: string): ValueKind {
	return KINDS[`${entityType}.${field}`] ?? KINDS[field] ?? 'text';
}

/** The JSON the database hands back, parsed; text that is not JSON as it is. */
export function decodeRecord(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/** One field of a recorded before/after object, or undefined. */
export function recordField(record: unknown, key: string): unknown {
	const value = decodeRecord(record);
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)[key]
		: undefined;
}

/** The fields of an entry a reader needs to find what it is about. */
export interface AuditEntryShape {
	action: string;
	entity_type: string;
	entity_id: string;
	before: unknown;
	after: unknown;
}

/** What the server must look up to name the objects of a page of entries. */
export interface AuditRefs {
	assessments: number[];
	campaigns: string[];
	criteria: number[];
	groups: number[];
	sets: number[];
	users: number[];
	areaSets: string[];
	decisions: number[];
	/** Units named by code in the recorded fields (a parent, a new unit, a merger's units). */
	units: string[];
}

/** A positive whole id, or null (sign-in failures record the typed name as the user id). */
export function numericId(value: string): number | null {
	return /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null;
}

/** The campaign and period label of a period's entity id 'CAP-DHKM/2026-Q4'. */
export function periodRef(entityId: string): { campaign: string; label: string } | null {
	const slash = entityId.indexOf('/');
	if (slash <= 0 || slash === entityId.length - 1) return null;
	return { campaign: entityId.slice(0, slash), label: entityId.slice(slash + 1) };
}

const UNIT_FIELDS = ['unit', 'parent', 'merged_into'];

function unitCodesOf(record: unknown): string[] {
	const codes: string[] = [];
	for (const key of UNIT_FIELDS) {
		const value = recordField(record, key);
		if (typeof value === 'string' && value) codes.push(value);
	}
	const list = recordField(record, 'predecessors');
	if (Array.isArray(list)) codes.push(...list.filter((code) => typeof code === 'string'));
	return codes;
}

const ID_TABLES: Record<string, keyof AuditRefs> = {
	assessment: 'assessments',
	criterion: 'criteria',
	criteria_group: 'groups',
	criteria_set: 'sets',
	user: 'users',
	recognition_decision: 'decisions'
};

/** Every object a page of entries names, each once. */
export function collectAuditRefs(entries: readonly AuditEntryShape[]): AuditRefs {
	const sets = {
		assessments: new Set<number>(),
		campaigns: new Set<string>(),
		criteria: new Set<number>(),
		groups: new Set<number>(),
		sets: new Set<number>(),
		users: new Set<number>(),
		areaSets: new Set<string>(),
		decisions: new Set<number>(),
		units: new Set<string>()
	};
	for (const entry of entries) {
		const table = ID_TABLES[entry.entity_type];
		const id = numericId(entry.entity_id);
		if (table && id !== null) (sets[table] as Set<number>).add(id);
		if (entry.entity_type === 'campaign') sets.campaigns.add(entry.entity_id);
		if (entry.entity_type === 'period') {
			const ref = periodRef(entry.entity_id);
			if (ref) sets.campaigns.add(ref.campaign);
		}
		if (entry.entity_type === 'area_set') sets.areaSets.add(entry.entity_id);
		if (entry.entity_type === 'area') {
			const ref = periodRef(entry.entity_id);
			if (ref) sets.areaSets.add(ref.campaign);
		}
		for (const code of [...unitCodesOf(entry.before), ...unitCodesOf(entry.after)]) {
			sets.units.add(code);
		}
	}
	return {
		assessments: [...sets.assessments],
		campaigns: [...sets.campaigns],
		criteria: [...sets.criteria],
		groups: [...sets.groups],
		sets: [...sets.sets],
		users: [...sets.users],
		areaSets: [...sets.areaSets],
		decisions: [...sets.decisions],
		units: [...sets.units]
	};
}

/** The criterion code an assessment entry is about (a value, a note, a piece of evidence). */
export function entryCriterion(entry: Pick<AuditEntryShape, 'before' | 'after'>): string | null {
	const code = recordField(entry.after, 'criterion') ?? recordField(entry.before, 'criterion');
	return typeof code === 'string' ? code : null;
}

/** One recorded field: its value before and after, and whether it changed. */
export interface FieldChange {
	/** The field name; '' when a side is a bare value (a list of roadmap lines). */
	field: string;
	before: unknown;
	after: unknown;
	/** Both sides recorded and the value differs. */
	changed: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields of an entry, in the order they appear in `before` then new ones in `after`. Only
 * the top level: a nested record (a return's comments) is one field, read by its kind.
 */
export function fieldChanges(beforeValue: unknown, afterValue: unknown): FieldChange[] {
	const before = decodeRecord(beforeValue) ?? null;
	const after = decodeRecord(afterValue) ?? null;
	if (before === null && after === null) return [];
	const twoSided = before !== null && after !== null;
	if ((before !== null && !isRecord(before)) || (after !== null && !isRecord(after))) {
		return [{ field: '', before, after, changed: twoSided && !same(before, after) }];
	}
	const left = (before ?? {}) as Record<string, unknown>;
	const right = (after ?? {}) as Record<string, unknown>;
	const fields = [...Object.keys(left), ...Object.keys(right).filter((key) => !(key in left))];
	return fields.map((field) => ({
		field,
		before: left[field],
		after: right[field],
		changed: twoSided && !same(left[field], right[field])
	}));
}

/** The names the server looked up for a page of entries (see `collectAuditRefs`). */
export interface CriterionName {
	code: string;
	title_vi: string;
	title_en: string;
	type: string;
	comparator: string | null;
	targetNumber: number | null;
	targetRating: Rating | null;
}

export interface AuditNames {
	assessments: Record<
		number,
		{
			campaign: string;
			unitCode: string;
			unitName: string;
			period: string;
			criteria: Record<string, CriterionName>;
		}
	>;
	campaigns: Record<string, { name_vi: string; name_en: string }>;
	criteria: Record<number, { code: string; title_vi: string; title_en: string } & SetPlace>;
	groups: Record<number, { code: string; name_vi: string; name_en: string } & SetPlace>;
	sets: Record<number, SetPlace>;
	users: Record<number, { username: string; display_name: string }>;
	areaSets: Record<string, { name_vi: string; name_en: string }>;
	decisions: Record<number, { number: string; date: string; campaign: string }>;
	/** Unit names by code. */
	units: Record<string, string>;
}

/** Where a criteria set, group or criterion lives: the campaign, the set's audience and version. */
export interface SetPlace {
	campaign: string;
	/** Who the set is written for ('area', 'school' …); absent where the caller did not say. */
	audience?: string;
	version: number;
}
