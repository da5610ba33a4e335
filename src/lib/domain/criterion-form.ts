// The criterion edit form: its fields, a criterion as those fields, and the fields read back into
// a criterion with each problem beside its field. Pure: the editor page fills the form in, the
// server reads it.
import {
	validateCriterion,
	type CriterionContent,
	type IssueField,
	type IssueProblem
} from './criteria-set';
import { parseDecimal } from './decimal';
import {
	CRITERION_TYPES,
	isCriterionType,
	valueKind,
	type Comparator,
	type CriterionType,
	type Rating
} from './scoring';

/** The form's fields as posted: every field of a criterion, and the group it goes in. */
export const CRITERION_FORM_FIELDS = [
	'code',
	'title_vi',
	'title_en',
	'type',
	'comparator',
	'target_number',
	'target_rating',
	'points',
	'mandatory',
	'evidence_required',
	'guidance_vi',
	'guidance_en',
	'group'
] as const;

/** The form's fields by name, as text. */
export type CriterionFormValues = Record<string, string>;

/** What was typed, every field kept, to show a refused form again. */
export function criterionFormEcho(field: (name: string) => string): CriterionFormValues {
	return Object.fromEntries(CRITERION_FORM_FIELDS.map((name) => [name, field(name)]));
}

/** A stored criterion as its edit form shows it. */
export function criterionFormValues(
	criterion: CriterionContent,
	groupId: number
): CriterionFormValues {
	return {
		code: criterion.code,
		title_vi: criterion.title_vi,
		title_en: criterion.title_en,
		type: criterion.type,
		comparator: criterion.comparator ?? '',
		target_number: criterion.target_number === null ? '' : String(criterion.target_number),
		target_rating: criterion.target_rating ?? '',
		points: String(criterion.points),
		mandatory: criterion.mandatory ? 'on' : '',
		evidence_required: criterion.evidence_required ? 'on' : '',
		guidance_vi: criterion.guidance_vi,
		guidance_en: criterion.guidance_en,
		group: String(groupId)
	};
}

/** A new criterion's form in a group: the first type, nothing else yet. */
export function emptyCriterionForm(groupId: number): CriterionFormValues {
	return { type: CRITERION_TYPES[0], group: String(groupId), points: '' };
}

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
