// Everything the assessment page shows: criteria by group with values, notes, evidence, the
// reviewer's open comments and last period's values; the score; the steps the user may take; the
// history.
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/authorization';
import { isAnswered, isMet, scoreAssessment } from '../../domain/scoring';
import {
	acceptsSubmission,
	availableTransitions,
	canEdit,
	submissionProblems
} from '../../domain/workflow';
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
	const criteria = await listCriteria(
		db,
		assessment?.criteria_set_id ?? place.period.criteria_set_id
	);
	const [results, evidence, comments, previous, standing, timeline] = assessment
		? await Promise.all([
				listResults(db, assessment.id),
				listEvidence(db, assessment.id),
				listOpenComments(db, assessment.id),
				findPreviousResults(db, place),
				findStandingRecognition(db, place.campaign.id, place.unit.id),
				loadTimeline(db, assessment.id)
			])
		: await Promise.all([
				new Map(),
				[],
				[],
				findPreviousResults(db, place),
				findStandingRecognition(db, place.campaign.id, place.unit.id),
				[]
			]);
	const status = assessment?.status ?? 'draft';
	const rows = criteria.map((criterion) => {
		const result = results.get(criterion.id);
		const value = result?.value ?? null;
		return {
			code: criterion.code,
			title_vi: criterion.title_vi,
			title_en: criterion.title_en,
			guidance_vi: criterion.guidance_vi,
			guidance_en: criterion.guidance_en,
			groupCode: criterion.groupCode,
			type: criterion.type,
			comparator: criterion.comparator ?? null,
			targetNumber: criterion.targetNumber,
			targetRating: criterion.targetRating,
			points: criterion.points,
			mandatory: criterion.mandatory,
			evidenceRequired: criterion.evidenceRequired,
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
	const score = scoreAssessment(criteria, new Map(rows.map((row) => [row.code, row.value])));
	return {
		assessment: assessment
			? {
					id: assessment.id,
					status: assessment.status,
					version: assessment.version,
					score: assessment.score,
					metCount: assessment.met_count,
					criteriaCount: assessment.criteria_count,
					mandatoryMet: assessment.mandatory_met,
					eligible: assessment.eligible,
					updatedAt: assessment.updated_at,
					submittedAt: assessment.submitted_at,
					returnedAt: assessment.returned_at,
					returnReason: assessment.return_reason
				}
			: null,
		status,
		version: assessment?.version ?? 0,
		score,
		groups,
		previousLabel: previous?.label ?? null,
		problems: submissionProblems(
			criteria,
			new Set(rows.filter((row) => isAnswered(row.value)).map((row) => row.code)),
			new Set(rows.filter((row) => row.evidence.length > 0).map((row) => row.code))
		),
		window: { ...window, open },
		editable: canEdit(status, role) && open,
		transitions,
		standing: standing ?? null,
		timeline
	};
}

export type AssessmentView = Awaited<ReturnType<typeof loadAssessmentView>>;
