// A whole campaign file read back: its `groups` (the set of the campaign's first audience, read by
// ./campaign-file.ts) and the two optional keys of issue 18, `sets` (one set per other audience the
// campaign counts, audiences.ts) and `roadmap_by_block` (a block's own yearly targets), with every
// problem named by path as the groups' are (`sets[1].groups[0].criteria[2].points`). Pure.
import { AUDIENCES, audiencesOf, isAudience, isBlock, type Audience } from './audiences';
import {
	parseSetData,
	type AudienceSet,
	type ParseIssue,
	type ParseProblem,
	type RoadmapByBlock
} from './campaign-file';
import type { CriteriaSetContent } from './criteria-set';

export type CampaignFileProblem =
	| ParseProblem
	/** `sets[i].audience` is none of AUDIENCES. */
	| 'bad_audience'
	/** A second set for the same audience. */
	| 'duplicate_audience'
	/** A set for an audience the campaign does not count, or for its first one (that is `groups`). */
	| 'audience_not_counted'
	/** An audience the campaign counts has no set (`detail` names it). */
	| 'missing_audience'
	/** A key of `roadmap_by_block` that is not a block. */
	| 'bad_block'
	/** A year that is not a whole number from 2000 to 2100. */
	| 'bad_year'
	/** A share outside 0–1. */
	| 'bad_share';

export interface CampaignFileIssue {
	path: string;
	problem: CampaignFileProblem;
	detail?: string;
}

export type CampaignFileResult =
	| { ok: true; content: CriteriaSetContent; sets: AudienceSet[]; roadmapByBlock: RoadmapByBlock }
	| { ok: false; issues: CampaignFileIssue[] };

const SET_KEYS = ['audience', 'note', 'groups'];
const STEP_KEYS = ['year', 'share'];

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a campaign file's criteria: its `groups`, each of its `sets` and its `roadmap_by_block`.
 * The campaign's `applies_to` says which audiences need a set; without it, any audience but the
 * first may have one. Only the shape is checked; `validateSet` judges each set's content.
 */
export function parseCampaignData(data: unknown): CampaignFileResult {
	const first = parseSetData(data);
	const issues: CampaignFileIssue[] = first.ok ? [] : [...first.issues];
	if (!isObject(data)) return { ok: false, issues };
	const counted = countedAudiences(data.applies_to);
	const sets = parseSets(data.sets, counted, issues);
	const roadmapByBlock = parseRoadmapByBlock(data.roadmap_by_block, issues);
	if (!first.ok || issues.length > 0) return { ok: false, issues };
	return { ok: true, content: first.content, sets, roadmapByBlock };
}

/** The audiences with a set of their own in `sets`: all but the first the campaign counts. */
function countedAudiences(appliesTo: unknown): Audience[] | null {
	if (!Array.isArray(appliesTo) || !appliesTo.every((kind) => typeof kind === 'string')) {
		return null;
	}
	return audiencesOf(appliesTo).slice(1);
}

function parseSets(
	raw: unknown,
	counted: Audience[] | null,
	issues: CampaignFileIssue[]
): AudienceSet[] {
	const sets: AudienceSet[] = [];
	if (raw !== undefined && !Array.isArray(raw)) {
		issues.push({ path: 'sets', problem: 'not_array' });
		return sets;
	}
	for (const [index, item] of (raw ?? []).entries()) {
		const path = `sets[${index}]`;
		if (!isObject(item)) {
			issues.push({ path, problem: 'not_object_item' });
			continue;
		}
		for (const key of Object.keys(item)) {
			if (!SET_KEYS.includes(key))
				issues.push({ path: `${path}.${key}`, problem: 'unknown_field' });
		}
		const audience = item.audience;
		if (audience === undefined) issues.push({ path: `${path}.audience`, problem: 'missing' });
		else if (!isAudience(audience)) {
			issues.push({ path: `${path}.audience`, problem: 'bad_audience' });
		} else if (sets.some((set) => set.audience === audience)) {
			issues.push({ path: `${path}.audience`, problem: 'duplicate_audience' });
		} else if (counted ? !counted.includes(audience) : audience === AUDIENCES[0]) {
			issues.push({ path: `${path}.audience`, problem: 'audience_not_counted' });
		}
		if (item.note !== undefined && typeof item.note !== 'string') {
			issues.push({ path: `${path}.note`, problem: 'not_string' });
		}
		const parsed = parseSetData({ groups: item.groups });
		if (!('groups' in item)) {
			issues.push({ path: `${path}.groups`, problem: 'no_groups' });
		} else if (!parsed.ok) {
			issues.push(...parsed.issues.map((issue) => within(path, issue)));
		} else if (isAudience(audience)) {
			sets.push({
				audience,
				note: typeof item.note === 'string' ? item.note : '',
				content: parsed.content
			});
		}
	}
	for (const audience of counted ?? []) {
		const listed =
			Array.isArray(raw) && raw.some((item) => isObject(item) && item.audience === audience);
		if (!listed) issues.push({ path: 'sets', problem: 'missing_audience', detail: audience });
	}
	return sets;
}

/** An issue of a set's groups, placed under the set's own path. */
function within(path: string, issue: ParseIssue): CampaignFileIssue {
	return { ...issue, path: issue.path ? `${path}.${issue.path}` : path };
}

function parseRoadmapByBlock(raw: unknown, issues: CampaignFileIssue[]): RoadmapByBlock {
	const roadmap: RoadmapByBlock = {};
	if (raw === undefined) return roadmap;
	if (!isObject(raw)) {
		issues.push({ path: 'roadmap_by_block', problem: 'not_object' });
		return roadmap;
	}
	for (const [block, steps] of Object.entries(raw)) {
		const path = `roadmap_by_block.${block}`;
		if (!isBlock(block)) {
			issues.push({ path, problem: 'bad_block' });
			continue;
		}
		if (!Array.isArray(steps)) {
			issues.push({ path, problem: 'not_array' });
			continue;
		}
		const read: { year: number; share: number }[] = [];
		for (const [index, step] of steps.entries()) {
			const at = `${path}[${index}]`;
			if (!isObject(step)) {
				issues.push({ path: at, problem: 'not_object_item' });
				continue;
			}
			for (const key of Object.keys(step)) {
				if (!STEP_KEYS.includes(key))
					issues.push({ path: `${at}.${key}`, problem: 'unknown_field' });
			}
			const year = readNumber(step, 'year', at, issues);
			const share = readNumber(step, 'share', at, issues);
			if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
				issues.push({ path: `${at}.year`, problem: 'bad_year' });
			}
			if (share !== null && !(share >= 0 && share <= 1)) {
				issues.push({ path: `${at}.share`, problem: 'bad_share' });
			}
			if (year !== null && share !== null) read.push({ year, share });
		}
		roadmap[block] = read;
	}
	return roadmap;
}

function readNumber(
	raw: Record<string, unknown>,
	key: string,
	path: string,
	issues: CampaignFileIssue[]
): number | null {
	const value = raw[key];
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	issues.push({ path: `${path}.${key}`, problem: value === undefined ? 'missing' : 'not_number' });
	return null;
}
