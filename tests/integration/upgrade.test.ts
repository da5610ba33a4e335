// Upgrading an install: a database the release before the as-of-date model filled with its demo
// (tests/fixtures/release-demo-000800.json.gz, made by tests/fixtures/make-release-demo.ts) is
// migrated to the latest schema. Nothing is lost, every unit gets its versions, and every figure
// of every period reads the same as the release's own rules gave.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../src/lib/server/db/migrate';
import type { Campaign, Database } from '../../src/lib/server/db/schema';
import { loadDashboard } from '../../src/lib/server/dashboard/service';
import { findRootUnit } from '../../src/lib/server/units/repository';
import { resolveUnitCode } from '../../src/lib/server/units/structure';
import { createTestDatabase, type TestDatabase } from './helpers/database';

/** The last migration of the release that wrote the fixture. */
const RELEASE_MIGRATION = '2026_11_29_000800_evidence_content';
const TODAY = '2026-11-27';
/** Rows per INSERT: a few megabytes of JSON at most. */
const LOAD_CHUNK = 10_000;

interface Fixture {
	migration: string;
	tables: { name: string; rows: Record<string, unknown>[] }[];
}

const fixture = JSON.parse(
	gunzipSync(
		readFileSync(new URL('../fixtures/release-demo-000800.json.gz', import.meta.url))
	).toString('utf8')
) as Fixture;

/** A figure of one campaign, period and district (district null: the province). */
interface Figure {
	campaign: string;
	period: string;
	district: string | null;
	units: number;
	recognised: number;
	awaiting: number;
	draft: number;
	submitted: number;
	verified: number;
	approved: number;
	notStarted: number;
	averageScore: number | null;
}

let test: TestDatabase;
let columns: Map<string, string[]>;
let before: { figures: Figure[]; fingerprints: Map<string, string>; units: number };

beforeAll(async () => {
	test = await createTestDatabase({ migrate: false });
	const { error } = await createMigrator(test.db).migrateTo(RELEASE_MIGRATION);
	if (error) throw error;
	await loadFixture(test.db);
	columns = await tableColumns(test.db);
	before = {
		figures: await figuresByReleaseRules(test.db),
		fingerprints: await fingerprints(test.db, columns),
		units: await count(test.db, 'units')
	};
	await migrateToLatest(test.db);
}, 240_000);
afterAll(() => test.drop());

/** Each table's rows as the release wrote them, then the id sequences past them. */
async function loadFixture(db: Kysely<Database>) {
	expect(fixture.migration).toBe(RELEASE_MIGRATION);
	for (const table of fixture.tables) {
		for (let i = 0; i < table.rows.length; i += LOAD_CHUNK) {
			const rows = JSON.stringify(table.rows.slice(i, i + LOAD_CHUNK));
			await sql`INSERT INTO ${sql.table(table.name)}
				SELECT * FROM json_populate_recordset(NULL::${sql.table(table.name)}, ${rows}::json)`.execute(db);
		}
		const { rows: serial } = await sql<{ sequence: string | null }>`
			SELECT pg_get_serial_sequence(table_name, column_name) AS sequence
			FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name = ${table.name} AND column_name = 'id'`.execute(db);
		if (serial[0]?.sequence && table.rows.length > 0) {
			await sql`SELECT setval(${serial[0].sequence}, (SELECT max(id) FROM ${sql.table(table.name)}))`.execute(
				db
			);
		}
	}
}

/** Each fixture table's columns as the release had them, in order. */
async function tableColumns(db: Kysely<Database>) {
	const { rows } = await sql<{ table: string; columns: string[] }>`
		SELECT table_name AS table, array_agg(column_name::text ORDER BY ordinal_position) AS columns
		FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name`.execute(db);
	const known = new Map(rows.map((row) => [row.table, row.columns]));
	return new Map(fixture.tables.map((table) => [table.name, known.get(table.name)!]));
}

