// The end-to-end server: a fresh, seeded database for every run, the figures the tests will look
// for read straight from it, then the built app. The demo stands after 01/07/2025: 130 units under
// the province, grouped on the dashboards by the former districts' areas.
import { rmSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { configFromEnv, createDatabase } from '../../src/lib/server/db/connect';
import { prepareDatabase, recreatePostgresDatabase } from '../../scripts/lib/database';
import { buildIfNeeded, serve } from '../../scripts/lib/serve';
import { evidenceStoreFor } from '../../src/lib/server/evidence/store';
import { createUser } from '../../src/lib/server/users/service';
import { findAreaByRef } from '../../src/lib/server/areas/repository';
import { prepareSchool } from './support/school';
import { prepareWorkflow } from './support/workflow';
import {
	DISTRICT_ADMIN,
	DISTRICT_ADMIN_UNIT,
	DISTRICT_LEADER,
	DISTRICT_LEADER_AREA,
	e2eDir,
	expectedFiguresFile,
	TEMPORARY_PASSWORD,
	TEMPORARY_USER,
	type ExpectedFigures
} from './support/paths';

buildIfNeeded();
rmSync(e2eDir, { recursive: true, force: true });
mkdirSync(e2eDir, { recursive: true });
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(e2eDir, 'data') };
delete env.DATABASE_URL;
if (process.env.TEST_DATABASE_URL) {
	env.DATABASE_URL = await recreatePostgresDatabase(process.env.TEST_DATABASE_URL, 'kieumau_e2e');
}

const db = createDatabase(configFromEnv(env));
try {
	await prepareDatabase(db, { log: () => {} });
	// A user who must replace a temporary password, for the gate's tests.
	await createUser(db, null, {
		username: TEMPORARY_USER,
		role: 'ward_officer',
		unitCode: '17920',
		displayName: 'Cán bộ mật khẩu tạm',
		password: TEMPORARY_PASSWORD,
		mustChangePassword: true
	});
	await createUser(db, null, {
		username: DISTRICT_LEADER,
		role: 'leader',
		unitCode: '40',
		displayName: 'Lãnh đạo địa bàn Thành phố Vinh cũ',
		password: 'kieumau-demo'
	});
	const area = await findAreaByRef(db, DISTRICT_LEADER_AREA);
	await db
		.updateTable('users')
		.set({ area_id: area!.id })
		.where('username', '=', DISTRICT_LEADER)
		.execute();
	await createUser(db, null, {
		username: DISTRICT_ADMIN,
		role: 'province_admin',
		unitCode: DISTRICT_ADMIN_UNIT,
		displayName: 'Quản trị Thành phố Vinh',
		password: 'kieumau-demo'
	});
	await prepareWorkflow(db, evidenceStoreFor(env));
	await prepareSchool(db);
	// The open period's groups: the areas of the set valid at its end (the former districts), each
	// with the units in force then of the campaign's kinds, members and units under them, and those
	// recognised now.
	const { rows } = await sql<{
		campaign: string;
		period: string;
		code: string;
		name: string;
		units: number;
		recognised: number;
	}>`
		SELECT c.code AS campaign, p.label AS period, a.code, a.name,
			count(v.unit_id)::int AS units,
			count(v.unit_id) FILTER (WHERE EXISTS (SELECT 1 FROM recognitions r
				WHERE r.unit_id = v.unit_id AND r.campaign_id = c.id AND r.revoked_at IS NULL))::int
				AS recognised
		FROM campaigns c
		JOIN periods p ON p.campaign_id = c.id AND p.status = 'open'
		JOIN area_sets s ON s.valid_from <= p.ends_on AND p.ends_on < s.valid_to
		JOIN areas a ON a.area_set_id = s.id
		LEFT JOIN area_members m ON m.area_id = a.id
		LEFT JOIN unit_versions mv ON mv.unit_id = m.unit_id
			AND mv.valid_from <= p.ends_on AND p.ends_on < mv.valid_to
		-- A member and the units under it (the movement's schools, agencies and enterprises).
		LEFT JOIN unit_versions v ON v.path LIKE mv.path || '%' AND v.kind = ANY (c.applies_to)
			AND v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
		GROUP BY c.code, p.label, a.code, a.name
		ORDER BY c.code, a.code
	`.execute(db);
	const expected: ExpectedFigures = {};
	for (const row of rows) {
		expected[row.campaign] ??= { period: row.period, firstLook: row.period, districts: [] };
		const { code, name, units, recognised } = row;
		expected[row.campaign].districts.push({ code, name, units, recognised });
	}
	// The period each campaign's dashboard opens on: the latest in which at least half of the units
	// in force at its end have a submitted, verified or approved assessment.
	const { rows: progress } = await sql<{ campaign: string; period: string }>`
		SELECT DISTINCT ON (c.code) c.code AS campaign, p.label AS period
		FROM campaigns c
		JOIN periods p ON p.campaign_id = c.id
		JOIN unit_versions v ON v.kind = ANY (c.applies_to)
			AND v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
		LEFT JOIN assessments a ON a.unit_id = v.unit_id AND a.period_id = p.id
			AND a.status IN ('submitted', 'verified', 'approved')
		GROUP BY c.code, p.label, p.starts_on
		HAVING 2 * count(a.id) >= count(*)
		ORDER BY c.code, p.starts_on DESC
	`.execute(db);
	for (const row of progress) expected[row.campaign].firstLook = row.period;
	writeFileSync(expectedFiguresFile, JSON.stringify(expected, null, '\t'));
} finally {
	await db.destroy();
}
const { url } = await serve(env);
console.log(`e2e server ready at ${url}`);
