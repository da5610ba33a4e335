// The recognitions of units in campaigns: at most one stands (is not revoked) per unit and campaign.
// The dashboard's figures over recognitions are SQL of their own in ../dashboard.
import type { Insertable, Kysely } from 'kysely';
import type { Database, RecognitionTable } from '../db/schema';

type Db = Kysely<Database>;

/** The unit's recognition that stands in the campaign, if any. */
export function findStandingRecognition(db: Db, campaignId: number, unitId: number) {
	return db
		.selectFrom('recognitions')
		.select(['id', 'assessment_id', 'decision_number', 'decision_date', 'created_at'])
		.where('campaign_id', '=', campaignId)
		.where('unit_id', '=', unitId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
}

export type StandingRecognition = NonNullable<Awaited<ReturnType<typeof findStandingRecognition>>>;

export async function insertRecognition(db: Db, recognition: Insertable<RecognitionTable>) {
	const { id } = await db
		.insertInto('recognitions')
		.values(recognition)
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function markRecognitionRevoked(
	db: Db,
	recognitionId: number,
	revocation: { revokedAt: Date; revokedBy: number; reason: string }
) {
	await db
		.updateTable('recognitions')
		.set({
			revoked_at: revocation.revokedAt,
			revoked_by: revocation.revokedBy,
			revoke_reason: revocation.reason
		})
		.where('id', '=', recognitionId)
		.execute();
}