/** A checksum of every row of each table over the release's columns. */
async function fingerprints(db: Kysely<Database>, columnsOf: Map<string, string[]>) {
	const result = new Map<string, string>();
	for (const [table, names] of columnsOf) {
		const row = sql`ROW(${sql.join(names.map((name) => sql.ref(name)))})::text`;
		const { rows } = await sql<{ rows: number; checksum: string | null }>`
			SELECT count(*)::int AS rows, md5(string_agg(${row}, E'\n' ORDER BY ${row})) AS checksum
			FROM ${sql.table(table)}`.execute(db);
		result.set(table, `${rows[0].rows}:${rows[0].checksum ?? ''}`);
	}
	return result;
}

async function count(db: Kysely<Database>, table: 'units' | 'unit_versions') {
	const { rows } = await sql<{
		n: number;
	}>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
	return rows[0].n;
}

/**
 * The figures of every campaign, period and district with `units` standing for the units a
 * period counts, each with its `kind` and its district's code `district`: plain SQL, from the raw
 * tables, as the dashboards define them (a recognition in force at the period's end; awaiting:
 * eligible, not recognised then, submitted, verified or approved under a standing decision dated
 * after the period; the period's own assessments by status; the official average over approved
 * ones).
 */
async function figuresOver(db: Kysely<Database>, counted: ReturnType<typeof sql>) {
	const { rows } = await sql<Figure>`
		WITH counted AS (${counted}),
		figures AS (
			SELECT c.code AS campaign, p.label AS period, p.starts_on, m.district,
				m.unit_id,
				EXISTS (SELECT 1 FROM recognitions r WHERE r.unit_id = m.unit_id AND r.campaign_id = c.id
					AND r.decision_date <= p.ends_on AND (r.revoked_at IS NULL
						OR r.revoked_at >= (p.ends_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
					AS recognised,
				EXISTS (SELECT 1 FROM recognitions x WHERE x.unit_id = m.unit_id AND x.campaign_id = c.id
					AND x.decision_date > p.ends_on AND x.revoked_at IS NULL) AS decided_later,
				a.status, a.eligible, a.score
			FROM campaigns c
			JOIN periods p ON p.campaign_id = c.id
			JOIN counted m ON m.period_id = p.id AND m.kind = ANY (c.applies_to)
			LEFT JOIN assessments a ON a.campaign_id = c.id AND a.period_id = p.id
				AND a.unit_id = m.unit_id
		)
		SELECT campaign, period, district,
			count(*)::int AS units,
			(count(*) FILTER (WHERE recognised))::int AS recognised,
			(count(*) FILTER (WHERE eligible AND NOT recognised AND (status IN ('submitted', 'verified')
				OR (status = 'approved' AND decided_later))))::int AS awaiting,
			(count(*) FILTER (WHERE status = 'draft'))::int AS draft,
			(count(*) FILTER (WHERE status = 'submitted'))::int AS submitted,
			(count(*) FILTER (WHERE status = 'verified'))::int AS verified,
			(count(*) FILTER (WHERE status = 'approved'))::int AS approved,
			(count(*) FILTER (WHERE status IS NULL))::int AS "notStarted",
			round(avg(score) FILTER (WHERE status = 'approved'), 1)::float8 AS "averageScore"
		FROM figures
		GROUP BY GROUPING SETS ((campaign, period, starts_on, district), (campaign, period, starts_on))
		ORDER BY campaign, starts_on, district NULLS FIRST
	`.execute(db);
	return rows;
}

/** The release's rule: a unit counts while established (or always) and not yet retired. */
function figuresByReleaseRules(db: Kysely<Database>) {
	return figuresOver(
		db,
		sql`SELECT p.id AS period_id, u.id AS unit_id, u.kind, split_part(u.path, '/', 3) AS district
			FROM periods p JOIN units u ON u.level = 3
				AND (u.established_on IS NULL OR u.established_on <= p.ends_on)
				AND (u.status = 'active' OR u.retired_on > p.ends_on)`
	);
}

