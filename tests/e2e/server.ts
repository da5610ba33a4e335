// The end-to-end server: a fresh, seeded database for every run, the figures the tests will look
// for read straight from it, then the built app.
import { rmSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { configFromEnv, createDatabase } from '../../src/lib/server/db/connect';
import { prepareDatabase, recreatePostgresDatabase } from '../../scripts/lib/database';
import { buildIfNeeded, serve } from '../../scripts/lib/serve';
import { evidenceStoreFor } from '../../src/lib/server/evidence/store';
import { createUser } from '../../src/lib/server/users/service';
import { prepareWorkflow } from './support/workflow';
import {
	DISTRICT_ADMIN,
	DISTRICT_LEADER,
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
		unitCode: '16675',
		displayName: 'Cán bộ mật khẩu tạm',
		password: TEMPORARY_PASSWORD,
		mustChangePassword: true
	});
	await createUser(db, null, {
		username: DISTRICT_LEADER,
		role: 'leader',
		unitCode: '412',
		displayName: 'Lãnh đạo Thành phố Vinh',
		password: 'kieumau-demo'
	});
	await createUser(db, null, {
		username: DISTRICT_ADMIN,
		role: 'province_admin',
		unitCode: '412',
		displayName: 'Quản trị Thành phố Vinh',
		password: 'kieumau-demo'
	});
	await prepareWorkflow(db, evidenceStoreFor(env));
	const { rows } = await sql<{
		campaign: string;
		period: string;
		code: string;
		name: string;
		units: number;
		recognised: number;
	}>`
		SELECT c.code AS campaign, p.label AS period, d.code, d.name,
			count(u.id)::int AS units,
			count(u.id) FILTER (WHERE EXISTS (SELECT 1 FROM recognitions r
				WHERE r.unit_id = u.id AND r.campaign_id = c.id AND r.revoked_at IS NULL))::int AS recognised
		FROM campaigns c
		JOIN periods p ON p.campaign_id = c.id AND p.status = 'open'
		CROSS JOIN units d
		LEFT JOIN units u ON u.parent_id = d.id AND u.kind = ANY (c.applies_to)
		WHERE d.level = 2
		GROUP BY c.code, p.label, d.code, d.name
		ORDER BY c.code, d.code
	`.execute(db);
	const expected: ExpectedFigures = {};
	for (const row of rows) {
		expected[row.campaign] ??= { period: row.period, districts: [] };
		const { code, name, units, recognised } = row;
		expected[row.campaign].districts.push({ code, name, units, recognised });
	}
	writeFileSync(expectedFiguresFile, JSON.stringify(expected, null, '\t'));
} finally {
	await db.destroy();
}
const { url } = await serve(env);
console.log(`e2e server ready at ${url}`);
