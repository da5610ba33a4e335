// A criteria set as a whole: its validation, and its JSON form (the `groups` of a campaign file,
// `data/campaigns/*.json`). Pure: the admin editor, the import and the export all use it.
import {
	COMPARATORS,
	isCriterionType,
	isRating,
	type Comparator,
	typeSpec,
	valueKind,
	type CriterionType,
	type CriterionTypeSpec,
	type Rating,
	type TargetRangeProblem
} from './scoring';

import { parseDecimal } from './decimal';

export interface CriterionContent {
	code: string;
	title_vi: string;
	title_en: string;
	type: CriterionType;
	comparator: Comparator | null;
	target_number: number | null;
	target_rating: Rating | null;
	points: number;
	mandatory: boolean;
	evidence_required: boolean;
	guidance_vi: string;
	guidance_en: string;
}

export interface GroupContent {
	code: string;
	name_vi: string;
	name_en: string;
	criteria: CriterionContent[];
}

export interface CriteriaSetContent {
	groups: GroupContent[];
}

export type CriterionField = Exclude<keyof CriterionContent, 'target_number' | 'target_rating'>;
export type IssueField = CriterionField | 'target' | 'name_vi' | 'name_en' | 'criteria';

export type IssueProblem =
	| 'required'
	| 'bad_code'
	| 'duplicate_code'
	| 'bad_type'
	| 'comparator_required'
	| 'comparator_not_allowed'
	| 'target_required'
	| 'target_not_allowed'
	| TargetRangeProblem
	| 'target_number'
	| 'target_rating'
	| 'points_range'
	| 'not_a_number'
	| 'group_empty'
	| 'set_empty'
	| 'points_total';

/**
 * One problem of a set. `group` and `criterion` are the codes (or, for a blank code, the position
 * as `#n`) that name where it is; set-wide problems have neither.
 */
export interface SetIssue {
	group?: string;
	criterion?: string;
	field?: IssueField;
	problem: IssueProblem;
	/** The points total, for `points_total`. */
	total?: number;
}

/** Problems that only stop publishing: a draft may be stored with them while it is being built. */
const PUBLISH_ONLY: readonly IssueProblem[] = ['points_total', 'group_empty', 'set_empty'];

export function isPublishOnly(issue: SetIssue): boolean {
	return PUBLISH_ONLY.includes(issue.problem);
}

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,20}$/;
export const TOTAL_POINTS = 100;
const MAX_TARGET = 1e10;

/** Points and targets are stored with two decimals: compare in hundredths. */
const hundredths = (value: number) => Math.round(value * 100);
const hasAtMostTwoDecimals = (value: number) => Math.abs(hundredths(value) - value * 100) < 1e-6;

export function totalPoints(content: CriteriaSetContent): number {
	const sum = content.groups
		.flatMap((group) => group.criteria)
		.reduce((total, criterion) => total + hundredths(criterion.points), 0);
	return sum / 100;
}

export function criteriaCount(content: CriteriaSetContent): number {
	return content.groups.reduce((count, group) => count + group.criteria.length, 0);
}

/** The problems of one criterion on its own (codes are checked against the set elsewhere). */
export function validateCriterion(criterion: CriterionContent): {
	field: IssueField;
	problem: IssueProblem;
}[] {
	const issues: { field: IssueField; problem: IssueProblem }[] = [];
	const add = (field: IssueField, problem: IssueProblem) => issues.push({ field, problem });
	if (!criterion.code.trim()) add('code', 'required');
	else if (!CODE_PATTERN.test(criterion.code)) add('code', 'bad_code');
	if (!criterion.title_vi.trim()) add('title_vi', 'required');
	if (!criterion.title_en.trim()) add('title_en', 'required');
	if (!isCriterionType(criterion.type)) {
		add('type', 'bad_type');
	} else {
		validateTarget(criterion, add);
	}
	if (
		!Number.isFinite(criterion.points) ||
		criterion.points < 0 ||
		criterion.points > TOTAL_POINTS ||
		!hasAtMostTwoDecimals(criterion.points)
	) {
		add('points', 'points_range');
	}
	return issues;
}

