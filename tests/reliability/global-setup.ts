// Once per run of the reliability tests: the build, and the seeded template every test copies.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { prepareDatabase } from '../../scripts/lib/database';
import { buildIfNeeded } from '../../scripts/lib/serve';
import { createDatabase } from '../../src/lib/server/db/connect';
import {
	databaseUrl,
	kind,
	onServer,
	TEMPLATE_DATABASE,
	templateDir,
	workDir,
	type Officer
} from './helpers/data';

export default async function setup() {
	buildIfNeeded();
	rmSync(workDir, { recursive: true, force: true });
	mkdirSync(templateDir, { recursive: true });
	if (kind === 'postgres') {
		await onServer(async (client) => {
			await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
			await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
		});
	}
	const db = createDatabase(
		kind === 'postgres'
			? { url: databaseUrl(TEMPLATE_DATABASE), poolSize: 2 }
			: { dataDir: path.join(templateDir, 'pglite') }
	);
	try {
		await prepareDatabase(db, { seed: true, log: () => {} });
		const { rows } = await sql<Officer>`
			SELECT u.username,
				'/campaigns/' || c.code || '/units/' || un.code || '/periods/' || p.label AS page,
				(SELECT cr.code FROM criteria cr WHERE cr.criteria_set_id = p.criteria_set_id
					ORDER BY cr.position, cr.id LIMIT 1) AS criterion
			FROM users u
			JOIN units un ON un.id = u.unit_id
			JOIN campaigns c ON un.kind = ANY (c.applies_to)
			JOIN periods p ON p.campaign_id = c.id AND p.status = 'open' AND p.closes_at > now()
			LEFT JOIN assessments a ON a.unit_id = un.id AND a.period_id = p.id
			WHERE u.role = 'ward_officer' AND u.active AND NOT u.must_change_password
				AND (a.id IS NULL OR a.status IN ('draft', 'returned'))
			ORDER BY u.username, c.code
		`.execute(db);
		// One page per officer and one officer per page: no two save into the same assessment.
		const seen = new Set<string>();
		const officers = rows.filter((row) => {
			if (seen.has(row.username) || seen.has(row.page)) return false;
			seen.add(row.username).add(row.page);
			return true;
		});
		writeFileSync(path.join(workDir, 'officers.json'), JSON.stringify(officers, null, '\t'));
	} finally {
		await db.destroy();
	}
	// The template goes when the run ends (a folder's copy goes with TMPDIR).
	return async () => {
		if (kind === 'postgres') {
			await onServer((client) =>
				client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`)
			);
		}
	};
}
