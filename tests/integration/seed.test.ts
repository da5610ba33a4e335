import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEligible, scoreAssessment, type CriterionValue } from '../../src/lib/domain/scoring';
import { DEMO_USERS, seedDemo } from '../../scripts/seed/demo';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase, SEED_NOW } from './helpers/fixtures';

const NOW = SEED_NOW;
let test: TestDatabase;

beforeAll(async () => {
	test = await createSeededDatabase();
});
afterAll(() => test.drop());

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
	return groups;
}

/** Row counts and a checksum of every seeded table: what "changes nothing" is measured by. */
async function fingerprint() {
	const { rows } = await sql<{ name: string; rows: number; checksum: string }>`
		SELECT 'units' AS name, count(*)::int AS rows, md5(string_agg(code || path || status, ',' ORDER BY code)) AS checksum FROM units
		UNION ALL SELECT 'users', count(*)::int, md5(string_agg(username || password_hash, ',' ORDER BY username)) FROM users
		UNION ALL SELECT 'campaigns', count(*)::int, md5(string_agg(code || updated_at::text, ',' ORDER BY code)) FROM campaigns
		UNION ALL SELECT 'criteria', count(*)::int, md5(string_agg(id::text || code, ',' ORDER BY id)) FROM criteria
		UNION ALL SELECT 'periods', count(*)::int, md5(string_agg(id::text || label || status, ',' ORDER BY id)) FROM periods
		UNION ALL SELECT 'roadmap_targets', count(*)::int, md5(string_agg(id::text || share::text, ',' ORDER BY id)) FROM roadmap_targets
		UNION ALL SELECT 'assessments', count(*)::int, md5(string_agg(id::text || status || score::text || version::text, ',' ORDER BY id)) FROM assessments
		UNION ALL SELECT 'criterion_results', count(*)::int, md5(string_agg(assessment_id::text || criterion_id::text || coalesce(value_number::text, value_boolean::text, value_rating, '-'), ',' ORDER BY assessment_id, criterion_id)) FROM criterion_results
		UNION ALL SELECT 'recognitions', count(*)::int, md5(string_agg(id::text || decision_number || coalesce(revoked_at::text, ''), ',' ORDER BY id)) FROM recognitions
		UNION ALL SELECT 'audit_log', count(*)::int, md5(string_agg(id::text || action, ',' ORDER BY id)) FROM audit_log
	`.execute(test.db);
	return rows;
}

