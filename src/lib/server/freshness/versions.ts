// The data versions a page depends on (migrations/2026_12_02_001300_data_versions.ts): the map's,
// its campaign's and the signed-in user's. Read in one round trip, before the figures: figures
// computed after the read are at least as new as the versions, never older.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface DataVersions {
	/** The campaign the address names, if there is one. */
	campaignId: number | null;
	map: number;
	campaign: number;
	user: number;
}

/** A scope never bumped reads 0: its data is as it was created (or restored) with. */
export async function readVersions(
	db: Kysely<Database>,
	campaignCode: string,
	userId: number | null
): Promise<DataVersions> {
	const { rows } = await sql<DataVersions>`
		SELECT c.id AS "campaignId",
			coalesce((SELECT version FROM data_versions WHERE scope = 'map'), 0) AS map,
			coalesce((SELECT version FROM data_versions WHERE scope = 'campaign:' || c.id), 0)
				AS campaign,
			coalesce((SELECT version FROM data_versions WHERE scope = 'user:' || ${userId}::int), 0)
				AS "user"
		FROM (SELECT 1) one LEFT JOIN campaigns c ON c.code = ${campaignCode}
	`.execute(db);
	const [row] = rows;
	return {
		campaignId: row.campaignId,
		map: Number(row.map),
		campaign: Number(row.campaign),
		user: Number(row.user)
	};
}

/** What figures of the campaign were computed from: any change to it or to the map moves it. */
export const figuresVersion = (versions: DataVersions) =>
	`${versions.campaignId}:${versions.map}:${versions.campaign}`;
