// The benchmark's database: migrated, seeded with a synthetic national tree of one shape, with a
// leader of the nation and an officer signed in, and the pages to time picked from what was seeded.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { SESSION_COOKIE, createSession } from '../../../src/lib/server/auth/session';
import { createDatabase, type DatabaseConfig } from '../../../src/lib/server/db/connect';
import type { Database } from '../../../src/lib/server/db/schema';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import {
	SYNTHETIC_AREAS,
	SYNTHETIC_CAMPAIGN,
	seedSynthetic,
	type SyntheticShape
} from '../../seed/synthetic';
import { createUser } from '../../../src/lib/server/users/service';

export interface PreparedDatabase {
	seedSeconds: number;
	/** `km_session=…` for the bench leader, whose scope is the whole nation. */
	cookie: string;
	counts: TreeCounts;
	/** The province whose dashboard is timed (S01), and the first area of the areas' set. */
	codes: { province: string; area: string | null };
	/** An officer of a unit under S01 whose open period's assessment is still a draft. */
	save: { cookie: string; page: string; criterion: string };
}

export interface TreeCounts {
	/** Commune-level units (the ones assessed). */
	units: number;
	/** Every unit of the tree: the nation, provinces, districts and units. */
	treeUnits: number;
	provinces: number;
	districts: number;
	/** Reporting areas of the synthetic set (the 2025 shape). */
	areas: number;
	criteria: number;
	periods: number;
}

/** A ward officer, signed in, with a draft to save notes into (each save is one commit). */
async function prepareSave(db: Kysely<Database>): Promise<PreparedDatabase['save']> {
	const { rows } = await sql<{ unit: string; page: string; criterion: string }>`
		SELECT u.code AS unit,
			'/campaigns/' || c.code || '/units/' || u.code || '/periods/' || p.label AS page,
			(SELECT cr.code FROM criteria cr WHERE cr.criteria_set_id = p.criteria_set_id
				ORDER BY cr.position, cr.id LIMIT 1) AS criterion
		FROM campaigns c
		JOIN periods p ON p.campaign_id = c.id AND p.status = 'open' AND p.closes_at > now()
		JOIN units u ON u.kind = ANY (c.applies_to) AND u.path LIKE '/VN/S01/%'
		LEFT JOIN assessments a ON a.unit_id = u.id AND a.period_id = p.id
		WHERE c.code = ${SYNTHETIC_CAMPAIGN} AND (a.id IS NULL OR a.status IN ('draft', 'returned'))
		ORDER BY u.code
		LIMIT 1
	`.execute(db);
	if (!rows[0]) throw new Error(`${SYNTHETIC_CAMPAIGN} has no draft under S01 to save into.`);
	const officer = await createUser(db, null, {
		username: 'bench-officer',
		role: 'ward_officer',
		unitCode: rows[0].unit,
		displayName: 'Benchmark officer',
		password: randomBytes(18).toString('base64url')
	});
	const { token } = await createSession(db, officer.id);
	return { cookie: `${SESSION_COOKIE}=${token}`, page: rows[0].page, criterion: rows[0].criterion };
}

/** Prepares the database and closes it: PGlite then belongs to the app server alone. */
export async function prepareDatabase(
	config: DatabaseConfig,
	{ units, shape, log }: { units: number; shape: SyntheticShape; log: (line: string) => void }
): Promise<PreparedDatabase> {
	const db = createDatabase(config);
	try {
		await migrateToLatest(db);
		const started = performance.now();
		await seedSynthetic(db, { units, shape, log });
		const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
		log(`seeded in ${seedSeconds} s`);

		const created = await createUser(db, null, {
			username: 'bench-leader',
			role: 'leader',
			unitCode: 'VN',
			displayName: 'Benchmark leader',
			password: randomBytes(18).toString('base64url')
		});
		const { token } = await createSession(db, created.id);

		const { rows } = await sql<TreeCounts & { area: string | null }>`
			WITH c AS (SELECT * FROM campaigns WHERE code = ${SYNTHETIC_CAMPAIGN})
			SELECT
				(SELECT count(*) FROM units, c WHERE units.path LIKE '/VN/%'
					AND units.kind = ANY (c.applies_to))::int AS units,
				(SELECT count(*) FROM units WHERE path LIKE '/VN/%')::int AS "treeUnits",
				(SELECT count(*) FROM units WHERE kind = 'province')::int AS provinces,
				(SELECT count(*) FROM units WHERE kind = 'district')::int AS districts,
				(SELECT count(*) FROM areas a JOIN area_sets s ON s.id = a.area_set_id
					WHERE s.code = ${SYNTHETIC_AREAS.code})::int AS areas,
				(SELECT a.name FROM areas a JOIN area_sets s ON s.id = a.area_set_id
					WHERE s.code = ${SYNTHETIC_AREAS.code} ORDER BY a.code LIMIT 1) AS area,
				(SELECT count(*) FROM criteria
					WHERE criteria_set_id = (SELECT max(s.id) FROM criteria_sets s, c
						WHERE s.campaign_id = c.id))::int AS criteria,
				(SELECT count(*) FROM periods, c WHERE periods.campaign_id = c.id)::int AS periods
		`.execute(db);
		const { area, ...counts } = rows[0];
		return {
			seedSeconds,
			cookie: `${SESSION_COOKIE}=${token}`,
			counts,
			codes: { province: 'S01', area },
			save: await prepareSave(db)
		};
	} finally {
		await db.destroy();
	}
}

export async function dropPostgresDatabase(url: string, name: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	} finally {
		await client.end();
	}
}