function validateTarget(
	criterion: CriterionContent,
	add: (field: IssueField, problem: IssueProblem) => void
) {
	const { comparator, target_number: number, target_rating: rating } = criterion;
	const spec = typeSpec(criterion.type);
	if (spec.value !== 'number') {
		if (comparator !== null) add('comparator', 'comparator_not_allowed');
		if (spec.value === 'boolean') {
			if (number !== null || rating !== null) add('target', 'target_not_allowed');
		} else if (number !== null) add('target', 'target_rating');
		else if (rating === null) add('target', 'target_required');
		else if (!isRating(rating)) add('target', 'target_rating');
		return;
	}
	if (comparator === null) add('comparator', 'comparator_required');
	else if (!(COMPARATORS as readonly string[]).includes(comparator)) {
		add('comparator', 'comparator_required');
	}
	const range = spec.target;
	if (rating !== null) add('target', 'target_number');
	else if (number === null) add('target', 'target_required');
	else if (!Number.isFinite(number) || Math.abs(number) >= MAX_TARGET) {
		add('target', 'target_number');
	} else if (range && !withinRange(number, range)) add('target', range.problem);
	else if (!hasAtMostTwoDecimals(number)) add('target', 'target_number');
}

/** A target the type bounds: inside its range, whole where it counts, two decimals at most. */
function withinRange(number: number, range: NonNullable<CriterionTypeSpec['target']>) {
	if (number < range.min || (range.max !== undefined && number > range.max)) return false;
	return range.whole ? Number.isInteger(number) : hasAtMostTwoDecimals(number);
}

/** The problems of a group's own fields. */
export function validateGroupFields(group: Pick<GroupContent, 'code' | 'name_vi' | 'name_en'>): {
	field: IssueField;
	problem: IssueProblem;
}[] {
	const issues: { field: IssueField; problem: IssueProblem }[] = [];
	if (!group.code.trim()) issues.push({ field: 'code', problem: 'required' });
	else if (!CODE_PATTERN.test(group.code)) issues.push({ field: 'code', problem: 'bad_code' });
	if (!group.name_vi.trim()) issues.push({ field: 'name_vi', problem: 'required' });
	if (!group.name_en.trim()) issues.push({ field: 'name_en', problem: 'required' });
	return issues;
}

const label = (code: string, index: number) => (code.trim() ? code : `#${index + 1}`);

/** Every problem of a set, in reading order; an empty list means it can be published. */
export function validateSet(content: CriteriaSetContent): SetIssue[] {
	const issues: SetIssue[] = [];
	const groupCodes = new Set<string>();
	const criterionCodes = new Set<string>();
	let index = 0;
	for (const [groupIndex, group] of content.groups.entries()) {
		const groupLabel = label(group.code, groupIndex);
		for (const issue of validateGroupFields(group)) issues.push({ group: groupLabel, ...issue });
		if (group.code.trim()) {
			if (groupCodes.has(group.code)) {
				issues.push({ group: groupLabel, field: 'code', problem: 'duplicate_code' });
			}
			groupCodes.add(group.code);
		}
		if (group.criteria.length === 0) {
			issues.push({ group: groupLabel, field: 'criteria', problem: 'group_empty' });
		}
		for (const criterion of group.criteria) {
			const criterionLabel = label(criterion.code, index++);
			const at = { group: groupLabel, criterion: criterionLabel };
			for (const issue of validateCriterion(criterion)) issues.push({ ...at, ...issue });
			if (criterion.code.trim()) {
				if (criterionCodes.has(criterion.code)) {
					issues.push({ ...at, field: 'code', problem: 'duplicate_code' });
				}
				criterionCodes.add(criterion.code);
			}
		}
	}
	if (index === 0) issues.push({ problem: 'set_empty' });
	const total = totalPoints(content);
	if (hundredths(total) !== TOTAL_POINTS * 100) issues.push({ problem: 'points_total', total });
	return issues;
}

