// Writes a campaign's synthetic history: assessments, their results, recognitions and the audit
// trail of every transition, in batches.
import type { Insertable, Kysely } from 'kysely';
import type { RecognitionRule } from '../../src/lib/domain/scoring';
import { valueColumns } from '../../src/lib/server/assessments/repository';
import type { AuditLogTable, Database, NewCriterionResult } from '../../src/lib/server/db/schema';
import {
	generateUnitHistory,
	type HistoryAction,
	type HistoryUnit,
	type SyntheticAssessment
} from './history';
import { chunks, type SeededCampaign } from './structure';

type Db = Kysely<Database>;

export interface HistoryWriteOptions {
	seed: number;
	campaignCode: string;
	rule: RecognitionRule;
	now: Date;
	adminId: number | null;
	/** The actors' usernames, as the app writes them into the audit trail. */
	actorNames: Map<number, string>;
	/** Recognition decisions numbered before this call (a campaign written a set at a time). */
	decisionsBefore?: number;
	onProgress?: (unitsWritten: number) => void;
}

export interface HistoryCounts {
	assessments: number;
	results: number;
	recognitions: number;
	auditEntries: number;
}

const AUDIT_ACTION: Record<HistoryAction, string> = {
	submit: 'assessment.submit',
	return: 'assessment.return',
	verify: 'assessment.verify',
	approve: 'assessment.approve'
};

/** Units are written a slice at a time so the national tree never sits in memory whole. */
const UNITS_PER_SLICE = 200;

export async function writeHistory(
	db: Db,
	campaign: SeededCampaign,
	units: readonly HistoryUnit[],
	options: HistoryWriteOptions
): Promise<HistoryCounts> {
	const counts: HistoryCounts = { assessments: 0, results: 0, recognitions: 0, auditEntries: 0 };
	let decision = options.decisionsBefore ?? 0;
	const historyOptions = {
		...options,
		criteria: campaign.criteria,
		periods: campaign.periods,
		nextDecisionNumber: () => ++decision + 100
	};
	let written = 0;
	for (const slice of chunks(units, UNITS_PER_SLICE)) {
		const records = slice.flatMap((unit) => generateUnitHistory(unit, historyOptions));
		await writeRecords(db, campaign, records, options, counts);
		written += slice.length;
		if (written % 2000 < UNITS_PER_SLICE) options.onProgress?.(written);
	}
	return counts;
}

async function writeRecords(
	db: Db,
	campaign: SeededCampaign,
	records: SyntheticAssessment[],
	options: HistoryWriteOptions,
	counts: HistoryCounts
) {
	const ids: number[] = [];
	for (const batch of chunks(records, 500)) {
		const inserted = await db
			.insertInto('assessments')
			.values(batch.map((record) => assessmentRow(campaign, record)))
			.returning(['id', 'unit_id', 'period_id'])
			.execute();
		// RETURNING promises no order: match each row by its unit and period.
		const idOf = new Map(inserted.map((row) => [`${row.unit_id}/${row.period_id}`, row.id]));
		ids.push(...batch.map((record) => idOf.get(`${record.unitId}/${record.periodId}`)!));
	}
	const results: NewCriterionResult[] = [];
	const audit: Insertable<AuditLogTable>[] = [];
	const recognitions: Insertable<Database['recognitions']>[] = [];
	records.forEach((record, index) => {
		const assessmentId = ids[index];
		const lastEvent = record.events[record.events.length - 1];
		record.values.forEach((value, i) => {
			results.push({
				assessment_id: assessmentId,
				criterion_id: campaign.criteria[i].id,
				...valueColumns(value),
				met: !record.result.unmet.includes(campaign.criteria[i].code),
				updated_at: record.createdAt,
				updated_by: record.createdBy
			});
		});
		let status = 'draft';
		for (const event of record.events) {
			const next = event.action === 'return' ? 'draft' : statusAfter(event.action);
			audit.push({
				at: event.at,
				actor_id: event.by,
				actor_name: event.by ? (options.actorNames.get(event.by) ?? '') : '',
				action: AUDIT_ACTION[event.action],
				entity_type: 'assessment',
				entity_id: String(assessmentId),
				unit_id: record.unitId,
				before: JSON.stringify({ status }),
				after: JSON.stringify(
					event.action === 'approve'
						? { status: next, score: record.result.score, eligible: record.eligible }
						: { status: next }
				),
				reason: event.reason ?? null
			});
			status = next;
		}
		if (record.recognition && lastEvent) {
			recognitions.push({
				unit_id: record.unitId,
				campaign_id: campaign.id,
				assessment_id: assessmentId,
				decision_number: record.recognition.decisionNumber,
				decision_date: record.recognition.decisionDate,
				approved_by: lastEvent.by,
				created_at: lastEvent.at,
				revoked_at: record.recognition.revoked?.at ?? null,
				revoked_by: record.recognition.revoked?.by ?? null,
				revoke_reason: record.recognition.revoked?.reason ?? null
			});
		}
		if (record.revocation && lastEvent) {
			audit.push({
				at: lastEvent.at,
				actor_id: lastEvent.by,
				actor_name: lastEvent.by ? (options.actorNames.get(lastEvent.by) ?? '') : '',
				action: 'recognition.revoke',
				entity_type: 'unit',
				entity_id: String(record.unitId),
				unit_id: record.unitId,
				before: JSON.stringify({ recognised: true }),
				after: JSON.stringify({ recognised: false }),
				reason: record.revocation.reason
			});
		}
	});
	for (const batch of chunks(results, 4000)) {
		await db.insertInto('criterion_results').values(batch).execute();
	}
	for (const batch of chunks(recognitions, 1000)) {
		await db.insertInto('recognitions').values(batch).execute();
	}
	for (const batch of chunks(audit, 2000)) {
		await db.insertInto('audit_log').values(batch).execute();
	}
	counts.assessments += records.length;
	counts.results += results.length;
	counts.recognitions += recognitions.length;
	counts.auditEntries += audit.length;
}

function statusAfter(action: HistoryAction) {
	return action === 'submit' ? 'submitted' : action === 'verify' ? 'verified' : 'approved';
}

function assessmentRow(campaign: SeededCampaign, record: SyntheticAssessment) {
	const when = (action: HistoryAction) =>
		[...record.events].reverse().find((event) => event.action === action);
	const submitted = when('submit');
	const verified = when('verify');
	const approved = when('approve');
	const returned = when('return');
	const last = record.events[record.events.length - 1];
	return {
		unit_id: record.unitId,
		campaign_id: campaign.id,
		period_id: record.periodId,
		criteria_set_id: campaign.criteriaSetId,
		status: record.status,
		score: record.result.score,
		met_count: record.result.metCount,
		criteria_count: record.result.criteriaCount,
		mandatory_met: record.result.mandatoryMet,
		unmet_codes: record.result.unmet,
		eligible: record.eligible,
		version: 1 + record.events.length,
		created_at: record.createdAt,
		created_by: record.createdBy,
		updated_at: last?.at ?? record.createdAt,
		updated_by: last?.by ?? record.createdBy,
		submitted_at: record.status === 'draft' ? null : (submitted?.at ?? null),
		submitted_by: record.status === 'draft' ? null : (submitted?.by ?? null),
		verified_at: verified?.at ?? null,
		verified_by: verified?.by ?? null,
		approved_at: approved?.at ?? null,
		approved_by: approved?.by ?? null,
		returned_at: returned?.at ?? null,
		returned_by: returned?.by ?? null,
		return_reason: returned?.reason ?? null
	};
}
