// The domain's words: kinds of unit, assessment and period statuses. Pure, so pages, services
// and the database schema all name them from here.

export const UNIT_KINDS = [
	'nation',
	'province',
	'city',
	'town',
	'district',
	'ward',
	'commune',
	'township',
	'agency',
	'school',
	'enterprise'
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export function isUnitKind(value: unknown): value is UnitKind {
	return typeof value === 'string' && (UNIT_KINDS as readonly string[]).includes(value);
}

/** An assessment's workflow status; the steps between them are in workflow.ts. */
export const ASSESSMENT_STATUSES = [
	'draft',
	'submitted',
	'verified',
	'approved',
	'superseded'
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export function isAssessmentStatus(value: unknown): value is AssessmentStatus {
	return typeof value === 'string' && (ASSESSMENT_STATUSES as readonly string[]).includes(value);
}

export const PERIOD_STATUSES = ['planned', 'open', 'closed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];