// ——— Forms ———

/**
 * A criterion from its edit form. The form always carries a comparator, a number and a rating
 * field; only those the type uses are kept, so switching the type never leaves stray targets.
 */
export function readCriterionForm(field: (name: string) => string): {
	content: CriterionContent;
	issues: { field: IssueField; problem: IssueProblem }[];
} {
	const type = field('type') as CriterionType;
	// An unknown type keeps no target: validation names the type alone.
	const kind = isCriterionType(type) ? valueKind(type) : null;
	const numeric = kind === 'number';
	const points = parseDecimal(field('points'));
	const target = numeric ? parseDecimal(field('target_number')) : null;
	const rating = field('target_rating');
	const comparator = field('comparator');
	const content: CriterionContent = {
		code: field('code').trim(),
		title_vi: field('title_vi').trim(),
		title_en: field('title_en').trim(),
		type,
		comparator: numeric && comparator ? (comparator as Comparator) : null,
		target_number: target !== null && Number.isNaN(target) ? null : target,
		target_rating: kind === 'rating' && rating ? (rating as Rating) : null,
		points: points ?? Number.NaN,
		mandatory: field('mandatory') === 'on',
		evidence_required: field('evidence_required') === 'on',
		guidance_vi: field('guidance_vi').trim(),
		guidance_en: field('guidance_en').trim()
	};
	const issues = validateCriterion(content).filter(
		(issue) => !(issue.field === 'target' && target !== null && Number.isNaN(target))
	);
	if (target !== null && Number.isNaN(target))
		issues.push({ field: 'target', problem: 'not_a_number' });
	for (const issue of issues) {
		if (issue.field === 'points' && points === null) issue.problem = 'required';
		else if (issue.field === 'points' && Number.isNaN(points)) issue.problem = 'not_a_number';
	}
	return { content, issues };
}

// ——— JSON: the `groups` of a campaign file ———

/** A criterion as the campaign files write it. */
export interface CriterionJson {
	code: string;
	title_vi: string;
	title_en: string;
	type: CriterionType;
	comparator?: Comparator;
	target?: number | Rating;
	points: number;
	mandatory: boolean;
	evidence_required?: boolean;
	guidance_vi?: string;
	guidance_en?: string;
}

export interface GroupJson {
	code: string;
	name_vi: string;
	name_en: string;
	criteria: CriterionJson[];
}

/** The campaign's own fields written around the groups (the campaign file's head). */
export interface CampaignFileHead {
	code: string;
	name_vi: string;
	name_en: string;
	source_vi?: string;
	applies_to: string[];
	start_date: string;
	target_date: string;
	target_share: number;
	recognition: { min_score: number; all_mandatory: boolean };
	district_recognition?: { min_share_recognized: number };
	roadmap: { year: number; share: number }[];
	note?: string;
}

export function criterionToJson(criterion: CriterionContent): CriterionJson {
	// Key order as in the shipped files; optional keys only when they say something.
	const json: CriterionJson = {
		code: criterion.code,
		title_vi: criterion.title_vi,
		title_en: criterion.title_en,
		type: criterion.type
	} as CriterionJson;
	if (criterion.comparator !== null) json.comparator = criterion.comparator;
	const target = criterion.target_rating ?? criterion.target_number;
	if (target !== null) json.target = target;
	json.points = criterion.points;
	json.mandatory = criterion.mandatory;
	if (criterion.evidence_required) json.evidence_required = true;
	if (criterion.guidance_vi) json.guidance_vi = criterion.guidance_vi;
	if (criterion.guidance_en) json.guidance_en = criterion.guidance_en;
	return json;
}

export function setToJson(content: CriteriaSetContent): GroupJson[] {
	return content.groups.map((group) => ({
		code: group.code,
		name_vi: group.name_vi,
		name_en: group.name_en,
		criteria: group.criteria.map(criterionToJson)
	}));
}

