// Criteria sets as the administration's pages receive them: the versions of a campaign, and one
// version whole with its groups and criteria in order.
import type { Audience } from '../domain/audiences';
import type { CriterionContent } from '../domain/criteria-set';

export type CriteriaSetStatus = 'draft' | 'published';

export interface CriteriaSetVersion {
	id: number;
	/** Who the set is written for (audiences.ts); versions count per audience. */
	audience: Audience;
	version: number;
	status: CriteriaSetStatus;
	revision: number;
	createdAt: Date;
	publishedAt: Date | null;
	publishedBy: string | null;
	criteriaCount: number;
	totalPoints: number;
	/** Periods that name this version: each was, or will be, scored against it. */
	periodCount: number;
}

export interface LoadedCriterion extends CriterionContent {
	id: number;
	groupId: number;
	position: number;
}

export interface LoadedGroup {
	id: number;
	code: string;
	name_vi: string;
	name_en: string;
	position: number;
	criteria: LoadedCriterion[];
}

export interface LoadedCriteriaSet extends Omit<
	CriteriaSetVersion,
	'criteriaCount' | 'totalPoints'
> {
	campaignId: number;
	groups: LoadedGroup[];
}
