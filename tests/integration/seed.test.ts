import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isEligible, scoreAssessment, type CriterionValue } from '../../src/lib/domain/scoring';
import type { UnitKind } from '../../src/lib/domain/vocabulary';
import { DEFAULT_SEED, DEMO_USERS, seedDemo } from '../../scripts/seed/demo';
import { demoInstitutions } from '../../scripts/seed/institutions';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase, SEED_NOW } from './helpers/fixtures';
import { expectKeptFiguresFresh } from './helpers/kept';

const NOW = SEED_NOW;
/** The demo's agencies, enterprises and schools for the default seed (scripts/seed/institutions.ts). */
const INSTITUTION_COUNT = demoInstitutions(DEFAULT_SEED).length;
let test: TestDatabase;

beforeAll(async () => {
	test = await createSeededDatabase();
});
afterAll(() => test.drop());
afterEach(() => expectKeptFiguresFresh(test?.db));

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
	return groups;
}

const INSTITUTIONS: UnitKind[] = ['agency', 'enterprise', 'school'];

/** How many units of each level and kind were in force on a day (the registry's: no institution). */
async function structureOn(day: string) {
	const { rows } = await sql<{ level: number | null; kind: string | null; count: number }>`
		SELECT level, kind, count(*)::int AS count FROM unit_versions
		WHERE valid_from <= ${day}::date AND ${day}::date < valid_to
			AND kind <> ALL (${INSTITUTIONS})
		GROUP BY ROLLUP (level, kind)
	`.execute(test.db);
	return Object.fromEntries(
		rows.map((row) => [
			row.level === null
				? 'total'
				: row.kind === null
					? String(row.level)
					: `${row.level}/${row.kind}`,
			row.count
		])
	);
}

/** The version of the unit holding a code on a day: its name, kind and path then. */
async function versionOn(code: string, day: string) {
	return test.db
		.selectFrom('unit_versions')
		.select(['name', 'kind', 'path'])
		.where('code', '=', code)
		.where('valid_from', '<=', day)
		.where('valid_to', '>', day)
		.executeTakeFirst();
}

/** Row counts and a checksum of every seeded table: what "changes nothing" is measured by. */
async function fingerprint() {
	const { rows } = await sql<{ name: string; rows: number; checksum: string }>`
		SELECT 'units' AS name, count(*)::int AS rows, md5(string_agg(code || path || status, ',' ORDER BY id)) AS checksum FROM units
		UNION ALL SELECT 'users', count(*)::int, md5(string_agg(username || password_hash, ',' ORDER BY username)) FROM users
		UNION ALL SELECT 'campaigns', count(*)::int, md5(string_agg(code || updated_at::text, ',' ORDER BY code)) FROM campaigns
		UNION ALL SELECT 'criteria', count(*)::int, md5(string_agg(id::text || code, ',' ORDER BY id)) FROM criteria
		UNION ALL SELECT 'periods', count(*)::int, md5(string_agg(id::text || label || status, ',' ORDER BY id)) FROM periods
		UNION ALL SELECT 'period_criteria_sets', count(*)::int, md5(string_agg(period_id::text || audience || criteria_set_id::text, ',' ORDER BY period_id, audience)) FROM period_criteria_sets
		UNION ALL SELECT 'criteria_sets', count(*)::int, md5(string_agg(id::text || audience || status, ',' ORDER BY id)) FROM criteria_sets
		UNION ALL SELECT 'roadmap_targets', count(*)::int, md5(string_agg(id::text || share::text, ',' ORDER BY id)) FROM roadmap_targets
		UNION ALL SELECT 'assessments', count(*)::int, md5(string_agg(id::text || status || score::text || version::text, ',' ORDER BY id)) FROM assessments
		UNION ALL SELECT 'criterion_results', count(*)::int, md5(string_agg(assessment_id::text || criterion_id::text || coalesce(value_number::text, value_boolean::text, value_rating, '-'), ',' ORDER BY assessment_id, criterion_id)) FROM criterion_results
		UNION ALL SELECT 'recognitions', count(*)::int, md5(string_agg(id::text || decision_number || coalesce(revoked_at::text, ''), ',' ORDER BY id)) FROM recognitions
		UNION ALL SELECT 'audit_log', count(*)::int, md5(string_agg(id::text || action, ',' ORDER BY id)) FROM audit_log
		UNION ALL SELECT 'unit_versions', count(*)::int, md5(string_agg(unit_id::text || valid_from::text || valid_to::text || path, ',' ORDER BY unit_id, valid_from)) FROM unit_versions
		UNION ALL SELECT 'unit_links', count(*)::int, md5(string_agg(predecessor_id::text || successor_id::text || part, ',' ORDER BY predecessor_id, successor_id)) FROM unit_links
		UNION ALL SELECT 'reorganisations', count(*)::int, md5(string_agg(id::text || sha256, ',' ORDER BY id)) FROM reorganisations
		UNION ALL SELECT 'area_members', count(*)::int, md5(string_agg(area_id::text || unit_id::text, ',' ORDER BY unit_id)) FROM area_members
		UNION ALL SELECT 'users_scopes', count(*)::int, md5(string_agg(username || unit_id::text || coalesce(area_id::text, '') || active::text, ',' ORDER BY username)) FROM users
	`.execute(test.db);
	return rows;
}