/** A whole campaign file, laid out as the shipped ones are. */
export function writeCampaignFile(head: CampaignFileHead, content: CriteriaSetContent): string {
	const file: Record<string, unknown> = {
		code: head.code,
		name_vi: head.name_vi,
		name_en: head.name_en
	};
	if (head.source_vi) file.source_vi = head.source_vi;
	Object.assign(file, {
		applies_to: head.applies_to,
		start_date: head.start_date,
		target_date: head.target_date,
		target_share: head.target_share,
		recognition: head.recognition
	});
	if (head.district_recognition) file.district_recognition = head.district_recognition;
	file.roadmap = head.roadmap;
	if (head.note) file.note = head.note;
	file.groups = setToJson(content);
	return `${formatJson(file, '')}\n`;
}

/** Writes only the groups: `{ "groups": [...] }`. */
export function writeSetFile(content: CriteriaSetContent): string {
	return `${formatJson({ groups: setToJson(content) }, '')}\n`;
}

const isPrimitive = (value: unknown) => value === null || typeof value !== 'object';

/**
 * JSON with two-space indents where objects and arrays holding only plain values stay on one
 * line (`{ "year": 2024, "share": 0.25 }`, `["ward"]`): one criterion per line, easy to diff.
 */
export function formatJson(value: unknown, indent: string): string {
	if (isPrimitive(value)) return JSON.stringify(value);
	const inner = `${indent}  `;
	if (Array.isArray(value)) {
		if (value.every(isPrimitive))
			return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
		return `[\n${value.map((item) => inner + formatJson(item, inner)).join(',\n')}\n${indent}]`;
	}
	const entries = Object.entries(value as Record<string, unknown>).filter(
		([, item]) => item !== undefined
	);
	if (entries.length === 0) return '{}';
	if (entries.every(([, item]) => isPrimitive(item))) {
		return `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item)}`).join(', ')} }`;
	}
	const lines = entries.map(
		([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`
	);
	return `{\n${lines.join(',\n')}\n${indent}}`;
}

// ——— Reading a file ———

export type ParseProblem =
	| 'json'
	| 'not_object'
	| 'no_groups'
	| 'not_array'
	| 'not_object_item'
	| 'missing'
	| 'not_string'
	| 'not_number'
	| 'not_boolean'
	| 'unknown_field'
	| 'bad_type'
	| 'bad_comparator'
	| 'bad_target';

/** A problem of the file's shape; `path` is where, e.g. `groups[2].criteria[0].points`. */
export interface ParseIssue {
	path: string;
	problem: ParseProblem;
	/** The JSON parser's own words, for `json`. */
	detail?: string;
}

export type ParseResult =
	{ ok: true; content: CriteriaSetContent } | { ok: false; issues: ParseIssue[] };

const GROUP_KEYS = ['code', 'name_vi', 'name_en', 'criteria'];
const CRITERION_KEYS = [
	'code',
	'title_vi',
	'title_en',
	'type',
	'comparator',
	'target',
	'points',
	'mandatory',
	'evidence_required',
	'guidance_vi',
	'guidance_en'
];

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a criteria set from JSON text: a whole campaign file (its `groups`) or `{ "groups": [...] }`.
 * Only the shape is checked here; `validateSet` judges the content.
 */
export function parseSetJson(text: string): ParseResult {
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		return {
			ok: false,
			issues: [{ path: '', problem: 'json', detail: (error as Error).message }]
		};
	}
	return parseSetData(data);
}

