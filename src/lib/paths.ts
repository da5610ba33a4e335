// Addresses the app links to, in one place: pages, tests and anchors agree on them.

/** One assessment: `/campaigns/CAP-DHKM/units/16672/periods/2026-Q4` (before localisation). */
export function assessmentPath(campaign: string, unit: string, period: string): string {
	return `/campaigns/${campaign}/units/${unit}/periods/${period}`;
}

/** The id of a criterion's card on the assessment page: 'c-1_3' for criterion 1.3. */
export function criterionAnchor(code: string): string {
	return `c-${code.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