describe('the Nghệ An demo seed', () => {
	it('holds the 482 units of 2023: 1 province, 21 district level, 460 commune level with 32 wards', async () => {
		expect(await structureOn('2023-04-10')).toEqual({
			total: 482,
			'1': 1,
			'1/province': 1,
			'2': 21,
			'2/city': 1,
			'2/town': 3,
			'2/district': 17,
			'3': 460,
			'3/ward': 32,
			'3/commune': 411,
			'3/township': 17
		});
	});

	it('applies the registry of 01/01/2025: 20 districts, 412 commune-level units', async () => {
		const on = await structureOn('2025-03-01');
		expect([on.total, on['1'], on['2'], on['3']]).toEqual([433, 1, 20, 412]);
		// Cửa Lò joined Vinh; Nghi Phú, a commune, became a ward of Vinh.
		expect(await versionOn('16702', '2025-03-01')).toEqual({
			name: 'Phường Nghi Phú',
			kind: 'ward',
			path: '/40/412/16702/'
		});
		expect(await versionOn('16717', '2024-12-31')).toMatchObject({ path: '/40/413/16717/' });
		expect(await versionOn('16717', '2025-01-01')).toMatchObject({ path: '/40/412/16717/' });
	});

	it('applies the reorganisation of 01/07/2025: 130 units (119 communes, 11 wards) under the province', async () => {
		expect(await structureOn('2025-07-01')).toEqual({
			total: 131,
			'1': 1,
			'1/province': 1,
			'2': 130,
			'2/commune': 119,
			'2/ward': 11
		});
		const active = await test.db
			.selectFrom('units')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('status', '=', 'active')
			.where('kind', 'not in', INSTITUTIONS)
			.executeTakeFirstOrThrow();
		expect(Number(active.n)).toBe(131);
		const { rows } = await sql<{ links: number; partial: number; applied: number }>`
			SELECT (SELECT count(*)::int FROM unit_links WHERE effective_on = '2025-07-01') AS links,
				(SELECT count(*)::int FROM unit_links WHERE part = 'partial') AS partial,
				(SELECT count(*)::int FROM reorganisations) AS applied
		`.execute(test.db);
		// 414 mapping rows; the 9 units that continue under their own code have no link.
		expect(rows[0]).toEqual({ links: 405, partial: 4, applied: 2 });
		// 16681 was Phường Quang Trung until 30/06/2025; Phường Thành Vinh holds it since.
		expect(await versionOn('16681', '2025-06-30')).toMatchObject({ name: 'Phường Quang Trung' });
		expect(await versionOn('16681', '2025-07-01')).toEqual({
			name: 'Phường Thành Vinh',
			kind: 'ward',
			path: '/40/16681/'
		});
	});

	it('places every version under its parent as it stood the same day', async () => {
		const { rows } = await sql<{ bad: number }>`
			SELECT count(*)::int AS bad FROM unit_versions v
			LEFT JOIN unit_versions p ON p.unit_id = v.parent_id
				AND p.valid_from <= v.valid_from AND v.valid_from < p.valid_to
			WHERE v.path <> coalesce(p.path, '/') || v.code || '/'
				OR (v.parent_id IS NOT NULL AND (p.unit_id IS NULL OR v.level <> p.level + 1))
		`.execute(test.db);
		expect(rows[0].bad).toBe(0);
	});

	it('groups the 130 units by former district: 20 areas, Vinh drawn with Cửa Lò', async () => {
		const areas = await test.db
			.selectFrom('areas')
			.innerJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
			.select((eb) => [
				'area_sets.code as set',
				sql<string>`area_sets.valid_from::text`.as('valid_from'),
				'areas.code',
				'areas.map_codes',
				eb
					.selectFrom('area_members')
					.whereRef('area_members.area_id', '=', 'areas.id')
					.select((c) => c.fn.countAll<number>().as('n'))
					.as('members')
			])
			.orderBy('areas.code')
			.execute();
		expect(areas).toHaveLength(20);
		expect(new Set(areas.map((area) => `${area.set} ${area.valid_from}`))).toEqual(
			new Set(['DIA-BAN-HUYEN-CU 2025-07-01'])
		);
		expect(areas.reduce((sum, area) => sum + Number(area.members), 0)).toBe(130);
		expect(areas.find((area) => area.code === '412')).toMatchObject({ map_codes: ['412', '413'] });
		const { rows } = await sql<{ outside: number }>`
			SELECT count(*)::int AS outside FROM area_members m JOIN units u ON u.id = m.unit_id
			WHERE u.status <> 'active' OR u.established_on > '2025-07-01'
		`.execute(test.db);
		expect(rows[0].outside).toBe(0);
	});

	it('holds both campaigns with published criteria sets, roadmaps and quarterly periods', async () => {
		const campaigns = await test.db
			.selectFrom('campaigns')
			.innerJoin('criteria_sets', 'criteria_sets.campaign_id', 'campaigns.id')
			.select((eb) => [
				'campaigns.code',
				'criteria_sets.audience',
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
			.orderBy('criteria_sets.id')
			.execute();
		const set = (code: string, audience: string, criteria: number, roadmap: number) => ({
			code,
			audience,
			status: 'published',
			criteria,
			points: 100,
			roadmap
		});
		// The movement's roadmap: its own 6 targets and the institution block's 6.
		expect(campaigns).toEqual([
			set('CAP-DHKM', 'area', 23, 5),
			set('PT-TDBVANTQ', 'area', 15, 12),
			set('PT-TDBVANTQ', 'agency', 11, 12),
			set('PT-TDBVANTQ', 'enterprise', 12, 12),
			set('PT-TDBVANTQ', 'school', 12, 12)
		]);
		const blocks = await test.db
			.selectFrom('roadmap_targets')
			.select(['year', 'share', 'block'])
			.where('block', 'is not', null)
			.orderBy('year')
			.execute();
		expect(blocks.map((row) => row.block)).toEqual(Array(6).fill('institution'));
		expect(blocks.at(-1)).toEqual({ year: 2028, share: 0.6, block: 'institution' });
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

	it('lands the demo users of PRODUCT.md in units that exist today', async () => {
		const users = await test.db
			.selectFrom('users')
			.innerJoin('units', 'units.id', 'users.unit_id')
			.leftJoin('areas', 'areas.id', 'users.area_id')
			.select([
				'users.username',
				'users.role',
				'units.code',
				'units.name',
				'units.status',
				'areas.code as area',
				'users.password_hash'
			])
			.where(
				'users.username',
				'in',
				DEMO_USERS.map((user) => user.username)
			)
			.orderBy('users.username')
			.execute();
		expect(users.map((user) => ({ ...user, password_hash: undefined }))).toEqual([
			{
				username: 'admin',
				role: 'province_admin',
				code: '40',
				name: 'Tỉnh Nghệ An',
				status: 'active',
				area: null
			},
			{
				username: 'leader',
				role: 'leader',
				code: '40',
				name: 'Tỉnh Nghệ An',
				status: 'active',
				area: null
			},
			{
				username: 'officer.hungbinh',
				role: 'ward_officer',
				code: '16681',
				name: 'Phường Thành Vinh',
				status: 'active',
				area: null
			},
			{
				username: 'officer.school',
				role: 'ward_officer',
				code: 'S16672-1',
				name: 'Trường THCS Hưng Bình',
				status: 'active',
				area: null
			},
			{
				username: 'reviewer.vinh',
				role: 'district_reviewer',
				code: '40',
				name: 'Tỉnh Nghệ An',
				status: 'active',
				area: '412'
			}
		]);
		for (const user of users) expect(user.password_hash).toMatch(/^\$argon2id\$/);
		// Every active account works on a unit that exists; the districts' reviewers on their area.
		const { rows } = await sql<{ stranded: number; reviewers: number; closed: number }>`
			SELECT
				(SELECT count(*)::int FROM users s JOIN units u ON u.id = s.unit_id
					WHERE s.active AND u.status <> 'active') AS stranded,
				(SELECT count(*)::int FROM users WHERE active AND role = 'district_reviewer'
					AND area_id IS NOT NULL) AS reviewers,
				(SELECT count(*)::int FROM users WHERE NOT active) AS closed
		`.execute(test.db);
		expect(rows[0]).toEqual({ stranded: 0, reviewers: 21, closed: 48 });
	});

	it("assesses each period only the units in force at its end, of the campaign's kinds", async () => {
		const { rows } = await sql<{ outside: number }>`
			SELECT count(*)::int AS outside FROM assessments a
			JOIN periods p ON p.id = a.period_id JOIN campaigns c ON c.id = a.campaign_id
			WHERE NOT EXISTS (SELECT 1 FROM unit_versions v WHERE v.unit_id = a.unit_id
				AND v.valid_from <= p.ends_on AND p.ends_on < v.valid_to AND v.kind = ANY (c.applies_to))
		`.execute(test.db);
		expect(rows[0].outside).toBe(0);
		const denominators = await sql<{ campaign: string; label: string; units: number }>`
			SELECT c.code AS campaign, p.label,
				count(v.unit_id) FILTER (WHERE v.kind <> ALL (${INSTITUTIONS}))::int AS units,
				count(v.unit_id) FILTER (WHERE v.kind = ANY (${INSTITUTIONS}))::int AS institutions
			FROM campaigns c JOIN periods p ON p.campaign_id = c.id
			JOIN unit_versions v ON v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
				AND v.kind = ANY (c.applies_to)
			WHERE p.label IN ('2024-Q4', '2025-Q2', '2025-Q3', '2026-Q4')
			GROUP BY c.code, p.label ORDER BY c.code, p.label
		`.execute(test.db);
		// The institutions neither come nor go: the movement counts them all along.
		const row = (campaign: string, label: string, units: number, institutions: number) => ({
			campaign,
			label,
			units,
			institutions
		});
		expect(denominators.rows).toEqual([
			row('CAP-DHKM', '2024-Q4', 32, 0),
			row('CAP-DHKM', '2025-Q2', 33, 0),
			row('CAP-DHKM', '2025-Q3', 11, 0),
			row('CAP-DHKM', '2026-Q4', 11, 0),
			row('PT-TDBVANTQ', '2024-Q4', 460, INSTITUTION_COUNT),
			row('PT-TDBVANTQ', '2025-Q2', 412, INSTITUTION_COUNT),
			row('PT-TDBVANTQ', '2025-Q3', 130, INSTITUTION_COUNT),
			row('PT-TDBVANTQ', '2026-Q4', 130, INSTITUTION_COUNT)
		]);
		// The retired units' last assessments are closed; nothing was left open to supersede.
		const open = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM assessments a JOIN units u ON u.id = a.unit_id
			WHERE u.status = 'retired' AND a.status <> 'approved'
		`.execute(test.db);
		expect(open.rows[0].n).toBe(0);
	});

	it('stores on every assessment the score the scoring module computes from its results', async () => {
		const criteria = await test.db.selectFrom('criteria').selectAll().orderBy('position').execute();
		const campaigns = await test.db.selectFrom('campaigns').selectAll().execute();
		const assessments = await test.db.selectFrom('assessments').selectAll().execute();
		const results = await test.db.selectFrom('criterion_results').selectAll().execute();
		const resultsOf = groupBy(results, (result) => result.assessment_id);
		const criteriaOf = groupBy(criteria, (criterion) => criterion.criteria_set_id);
		expect(assessments.length).toBeGreaterThan(4500);
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

	it('hangs the institutions under communes of today, moved there from their 2023 commune', async () => {
		const { rows } = await sql<{ kind: string; units: number; stray: number; moved: number }>`
			SELECT u.kind, count(*)::int AS units,
				count(*) FILTER (WHERE p.status <> 'active' OR p.level <> 2
					OR p.kind NOT IN ('commune', 'ward') OR u.level <> 3)::int AS stray,
				count(*) FILTER (WHERE EXISTS (SELECT 1 FROM unit_versions v
					WHERE v.unit_id = u.id AND v.valid_from = '2025-07-01'))::int AS moved
			FROM units u JOIN units p ON p.id = u.parent_id
			WHERE u.kind = ANY (${INSTITUTIONS}) AND u.status = 'active'
			GROUP BY u.kind ORDER BY u.kind
		`.execute(test.db);
		expect(rows.map((row) => row.kind)).toEqual(['agency', 'enterprise', 'school']);
		expect(rows.reduce((sum, row) => sum + row.units, 0)).toBe(INSTITUTION_COUNT);
		expect(rows.every((row) => row.stray === 0)).toBe(true);
		// All but those of the 9 communes that continue under their own code got a new version.
		expect(rows.reduce((sum, row) => sum + row.moved, 0)).toBeGreaterThan(INSTITUTION_COUNT - 30);
		// The day before, each was under its commune; from that day, under the commune it went into.
		const { rows: lineage } = await sql<{ total: number; astray: number }>`
			SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT (
				a.parent_id = b.parent_id OR EXISTS (SELECT 1 FROM unit_links l
					WHERE l.predecessor_id = b.parent_id AND l.successor_id = a.parent_id
						AND l.part = 'full' AND l.effective_on = '2025-07-01')))::int AS astray
			FROM unit_versions b JOIN unit_versions a ON a.unit_id = b.unit_id
			WHERE b.kind = ANY (${INSTITUTIONS}) AND b.valid_to = '2025-07-01'
				AND a.valid_from = '2025-07-01'
		`.execute(test.db);
		expect(lineage[0]).toEqual({ total: rows.reduce((sum, row) => sum + row.moved, 0), astray: 0 });
		// Trường THCS Hưng Bình: under Phường Hưng Bình until 30/06/2025, Phường Thành Vinh since.
		expect(await versionOn('S16672-1', '2024-06-30')).toEqual({
			name: 'Trường THCS Hưng Bình',
			kind: 'school',
			path: '/40/412/16672/S16672-1/'
		});
		expect(await versionOn('S16672-1', '2025-07-01')).toMatchObject({
			path: '/40/16681/S16672-1/'
		});
	});

	it('scores each unit against its audience’s set, named by every period', async () => {
		const { rows } = await sql<{
			campaign: string;
			periods: number;
			sets: number;
			missing: number;
		}>`
			SELECT c.code AS campaign, count(DISTINCT p.id)::int AS periods,
				count(s.period_id)::int AS sets,
				count(*) FILTER (WHERE s.period_id IS NULL)::int AS missing
			FROM campaigns c JOIN periods p ON p.campaign_id = c.id
			CROSS JOIN (VALUES ('area'), ('agency'), ('enterprise'), ('school')) AS x(audience)
			LEFT JOIN period_criteria_sets s ON s.period_id = p.id AND s.audience = x.audience
			WHERE x.audience = 'area' OR c.applies_to && ${INSTITUTIONS}::text[]
			GROUP BY c.code ORDER BY c.code
		`.execute(test.db);
		expect(rows).toEqual([
			{ campaign: 'CAP-DHKM', periods: 15, sets: 15, missing: 0 },
			{ campaign: 'PT-TDBVANTQ', periods: 15, sets: 60, missing: 0 }
		]);
		const { rows: scored } = await sql<{ audience: string; assessments: number; wrong: number }>`
			SELECT CASE WHEN v.kind = ANY (${INSTITUTIONS}) THEN v.kind ELSE 'area' END AS audience,
				count(*)::int AS assessments,
				count(*) FILTER (WHERE cs.audience <> CASE WHEN v.kind = ANY (${INSTITUTIONS})
					THEN v.kind ELSE 'area' END OR pcs.criteria_set_id IS DISTINCT FROM a.criteria_set_id)::int AS wrong
			FROM assessments a JOIN periods p ON p.id = a.period_id
			JOIN criteria_sets cs ON cs.id = a.criteria_set_id
			JOIN unit_versions v ON v.unit_id = a.unit_id AND v.valid_from <= p.ends_on
				AND p.ends_on < v.valid_to
			LEFT JOIN period_criteria_sets pcs ON pcs.period_id = p.id AND pcs.audience = cs.audience
			GROUP BY 1 ORDER BY 1
		`.execute(test.db);
		expect(scored.map((row) => row.audience)).toEqual(['agency', 'area', 'enterprise', 'school']);
		expect(scored.every((row) => row.wrong === 0)).toBe(true);
		expect(scored.find((row) => row.audience === 'school')!.assessments).toBeGreaterThan(4000);
	});

	it('gives every institution an officer, and officer.school an empty current period', async () => {
		const { rows } = await sql<{ institutions: number; officers: number }>`
			SELECT count(DISTINCT u.id)::int AS institutions,
				count(DISTINCT s.unit_id) FILTER (WHERE s.active AND s.role = 'ward_officer')::int AS officers
			FROM units u LEFT JOIN users s ON s.unit_id = u.id WHERE u.kind = ANY (${INSTITUTIONS})
		`.execute(test.db);
		expect(rows[0]).toEqual({ institutions: INSTITUTION_COUNT, officers: INSTITUTION_COUNT });
		const officer = await test.db
			.selectFrom('users')
			.select(['username', 'display_name'])
			.where('username', '=', 'officer.e16681-1')
			.executeTakeFirst();
		expect(officer?.display_name).toMatch(/^Công ty /);
		const { rows: school } = await sql<{
			label: string;
			assessments: number;
			before: number;
			area: boolean;
		}>`
			SELECT p.label,
				(SELECT count(*)::int FROM assessments a WHERE a.unit_id = u.id AND a.period_id = p.id) AS assessments,
				(SELECT count(*)::int FROM assessments a WHERE a.unit_id = u.id) AS before,
				EXISTS (SELECT 1 FROM area_members m JOIN areas ar ON ar.id = m.area_id
					JOIN units mu ON mu.id = m.unit_id
					WHERE ar.code = '412' AND u.path LIKE mu.path || '%') AS area
			FROM units u JOIN periods p ON p.status = 'open'
			JOIN campaigns c ON c.id = p.campaign_id AND c.code = 'PT-TDBVANTQ'
			WHERE u.code = 'S16672-1'
		`.execute(test.db);
		// The current period is open and empty; the school has its history; reviewer.vinh sees it.
		expect(school).toEqual([{ label: '2026-Q4', assessments: 0, before: 14, area: true }]);
	});

	it('lets the institution block trail the communes and still advance, with work in progress', async () => {
		const { rows } = await sql<{ year: string; block: string; share: number }>`
			SELECT left(p.label, 4) AS year,
				CASE WHEN v.kind = ANY (${INSTITUTIONS}) THEN 'institution' ELSE 'area' END AS block,
				avg((EXISTS (SELECT 1 FROM recognitions r WHERE r.unit_id = v.unit_id
					AND r.campaign_id = c.id AND r.created_at <= p.ends_on
					AND (r.revoked_at IS NULL OR r.revoked_at > p.ends_on)))::int)::float8 AS share
			FROM campaigns c JOIN periods p ON p.campaign_id = c.id
			JOIN unit_versions v ON v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
				AND v.kind = ANY (c.applies_to)
			WHERE c.code = 'PT-TDBVANTQ' AND p.label LIKE '%-Q4'
			GROUP BY 1, 2 ORDER BY 1, 2
		`.execute(test.db);
		const share = (year: string, block: string) =>
			rows.find((row) => row.year === year && row.block === block)!.share;
		for (const year of ['2023', '2024', '2025', '2026']) {
			expect(share(year, 'institution')).toBeLessThan(share(year, 'area'));
		}
		expect(share('2024', 'institution')).toBeGreaterThan(share('2023', 'institution'));
		expect(share('2026', 'institution')).toBeGreaterThan(share('2024', 'institution') + 0.15);
		const { rows: current } = await sql<{ status: string; count: number }>`
			SELECT a.status, count(*)::int AS count FROM assessments a
			JOIN periods p ON p.id = a.period_id JOIN units u ON u.id = a.unit_id
			WHERE p.status = 'open' AND u.kind = ANY (${INSTITUTIONS}) GROUP BY a.status
		`.execute(test.db);
		const by = Object.fromEntries(current.map((row) => [row.status, row.count]));
		expect(by.draft).toBeGreaterThan(20);
		expect(by.submitted).toBeGreaterThan(20);
	});

	it('changes nothing when run a second time', async () => {
		const before = await fingerprint();
		const report = await seedDemo(test.db, { now: NOW });
		expect(report.unitsAdded).toBe(0);
		expect(report.usersAdded).toBe(0);
		expect(report.reorganisations).toEqual([]);
		expect(report.campaigns.every((campaign) => !campaign.created && !campaign.history)).toBe(true);
		expect(await fingerprint()).toEqual(before);
	});
});
