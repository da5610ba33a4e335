// Data the school specs start from, prepared by the e2e server: the school of the demo's
// `officer.school`, with no assessment in the movement campaign's open period, the criteria of the
// schools' set that period names, and the institution block's figures before the flow.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/lib/server/db/schema';
import { e2eDir } from './paths';
import { passing } from './workflow';

export const MOVEMENT = 'PT-TDBVANTQ';
export const SCHOOL_OFFICER = 'officer.school';

export interface SchoolFixtures {
	period: string;
	unit: { code: string; name: string };
	criteria: {
		code: string;
		title: string;
		type: string;
		passing: string;
		evidenceRequired: boolean;
	}[];
	/** The institution block in the open period: units counted and recognised, before the flow. */
	block: { units: number; recognised: number };
}

const fixturesFile = path.join(e2eDir, 'school.json');

export function readSchoolFixtures(): SchoolFixtures {
	return JSON.parse(readFileSync(fixturesFile, 'utf8')) as SchoolFixtures;
}

export async function prepareSchool(db: Kysely<Database>) {
	const school = await db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.select(['units.id', 'units.code', 'units.name'])
		.where('users.username', '=', SCHOOL_OFFICER)
		.executeTakeFirstOrThrow();
	const period = await db
		.selectFrom('periods')
		.innerJoin('campaigns', 'campaigns.id', 'periods.campaign_id')
		.innerJoin('period_criteria_sets as s', (join) =>
			join.onRef('s.period_id', '=', 'periods.id').on('s.audience', '=', 'school')
		)
		.select(['periods.id', 'periods.label', 'periods.campaign_id', 's.criteria_set_id'])
		.where('campaigns.code', '=', MOVEMENT)
		.where('periods.status', '=', 'open')
		.executeTakeFirstOrThrow();
	await db
		.deleteFrom('recognitions')
		.where('campaign_id', '=', period.campaign_id)
		.where('unit_id', '=', school.id)
		.execute();
	await db
		.deleteFrom('assessments')
		.where('period_id', '=', period.id)
		.where('unit_id', '=', school.id)
		.execute();
	const criteria = await db
		.selectFrom('criteria')
		.innerJoin('criteria_groups', 'criteria_groups.id', 'criteria.group_id')
		.select([
			'criteria.code',
			'criteria.title_vi',
			'type',
			'comparator',
			'target_number',
			'target_rating',
			'evidence_required'
		])
		.where('criteria.criteria_set_id', '=', period.criteria_set_id)
		.orderBy('criteria_groups.position')
		.orderBy('criteria.position')
		.execute();
	// Plain SQL: the block's units in force at the period's end, and those recognised now.
	const { rows } = await sql<{ units: number; recognised: number }>`
		SELECT count(*)::int AS units,
			count(*) FILTER (WHERE EXISTS (SELECT 1 FROM recognitions r
				WHERE r.unit_id = v.unit_id AND r.campaign_id = p.campaign_id
					AND r.revoked_at IS NULL))::int AS recognised
		FROM periods p
		JOIN unit_versions v ON v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
		WHERE p.id = ${period.id} AND v.kind IN ('agency', 'enterprise', 'school')
	`.execute(db);
	const fixtures: SchoolFixtures = {
		period: period.label,
		unit: { code: school.code, name: school.name },
		criteria: criteria.map((c) => ({
			code: c.code,
			title: c.title_vi,
			type: c.type,
			passing: passing(c),
			evidenceRequired: c.evidence_required
		})),
		block: rows[0]
	};
	writeFileSync(fixturesFile, JSON.stringify(fixtures, null, '\t'));
}
