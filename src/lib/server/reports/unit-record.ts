// One unit's assessment of a period as a record to print and sign (Decree 30 layout): criteria
// with targets, values and points; the evidence files; the score; who sent, verified, approved.
import type { Kysely } from 'kysely';
import { assessmentPath } from '$lib/paths';
import {
	formatDate,
	formatNumber,
	formatPeriod,
	formatPoints,
	formatTime,
	localized
} from '$lib/format';
import { formatTarget, statusLabel } from '$lib/criteria-format';
import { valueText } from '$lib/assessment-format';
import { m } from '$lib/paraglide/messages';
import type { Actor as ScopedActor } from '../../domain/authorization';
import type { AssessmentPlace } from '../assessments/repository';
import { findAssessment } from '../assessments/repository';
import { loadAssessmentPage } from '../assessments/view';
import type { Database } from '../db/schema';
import type { DocumentBlock, OfficialDocument } from '../../types/official-document';
import { officialFrame, recipients, signer } from './frame';
import { findAssessmentSteps, type AssessmentSteps } from './record-repository';

type Page = Awaited<ReturnType<typeof loadAssessmentPage>>;
type Assessment = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;

function criteriaTable(page: Page): DocumentBlock {
	return {
		kind: 'table',
		head: [
			m.col_criterion(),
			m.col_target(),
			m.col_value(),
			m.official_record_col_max(),
			m.official_record_col_earned(),
			m.col_met()
		],
		rows: page.view.groups.flatMap((group) =>
			group.criteria.map((row) => [
				`${row.code}. ${localized(row, 'title')}${row.mandatory ? ` (${m.criterion_mandatory()})` : ''}`,
				formatTarget(row),
				valueText(row, row.value ?? undefined),
				formatPoints(row.points),
				formatPoints(row.met ? row.points : 0),
				row.met ? m.criterion_met() : m.criterion_not_met()
			])
		),
		numeric: [false, false, false, true, true, false]
	};
}

function evidenceTable(page: Page): DocumentBlock {
	const files = page.view.groups.flatMap((group) =>
		group.criteria.flatMap((row) => row.evidence.map((file) => ({ code: row.code, ...file })))
	);
	if (files.length === 0) return { kind: 'paragraph', text: m.official_none() };
	return {
		kind: 'table',
		head: [
			m.col_criterion(),
			m.official_record_col_file(),
			m.official_record_col_by(),
			m.official_record_col_at()
		],
		rows: files.map((file) => [
			file.code,
			file.fileName,
			file.uploadedBy,
			formatTime(file.uploadedAt)
		]),
		numeric: [false, false, false, false]
	};
}

function stepsTable(steps: AssessmentSteps): DocumentBlock {
	const rows: string[][] = [];
	const add = (label: string, by: string | null, at: Date | null) => {
		if (at) rows.push([label, by ?? m.no_score(), formatTime(at)]);
	};
	add(m.official_record_step_submitted(), steps.submittedBy, steps.submittedAt);
	if (steps.returnReason)
		add(
			m.official_record_step_returned({ reason: steps.returnReason }),
			steps.returnedBy,
			steps.returnedAt
		);
	add(m.official_record_step_verified(), steps.verifiedBy, steps.verifiedAt);
	add(m.official_record_step_approved(), steps.approvedBy, steps.approvedAt);
	if (rows.length === 0) return { kind: 'paragraph', text: m.official_none() };
	return {
		kind: 'table',
		head: [m.official_record_col_step(), m.official_record_col_by(), m.official_record_col_at()],
		rows,
		numeric: [false, false, false]
	};
}

function scoreLine(assessment: Assessment): string {
	return m.official_record_score({
		score: formatNumber(assessment.score, 1),
		met: formatNumber(assessment.met_count),
		count: formatNumber(assessment.criteria_count),
		mandatory: assessment.mandatory_met ? m.criterion_met() : m.criterion_not_met(),
		status: statusLabel(assessment.status)
	});
}

/** The record of the assessment `place` names, as `actor` may read it on the assessment page. */
export async function loadUnitRecord(
	db: Kysely<Database>,
	actor: ScopedActor,
	place: AssessmentPlace,
	now = new Date()
) {
	const [page, assessment] = await Promise.all([
		loadAssessmentPage(db, actor, place),
		findAssessment(db, place)
	]);
	const steps = assessment ? await findAssessmentSteps(db, assessment.id) : undefined;
	// Issued by the police at the top of the unit's tree as it stood: the province.
	const issuer = page.breadcrumbs[0]?.name ?? page.unit.name;
	// The recognition this assessment led to, if it stands.
	const standing =
		assessment && page.view.standing?.assessment_id === assessment.id ? page.view.standing : null;
	const blocks: DocumentBlock[] = assessment
		? [
				{ kind: 'paragraph', text: scoreLine(assessment) },
				{ kind: 'heading', text: m.official_record_criteria() },
				criteriaTable(page),
				{ kind: 'heading', text: m.official_record_evidence() },
				evidenceTable(page),
				{ kind: 'heading', text: m.official_record_decisions() },
				stepsTable(steps!),
				...(standing
					? [
							{
								kind: 'paragraph' as const,
								text: m.official_record_recognition({
									number: standing.decision_number,
									date: formatDate(standing.decision_date)
								})
							}
						]
					: [])
			]
		: [{ kind: 'paragraph', text: m.official_record_no_assessment() }];
	const document: OfficialDocument = {
		frame: officialFrame(issuer, 'PĐG', now),
		kind: m.official_record_kind(),
		subject: m.official_record_subject({
			unit: page.unit.name,
			campaign: localized(page.campaign, 'name'),
			period: formatPeriod(page.period.label)
		}),
		blocks,
		recipients: recipients(),
		signers: [
			signer(m.official_record_sign_unit()),
			signer(m.official_record_sign_reviewer()),
			signer(m.official_record_sign_approver())
		]
	};
	return {
		document,
		back: assessmentPath(page.campaign.code, page.unit.ref, page.period.label),
		names: { campaign: page.campaign.code, unit: page.unit.ref, period: page.period.label }
	};
}