export function parseSetData(data: unknown): ParseResult {
	if (!isObject(data)) return { ok: false, issues: [{ path: '', problem: 'not_object' }] };
	if (!('groups' in data)) return { ok: false, issues: [{ path: 'groups', problem: 'no_groups' }] };
	if (!Array.isArray(data.groups)) {
		return { ok: false, issues: [{ path: 'groups', problem: 'not_array' }] };
	}
	const issues: ParseIssue[] = [];
	const groups: GroupContent[] = [];
	for (const [groupIndex, raw] of data.groups.entries()) {
		const path = `groups[${groupIndex}]`;
		if (!isObject(raw)) {
			issues.push({ path, problem: 'not_object_item' });
			continue;
		}
		const read = reader(raw, path, issues);
		unknownKeys(raw, GROUP_KEYS, path, issues);
		const group: GroupContent = {
			code: read.string('code'),
			name_vi: read.string('name_vi'),
			name_en: read.string('name_en'),
			criteria: []
		};
		if (!Array.isArray(raw.criteria)) {
			issues.push({
				path: `${path}.criteria`,
				problem: 'criteria' in raw ? 'not_array' : 'missing'
			});
		} else {
			for (const [criterionIndex, item] of raw.criteria.entries()) {
				const criterion = parseCriterion(item, `${path}.criteria[${criterionIndex}]`, issues);
				if (criterion) group.criteria.push(criterion);
			}
		}
		groups.push(group);
	}
	return issues.length > 0 ? { ok: false, issues } : { ok: true, content: { groups } };
}

function parseCriterion(raw: unknown, path: string, issues: ParseIssue[]): CriterionContent | null {
	if (!isObject(raw)) {
		issues.push({ path, problem: 'not_object_item' });
		return null;
	}
	unknownKeys(raw, CRITERION_KEYS, path, issues);
	const read = reader(raw, path, issues);
	const type = read.string('type');
	if (type && !isCriterionType(type)) {
		issues.push({ path: `${path}.type`, problem: 'bad_type' });
	}
	let comparator: Comparator | null = null;
	if (raw.comparator !== undefined && raw.comparator !== null) {
		if ((COMPARATORS as readonly unknown[]).includes(raw.comparator)) {
			comparator = raw.comparator as Comparator;
		} else issues.push({ path: `${path}.comparator`, problem: 'bad_comparator' });
	}
	let targetNumber: number | null = null;
	let targetRating: Rating | null = null;
	const target = raw.target;
	if (typeof target === 'number' && Number.isFinite(target)) targetNumber = target;
	else if (isRating(target)) targetRating = target;
	else if (target !== undefined && target !== null) {
		issues.push({ path: `${path}.target`, problem: 'bad_target' });
	}
	return {
		code: read.string('code'),
		title_vi: read.string('title_vi'),
		title_en: read.string('title_en'),
		type: type as CriterionType,
		comparator,
		target_number: targetNumber,
		target_rating: targetRating,
		points: read.number('points'),
		mandatory: read.boolean('mandatory', false),
		evidence_required: read.boolean('evidence_required', false),
		guidance_vi: read.string('guidance_vi', ''),
		guidance_en: read.string('guidance_en', '')
	};
}

function unknownKeys(
	raw: Record<string, unknown>,
	known: readonly string[],
	path: string,
	issues: ParseIssue[]
) {
	for (const key of Object.keys(raw)) {
		if (!known.includes(key)) issues.push({ path: `${path}.${key}`, problem: 'unknown_field' });
	}
}

function reader(raw: Record<string, unknown>, path: string, issues: ParseIssue[]) {
	const missing = (key: string) => {
		issues.push({ path: `${path}.${key}`, problem: 'missing' });
	};
	return {
		string(key: string, fallback?: string): string {
			const value = raw[key];
			if (typeof value === 'string') return value;
			if (value === undefined && fallback !== undefined) return fallback;
			if (value === undefined) missing(key);
			else issues.push({ path: `${path}.${key}`, problem: 'not_string' });
			return '';
		},
		number(key: string): number {
			const value = raw[key];
			if (typeof value === 'number' && Number.isFinite(value)) return value;
			if (value === undefined) missing(key);
			else issues.push({ path: `${path}.${key}`, problem: 'not_number' });
			return 0;
		},
		boolean(key: string, fallback: boolean): boolean {
			const value = raw[key];
			if (typeof value === 'boolean') return value;
			if (value !== undefined) issues.push({ path: `${path}.${key}`, problem: 'not_boolean' });
			return fallback;
		}
	};
}