/** The as-of-date rule: the versions in force on the period's last day. */
function figuresByVersions(db: Kysely<Database>) {
	return figuresOver(
		db,
		sql`SELECT p.id AS period_id, v.unit_id, v.kind, split_part(v.path, '/', 3) AS district
			FROM periods p JOIN unit_versions v ON v.level = 3
				AND v.valid_from <= p.ends_on AND p.ends_on < v.valid_to`
	);
}

describe('upgrading an install filled by the previous release', () => {
	it('starts from the release demo: 482 units, both campaigns, thousands of assessments', () => {
		const rows = (name: string) => Number(before.fingerprints.get(name)!.split(':')[0]);
		expect(before.units).toBe(482);
		expect(rows('campaigns')).toBe(2);
		expect(rows('assessments')).toBeGreaterThan(6000);
		expect(rows('recognitions')).toBeGreaterThan(300);
		expect(before.figures.length).toBeGreaterThan(400);
	});

	it('keeps every row of every table of the release, column for column', async () => {
		expect(await fingerprints(test.db, columns)).toEqual(before.fingerprints);
	});

	it('gives every unit one version from its establishment to its retirement, as it stands', async () => {
		expect(await count(test.db, 'unit_versions')).toBe(before.units);
		const { rows } = await sql<{ differing: number }>`
			SELECT count(*)::int AS differing FROM units u
			LEFT JOIN unit_versions v ON v.unit_id = u.id
			WHERE v.unit_id IS NULL
				OR v.valid_from <> coalesce(u.established_on, '-infinity')
				OR v.valid_to <> coalesce(u.retired_on, 'infinity')
				OR (v.code, v.name, v.type_vi, v.kind, v.level, v.path)
					IS DISTINCT FROM (u.code, u.name, u.type_vi, u.kind, u.level, u.path)
				OR v.parent_id IS DISTINCT FROM u.parent_id
		`.execute(test.db);
		expect(rows[0].differing).toBe(0);
	});

	it('counts the same units, recognitions and assessments in every period and district', async () => {
		expect(await figuresByVersions(test.db)).toEqual(before.figures);
	});

	it('shows the same figures on the province dashboard of every period of both campaigns', async () => {
		const root = (await findRootUnit(test.db))!;
		const campaigns = await test.db.selectFrom('campaigns').selectAll().execute();
		const shown: Figure[] = [];
		for (const campaign of campaigns as Campaign[]) {
			const periods = await test.db
				.selectFrom('periods')
				.select('label')
				.where('campaign_id', '=', campaign.id)
				.orderBy('starts_on')
				.execute();
			for (const { label } of periods) {
				const data = await loadDashboard(test.db, campaign, root, {
					period: label,
					level: 'official',
					today: TODAY
				});
				const figures = data.figures!;
				for (const row of [figures.total, ...figures.groups]) {
					shown.push({
						campaign: campaign.code,
						period: label,
						district: row.code,
						units: row.units,
						recognised: row.recognised,
						awaiting: row.awaiting,
						draft: row.draft,
						submitted: row.submitted,
						verified: row.verified,
						approved: row.approved,
						notStarted: row.notStarted,
						averageScore: row.averageScore
					});
				}
			}
		}
		const order = (figures: Figure[]) =>
			[...figures].sort(
				(a, b) =>
					a.campaign.localeCompare(b.campaign) ||
					a.period.localeCompare(b.period) ||
					(a.district ?? '').localeCompare(b.district ?? '')
			);
		expect(order(shown)).toEqual(order(before.figures));
	});

	it('resolves the addresses the release gave out to the same units', async () => {
		const quangTrung = await test.db
			.selectFrom('units')
			.select(['id', 'name'])
			.where('code', '=', '16681')
			.executeTakeFirstOrThrow();
		expect(quangTrung.name).toBe('Phường Quang Trung');
		expect(await resolveUnitCode(test.db, '16681', '2024-12-31')).toBe(quangTrung.id);
		expect(await resolveUnitCode(test.db, '16681', null)).toBe(quangTrung.id);
	});
});
