// A criteria set as a whole: its content (groups of criteria), what makes it publishable, and the
// problems named where they are. Pure: the editor, the import and the publishing all judge by it.
// Its JSON form is in campaign-file.ts, its edit form in criterion-form.ts.
import {
	COMPARATORS,
	isCriterionType,
	isRating,
	typeSpec,
	type Comparator,
	type CriterionType,
	type CriterionTypeSpec,
	type Rating,
	type TargetRangeProblem
} from './scoring';

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
