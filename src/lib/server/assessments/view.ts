// Everything the assessment page shows: criteria by group with values, notes, evidence, the
// reviewer's open comments and last period's values; the score; the steps the user may take; the
// history.
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/authorization';
import { isMet } from '../../domain/scoring';
import { acceptsSubmission, availableTransitions, canEdit } from '../../domain/workflow';
import type { Database } from '../db/schema';
import {
	findAssessment,
	findPreviousResults,
	findStandingRecognition,
	listCriteria,
	listEvidence,
	listOpenComments,
	listResults,
	type AssessmentPlace
} from './repository';
import { loadTimeline } from './timeline';

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
		db
			.selectFrom('criteria_sets')
			.select('version')
			.where('id', '=', criteriaSetId)
			.executeTakeFirstOrThrow()
	]);
	// A unit that has not started has no assessment: id 0 reads as empty everywhere.
	const id = assessment?.id ?? 0;
	const [results, evidence, comments, previous, standing, timeline] = await Promise.all([
		listResults(db, id),
		listEvidence(db, id),
		listOpenComments(db, id),
		findPreviousResults(db, place),
		findStandingRecognition(db, place.campaign.id, place.unit.id),
		loadTimeline(db, id)
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
	const window = {
		periodStatus: place.period.status,
		closesAt: new Date(place.period.closes_at),
		extensionUntil: place.extensionUntil
	};
	const open = acceptsSubmission(window, now);
	const transitions = availableTransitions(status, role).filter(
		(step) => step !== 'submit' || open
	);
	return {
		assessment: assessment
			? {
					eligible: assessment.eligible,
					returnedAt: assessment.returned_at,
					returnReason: assessment.return_reason
				}
			: null,
		status,
		version: assessment?.version ?? 0,
		criteriaVersion: criteriaSet.version,
		groups,
		previousLabel: previous?.label ?? null,
		window: { ...window, open },
		editable: canEdit(status, role) && open,
		transitions,
		standing: standing ?? null,
		timeline
	};
}

export type AssessmentView = Awaited<ReturnType<typeof loadAssessmentView>>;
