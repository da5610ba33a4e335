import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDownAll, migrateToLatest } from '../../src/lib/server/db/migrate';
import { createTestDatabase, type TestDatabase } from './helpers/database';

const TABLES = [
	'area_members',
	'area_sets',
	'areas',
	'assessments',
	'audit_log',
	'campaigns',
	'criteria',
	'criteria_groups',
	'criteria_sets',
	'criterion_results',
	'data_versions',
	'evidence_chunks',
	'evidence_content',
	'evidence_files',
	// Kept figures and the views that compute them afresh (2026_12_02_001400_kept_figures).
	'kept_path_figures',
	'kept_path_figures_fresh',
	// The sums' differences until their transaction commits (2026_12_02_001500_commit_time_sums).
	'kept_path_pending',
	'kept_unit_figures',
	'kept_unit_figures_fresh',
	'mail_outbox',
	'notifications',
	'period_criteria_sets',
	'period_extensions',
	'periods',
	'recognition_decisions',
	'recognitions',
	'reorganisations',
	'review_comments',
	'roadmap_targets',
	'sessions',
	'sign_in_throttle',
	'unit_links',
	'unit_versions',
	'units',
	'users'
];

let test: TestDatabase;

async function tableNames() {
	const { rows } = await sql<{ name: string }>`
		SELECT table_name AS name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name
	`.execute(test.db);
	return rows.map((row) => row.name);
}

beforeAll(async () => {
	test = await createTestDatabase({ migrate: false });
});
afterAll(() => test.drop());

describe('migrations', () => {
	it('create every table of the domain', async () => {
		await migrateToLatest(test.db);
		expect(await tableNames()).toEqual(TABLES);
	});

	it('are idempotent: a second run applies nothing', async () => {
		const { results } = await migrateToLatest(test.db);
		expect(results).toEqual([]);
	});

	it('go down to an empty schema and up again', async () => {
		await migrateDownAll(test.db);
		expect(await tableNames()).toEqual([]);
		await migrateToLatest(test.db);
		expect(await tableNames()).toEqual(TABLES);
	});
});