describe('the Nghệ An demo seed', () => {
	it('holds the 482 units of 2023: 1 province, 21 district level, 460 commune level with 32 wards', async () => {
		const { rows } = await sql<{ level: number; kind: string; count: number }>`
			SELECT level, kind, count(*)::int AS count FROM units GROUP BY ROLLUP (level, kind) ORDER BY level, kind
		`.execute(test.db);
		const count = (level: number | null, kind: string | null) =>
			rows.find((row) => row.level === level && row.kind === kind)?.count;
		expect(count(null, null)).toBe(482);
		expect(count(1, null)).toBe(1);
		expect(count(2, null)).toBe(21);
		expect(count(3, null)).toBe(460);
		expect(count(3, 'ward')).toBe(32);
		expect(count(3, 'commune')).toBe(411);
		expect(count(3, 'township')).toBe(17);
	});

	it('places every unit under its parent with a materialised path', async () => {
		const { rows } = await sql<{ bad: number }>`
			SELECT count(*)::int AS bad FROM units u LEFT JOIN units p ON p.id = u.parent_id
			WHERE u.path <> coalesce(p.path, '/') || u.code || '/' OR (p.id IS NOT NULL AND u.level <> p.level + 1)
		`.execute(test.db);
		expect(rows[0].bad).toBe(0);
	});

	it('holds both campaigns with published criteria sets, roadmaps and quarterly periods', async () => {
		const campaigns = await test.db
			.selectFrom('campaigns')
			.innerJoin('criteria_sets', 'criteria_sets.campaign_id', 'campaigns.id')
			.select((eb) => [
				'campaigns.code',
				'criteria_sets.status',
				eb
					.selectFrom('criteria')
					.whereRef('criteria.criteria_set_id', '=', 'criteria_sets.id')
					.select((c) => c.fn.countAll<number>().as('n'))
					.as('criteria'),
				eb
					.selectFrom('criteria')
					.whereRef('criteria.criteria_set_id', '=', 'criteria_sets.id')
					.select((c) => c.fn.sum<number>('points').as('p'))
					.as('points'),
				eb
					.selectFrom('roadmap_targets')
					.whereRef('roadmap_targets.campaign_id', '=', 'campaigns.id')
					.select((c) => c.fn.countAll<number>().as('n'))
					.as('roadmap')
			])
			.orderBy('campaigns.code')
			.execute();
		expect(campaigns).toEqual([
			{ code: 'CAP-DHKM', status: 'published', criteria: 23, points: 100, roadmap: 5 },
			{ code: 'PT-TDBVANTQ', status: 'published', criteria: 15, points: 100, roadmap: 6 }
		]);
		const periods = await test.db
			.selectFrom('periods')
			.innerJoin('campaigns', 'campaigns.id', 'periods.campaign_id')
			.select(['periods.label', 'periods.status'])
			.where('campaigns.code', '=', 'CAP-DHKM')
			.orderBy('periods.starts_on')
			.execute();
		expect(periods).toHaveLength(15);
		expect(periods[0]).toEqual({ label: '2023-Q2', status: 'closed' });
		expect(periods[14]).toEqual({ label: '2026-Q4', status: 'open' });
	});

	it('creates the demo users of PRODUCT.md with their roles and scopes', async () => {
		const users = await test.db
			.selectFrom('users')
			.innerJoin('units', 'units.id', 'users.unit_id')
			.select(['users.username', 'users.role', 'units.code', 'users.password_hash'])
			.where(
				'users.username',
				'in',
				DEMO_USERS.map((user) => user.username)
			)
			.orderBy('users.username')
			.execute();
		expect(users.map(({ username, role, code }) => ({ username, role, code }))).toEqual([
			{ username: 'admin', role: 'province_admin', code: '40' },
			{ username: 'leader', role: 'leader', code: '40' },
			{ username: 'officer.hungbinh', role: 'ward_officer', code: '16672' },
			{ username: 'reviewer.vinh', role: 'district_reviewer', code: '412' }
		]);
		for (const user of users) expect(user.password_hash).toMatch(/^\$argon2id\$/);
	});

	it('stores on every assessment the score the scoring module computes from its results', async () => {
		const criteria = await test.db.selectFrom('criteria').selectAll().orderBy('position').execute();
		const campaigns = await test.db.selectFrom('campaigns').selectAll().execute();
		const assessments = await test.db.selectFrom('assessments').selectAll().execute();
		const results = await test.db.selectFrom('criterion_results').selectAll().execute();
		const resultsOf = groupBy(results, (result) => result.assessment_id);
		const criteriaOf = groupBy(criteria, (criterion) => criterion.criteria_set_id);
		expect(assessments.length).toBeGreaterThan(6000);
		let mismatches = 0;
		for (const assessment of assessments) {
			const set = criteriaOf.get(assessment.criteria_set_id)!;
			const values = new Map<string, CriterionValue>();
			const metByCriterion = new Map<number, boolean>();
			for (const result of resultsOf.get(assessment.id) ?? []) {
				const criterion = set.find((c) => c.id === result.criterion_id)!;
				values.set(
					criterion.code,
					result.value_boolean ?? result.value_number ?? result.value_rating
				);
				metByCriterion.set(criterion.id, result.met);
			}
			const scored = scoreAssessment(
				set.map((c) => ({
					code: c.code,
					type: c.type,
					comparator: c.comparator,
					target: c.type === 'rating' ? c.target_rating : c.target_number,
					points: c.points,
					mandatory: c.mandatory
				})),
				values
			);
			const campaign = campaigns.find((c) => c.id === assessment.campaign_id)!;
			const eligible = isEligible(scored, {
				minScore: campaign.min_score,
				allMandatory: campaign.all_mandatory
			});
			const storedMet = set.filter((c) => metByCriterion.get(c.id)).map((c) => c.code);
			const computedMet = set.filter((c) => !scored.unmet.includes(c.code)).map((c) => c.code);
			if (
				assessment.score !== scored.score ||
				assessment.met_count !== scored.metCount ||
				assessment.criteria_count !== set.length ||
				assessment.mandatory_met !== scored.mandatoryMet ||
				assessment.eligible !== eligible ||
				storedMet.join() !== computedMet.join()
			) {
				mismatches++;
			}
		}
		expect(mismatches).toBe(0);
	});

	it('recognises only approved, eligible assessments, one standing recognition at a time', async () => {
		const { rows } = await sql<{ total: number; invalid: number; doubles: number }>`
			SELECT
				(SELECT count(*)::int FROM recognitions) AS total,
				(SELECT count(*)::int FROM recognitions r JOIN assessments a ON a.id = r.assessment_id
					WHERE a.status <> 'approved' OR NOT a.eligible OR a.unit_id <> r.unit_id) AS invalid,
				(SELECT count(*)::int FROM (SELECT unit_id FROM recognitions WHERE revoked_at IS NULL
					GROUP BY campaign_id, unit_id HAVING count(*) > 1) d) AS doubles
		`.execute(test.db);
		expect(rows[0].total).toBeGreaterThan(100);
		expect(rows[0].invalid).toBe(0);
		expect(rows[0].doubles).toBe(0);
	});

	it('tells a plausible story: Vinh ahead of the mountain districts, some returns, a live quarter', async () => {
		const { rows } = await sql<{ code: string; share: number }>`
			SELECT d.code, avg((r.id IS NOT NULL)::int)::float8 AS share
			FROM units u JOIN units d ON d.id = u.parent_id
			JOIN campaigns c ON c.code = 'PT-TDBVANTQ'
			LEFT JOIN recognitions r ON r.unit_id = u.id AND r.campaign_id = c.id AND r.revoked_at IS NULL
			WHERE u.level = 3 AND d.code IN ('412', '417', '418', '415')
			GROUP BY d.code
		`.execute(test.db);
		const share = (code: string) => rows.find((row) => row.code === code)!.share;
		for (const mountain of ['417', '418', '415'])
			expect(share('412')).toBeGreaterThan(share(mountain) + 0.3);

		const statuses = await sql<{ status: string; count: number }>`
			SELECT a.status, count(*)::int AS count FROM assessments a JOIN periods p ON p.id = a.period_id
			WHERE p.status = 'open' GROUP BY a.status
		`.execute(test.db);
		const current = Object.fromEntries(statuses.rows.map((row) => [row.status, row.count]));
		expect(current.draft).toBeGreaterThan(20);
		expect(current.submitted).toBeGreaterThan(20);
		expect(current.verified).toBeGreaterThan(20);

		const returns = await sql<{ count: number }>`
			SELECT count(*)::int AS count FROM audit_log WHERE action = 'assessment.return' AND reason IS NOT NULL
		`.execute(test.db);
		expect(returns.rows[0].count).toBeGreaterThan(50);

		const future = await sql<{ count: number }>`
			SELECT count(*)::int AS count FROM audit_log WHERE at > ${NOW}
		`.execute(test.db);
		expect(future.rows[0].count).toBe(0);
	});

	it('changes nothing when run a second time', async () => {
		const before = await fingerprint();
		const report = await seedDemo(test.db, { now: NOW });
		expect(report.unitsAdded).toBe(0);
		expect(report.usersAdded).toBe(0);
		expect(report.campaigns.every((campaign) => !campaign.created && !campaign.history)).toBe(true);
		expect(await fingerprint()).toEqual(before);
	});
});
