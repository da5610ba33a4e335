// Data the workflow specs start from, prepared by the e2e server: wards with no assessment in the
// open period, a criterion that requires evidence, one stored evidence file, and an answer that
// meets each criterion.
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { formatInput } from '../../../src/lib/domain/values';
import type { Database } from '../../../src/lib/server/db/schema';
import { sha256Of, type EvidenceStore } from '../../../src/lib/server/evidence/content';
import { e2eDir } from './paths';

export const CAMPAIGN = 'CAP-DHKM';
// Wards of the demo as it stands (since 01/07/2025), all in the former Vinh area
// (DIA-BAN-HUYEN-CU/412); each has an `officer.<code>` among its officers.
/** Phường Trường Vinh: the whole journey, from first entry to recognition. */
export const JOURNEY_UNIT = '16690';
/** Phường Vinh Phú: two people saving at once. */
export const CONFLICT_UNIT = '16702';
/** Phường Vinh Lộc: bad input of every kind. */
export const BAD_INPUT_UNIT = '16708';
/** Phường Tân Mai: an entry kept in the browser across a lost connection and a closed tab. */
export const KEPT_UNIT = '17128';
/** Phường Cửa Lò: returned by the reviewer, the officer is notified (notifications.spec.ts). */
export const NOTIFY_UNIT = '16732';
/** Phường Thành Vinh, officer.hungbinh's ward since Phường Hưng Bình merged into it. */
export const OFFICER_UNIT = '16681';
/** Criterion whose evidence is required in the e2e data. */
export const EVIDENCE_CRITERION = '1.1';
/** The first evidence file, stored for Phường Thành Vinh (16681): the matrix downloads it. */
export const STORED_EVIDENCE_ID = 1;

export const PDF_BYTES = Buffer.from(
	'%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
);

export interface WorkflowFixtures {
	period: string;
	criteria: { code: string; type: string; passing: string }[];
}

const fixturesFile = path.join(e2eDir, 'workflow.json');

export function readWorkflowFixtures(): WorkflowFixtures {
	return JSON.parse(readFileSync(fixturesFile, 'utf8')) as WorkflowFixtures;
}

/** A value that meets the criterion, as an officer would type it. */
export function passing(criterion: {
	type: string;
	comparator: string | null;
	target_number: number | null;
	target_rating: string | null;
}): string {
	if (criterion.type === 'boolean') return 'yes';
	if (criterion.type === 'rating') return criterion.target_rating ?? 'good';
	const target = criterion.target_number ?? 0;
	const offset = { '>': 1, '<': -1 }[criterion.comparator ?? ''] ?? 0;
	return formatInput(target + offset);
}

export async function prepareWorkflow(db: Kysely<Database>, store: EvidenceStore) {
	const campaign = await db
		.selectFrom('campaigns')
		.select('id')
		.where('code', '=', CAMPAIGN)
		.executeTakeFirstOrThrow();
	const period = await db
		.selectFrom('periods')
		.select(['id', 'label', 'criteria_set_id'])
		.where('campaign_id', '=', campaign.id)
		.where('status', '=', 'open')
		.executeTakeFirstOrThrow();
	// The units holding the codes today (a retired unit may have held one before).
	const units = await db
		.selectFrom('units')
		.select(['id', 'code'])
		.where('code', 'in', [JOURNEY_UNIT, CONFLICT_UNIT, BAD_INPUT_UNIT, OFFICER_UNIT, NOTIFY_UNIT])
		.where('status', '=', 'active')
		.execute();
	const idOf = (code: string) => units.find((unit) => unit.code === code)!.id;
	const fresh = [JOURNEY_UNIT, CONFLICT_UNIT, BAD_INPUT_UNIT, NOTIFY_UNIT].map(idOf);
	await db
		.deleteFrom('recognitions')
		.where('campaign_id', '=', campaign.id)
		.where('unit_id', 'in', fresh)
		.execute();
	await db
		.deleteFrom('assessments')
		.where('period_id', '=', period.id)
		.where('unit_id', 'in', fresh)
		.execute();
	await db
		.updateTable('criteria')
		.set({ evidence_required: true })
		.where('criteria_set_id', '=', period.criteria_set_id)
		.where('code', '=', EVIDENCE_CRITERION)
		.execute();

	// Early in a quarter the seed may not have started Thành Vinh's draft yet.
	await db
		.insertInto('assessments')
		.values({
			unit_id: idOf(OFFICER_UNIT),
			campaign_id: campaign.id,
			period_id: period.id,
			criteria_set_id: period.criteria_set_id
		})
		.onConflict((conflict) => conflict.columns(['unit_id', 'campaign_id', 'period_id']).doNothing())
		.execute();
	const stored = await db
		.selectFrom('assessments')
		.innerJoin('criteria', 'criteria.criteria_set_id', 'assessments.criteria_set_id')
		.select(['assessments.id', 'criteria.id as criterionId'])
		.where('assessments.unit_id', '=', idOf(OFFICER_UNIT))
		.where('assessments.period_id', '=', period.id)
		.where('criteria.code', '=', EVIDENCE_CRITERION)
		.executeTakeFirstOrThrow();
	const sha256 = sha256Of(PDF_BYTES);
	await store.put(db, sha256, PDF_BYTES);
	const evidence = await db
		.insertInto('evidence_files')
		.values({
			assessment_id: stored.id,
			criterion_id: stored.criterionId,
			sha256,
			file_name: 'Nghị quyết chi bộ.pdf',
			media_type: 'application/pdf',
			size_bytes: PDF_BYTES.length,
			uploaded_by: (
				await db
					.selectFrom('users')
					.select('id')
					.where('username', '=', 'officer.hungbinh')
					.executeTakeFirstOrThrow()
			).id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	if (evidence.id !== STORED_EVIDENCE_ID) throw new Error(`Evidence got id ${evidence.id}`);

	const criteria = await db
		.selectFrom('criteria')
		.innerJoin('criteria_groups', 'criteria_groups.id', 'criteria.group_id')
		.select(['criteria.code', 'type', 'comparator', 'target_number', 'target_rating'])
		.where('criteria.criteria_set_id', '=', period.criteria_set_id)
		.orderBy('criteria_groups.position')
		.orderBy('criteria.position')
		.execute();
	const fixtures: WorkflowFixtures = {
		period: period.label,
		criteria: criteria.map((c) => ({ code: c.code, type: c.type, passing: passing(c) }))
	};
	writeFileSync(fixturesFile, JSON.stringify(fixtures, null, '\t'));
}
