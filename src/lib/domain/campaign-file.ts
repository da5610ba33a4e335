// A campaign file (`scripts/seed/data/campaigns/*.json`): the campaign's own fields around the
// `groups` of its criteria set, written as the shipped files are laid out and read back with every
// problem of its shape named by path. Pure: the export, the import and the demo seed use it.
import type { Audience, Block } from './audiences';
import type { CriteriaSetContent, CriterionContent, GroupContent } from './criteria-set';
import {
	COMPARATORS,
	isCriterionType,
	isRating,
	type Comparator,
	type CriterionType,
	type Rating
} from './scoring';

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

/** A block's own roadmap (`roadmap_by_block`): the share of the block's units recognised by year. */
export type RoadmapByBlock = Partial<Record<Block, { year: number; share: number }[]>>;

/** The set of an audience other than the campaign's first (an item of the file's `sets`). */
export interface AudienceSet {
	audience: Audience;
	note: string;
	content: CriteriaSetContent;
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
	roadmap_by_block?: RoadmapByBlock;
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

/**
 * A whole campaign file, laid out as the shipped ones are: `groups` is the set of the campaign's
 * first audience, `sets` those of its other audiences. A single version exported from the
 * criteria admin names its `audience` beside its groups instead, for an import to check.
 */
export function writeCampaignFile(
	head: CampaignFileHead,
	content: CriteriaSetContent,
	sets: readonly AudienceSet[] = [],
	audience?: string
): string {
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
	const byBlock = Object.entries(head.roadmap_by_block ?? {}).filter(([, steps]) => steps);
	if (byBlock.length > 0) file.roadmap_by_block = Object.fromEntries(byBlock);
	if (head.note) file.note = head.note;
	if (audience) file.audience = audience;
	file.groups = setToJson(content);
	if (sets.length > 0) {
		file.sets = sets.map((set) => ({
			audience: set.audience,
			...(set.note ? { note: set.note } : {}),
			groups: setToJson(set.content)
		}));
	}
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
/** A criterion's keys, in the order the shipped files write them. */
export const CRITERION_KEYS = [
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
] as const;

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
