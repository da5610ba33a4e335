// Everything the assessment page shows: criteria by group with values, notes, evidence, the
// reviewer's open comments and last period's values; the score; the steps the user may take and
// what the user may do besides; the history.
import type { Kysely } from 'kysely';
import {
	entersValues,
	inScope,
	mayRevokeRecognition,
	type Actor as ScopedActor,
	type Role
} from '../../domain/authorization';
import { earliestDecisionDate } from '../../domain/decision-date';
import { isMet } from '../../domain/scoring';
import { acceptsSubmission, availableTransitions, canEdit } from '../../domain/workflow';
import type { Database } from '../db/schema';
import { listEvidence } from '../evidence/repository';
import { findStanding } from '../recognitions/service';
import { unitRefSegment } from '../units/structure';
import {
	findAssessment,
	isUnitInForce,
	listAncestorsOn,
	findCriteriaSetVersion,
	findPreviousResults,
	listCriteria,
	listOpenComments,
	listResults,
	type AssessmentPlace
} from './repository';
import { windowOf } from './service';
import { loadTimeline, TIMELINE_LIMIT } from './timeline';

type Db = Kysely<Database>;

export async function loadAssessmentView(
	db: Db,
	place: AssessmentPlace,
	role: Role,
	now = new Date()
) {
	const assessment = await findAssessment(db, place);
	// An assessment keeps the version it was scored against, whatever the period names since.
	const criteriaSetId = assessment?.criteria_set_id ?? place.period.criteria_set_id;
	const [criteria, criteriaSet] = await Promise.all([
		listCriteria(db, criteriaSetId),
		findCriteriaSetVersion(db, criteriaSetId)
	]);
	// A unit that has not started has no assessment: id 0 reads as empty everywhere.
	const id = assessment?.id ?? 0;
	const [results, evidence, comments, previous, standing, timeline, inForce] = await Promise.all([
		listResults(db, id),
		listEvidence(db, id),
		listOpenComments(db, id),
		findPreviousResults(db, place),
		findStanding(db, place),
		loadTimeline(db, id),
		isUnitInForce(db, place)
	]);
	const status = assessment?.status ?? 'draft';
	const rows = criteria.map((criterion) => {
		const result = results.get(criterion.id);
		const value = result?.value ?? null;
		return {
			...criterion,
			comparator: criterion.comparator ?? null,
			value,
			note: result?.note ?? '',
			met: isMet(criterion, value),
			previousValue: previous?.values.get(criterion.code) ?? null,
			evidence: evidence.filter((file) => file.criterionId === criterion.id),
			comments: comments.filter((comment) => comment.criterionId === criterion.id)
		};
	});
	const groups = criteria
		.filter((c, i) => i === 0 || criteria[i - 1].groupCode !== c.groupCode)
		.map((c) => ({
			code: c.groupCode,
			name_vi: c.groupName_vi,
			name_en: c.groupName_en,
			criteria: rows.filter((row) => row.groupCode === c.groupCode)
		}));
	const window = windowOf(place);
	const open = acceptsSubmission(window, now);
	// Work on a unit not in force at the period's end stops (see ./service.ts): nothing is offered.
	const transitions = inForce
		? availableTransitions(status, role).filter((step) => step !== 'submit' || open)
		: [];
	return {
		assessment: assessment
			? {
					eligible: assessment.eligible,
					returnedAt: assessment.returned_at,
					returnReason: assessment.return_reason
				}
			: null,
		/** Closed when its unit retired: when, why, and the status it had. */
		superseded:
			assessment?.status === 'superseded'
				? {
						at: assessment.superseded_at,
						reason: assessment.superseded_reason,
						from: assessment.superseded_from
					}
				: null,
		/** The unit counts in the period (it was in force on the period's last day). */
		unitInForce: inForce,
		status,
		version: assessment?.version ?? 0,
		criteriaVersion: criteriaSet.version,
		criteriaAudience: criteriaSet.audience,
		groups,
		previousLabel: previous?.label ?? null,
		window: { ...window, open },
		editable: canEdit(status, role) && open && inForce,
		/** The user enters values: told when the period no longer takes them. */
		entersValues: entersValues(role),
		transitions,
		standing,
		/** The user may revoke the recognition that stands. */
		mayRevoke: standing !== null && mayRevokeRecognition(role),
		timeline
	};
}

export type AssessmentView = Awaited<ReturnType<typeof loadAssessmentView>>;

/**
 * The assessment page: its place as the header names it (the unit's name at the period's end), the
 * way up the tree as it stood then, and the view. Links name units by their address segment, so a
 * retired unit whose code another unit holds now is still the one reached.
 */
export async function loadAssessmentPage(db: Db, actor: ScopedActor, place: AssessmentPlace) {
	const [ancestors, view] = await Promise.all([
		listAncestorsOn(db, place.unit.id, place.period.ends_on),
		loadAssessmentView(db, place, actor.role)
	]);
	const self = ancestors.find((ancestor) => ancestor.unitId === place.unit.id);
	return {
		campaign: {
			code: place.campaign.code,
			name_vi: place.campaign.name_vi,
			name_en: place.campaign.name_en,
			minScore: place.campaign.min_score,
			allMandatory: place.campaign.all_mandatory
		},
		unit: {
			code: place.unit.code,
			name: self?.name ?? place.unit.name,
			ref: unitRefSegment(place.unit),
			retiredOn: place.unit.retired_on
		},
		period: {
			label: place.period.label,
			status: place.period.status,
			closesAt: place.period.closes_at,
			/** The earliest date a recognition decision may carry (see domain/decision-date). */
			earliestDecision: earliestDecisionDate({
				campaignStart: place.campaign.start_date,
				periodStart: place.period.starts_on
			}).date
		},
		breadcrumbs: ancestors.map((ancestor) => ({
			code: ancestor.code,
			ref: unitRefSegment(ancestor),
			name: ancestor.name,
			linked: inScope(actor, ancestor.path)
		})),
		timelineLimit: TIMELINE_LIMIT,
		view
	};
}
