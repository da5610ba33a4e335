// Criteria set content for the domain's tests: one valid criterion, and a set of one group.
import type { CriteriaSetContent, CriterionContent } from './criteria-set';

export function criterion(overrides: Partial<CriterionContent> = {}): CriterionContent {
	return {
		code: '1.1',
		title_vi: 'Tiêu chí',
		title_en: 'Criterion',
		type: 'boolean',
		comparator: null,
		target_number: null,
		target_rating: null,
		points: 100,
		mandatory: false,
		evidence_required: false,
		guidance_vi: '',
		guidance_en: '',
		...overrides
	};
}

export function set(...criteria: CriterionContent[]): CriteriaSetContent {
	return { groups: [{ code: 'I', name_vi: 'Nhóm I', name_en: 'Group I', criteria }] };
}
