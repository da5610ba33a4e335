// A small world of the two blocks of the movement: a province with a commune and a ward, a school
// and an agency under the commune, a school under the ward; one campaign over all of them with a
// criteria set for the area audience and one for schools, two quarters, and a roadmap with the
// institution block's own target for 2026. Used by dashboard-blocks.test.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/lib/server/db/schema';
import { insertUnitsWithVersions } from '../../../src/lib/server/units/structure';

export const CAMPAIGN = 'PT-HAI-KHOI';
export const APPLIES_TO = ['ward', 'commune', 'agency', 'school'] as const;

/** Each audience's set: its groups and their criteria, 25 points each. */
const SETS: Record<'area' | 'school', Record<string, string[]>> = {
	area: { A: ['1.1', '1.2'], B: ['2.1', '2.2'] },
	school: { T: ['T.1', 'T.2'], U: ['U.1', 'U.2'] }
};

type Status = 'draft' | 'submitted' | 'approved';

/**
 * Each unit's assessments per quarter: status, the criteria it misses, and the decision date of a
 * recognition granted from it. The agency has none (no set for agencies in this world).
 */
const WORK: Record<
	string,
	{ period: string; status: Status; unmet: string[]; recognisedOn?: string }[]
> = {
	'16672': [
		{ period: '2026-Q2', status: 'submitted', unmet: ['2.2'] },
		{ period: '2026-Q3', status: 'approved', unmet: [], recognisedOn: '2026-09-25' }
	],
	'16681': [{ period: '2026-Q3', status: 'submitted', unmet: ['1.2', '2.2'] }],
	'TH-16672': [
		{ period: '2026-Q2', status: 'approved', unmet: ['U.2'], recognisedOn: '2026-06-20' },
		{ period: '2026-Q3', status: 'approved', unmet: ['U.2'] }
	],
	'TH-16681': [{ period: '2026-Q3', status: 'draft', unmet: ['T.1', 'T.2', 'U.2'] }]
};

const PERIODS = [
	{ label: '2026-Q2', starts_on: '2026-04-01', ends_on: '2026-06-30' },
	{ label: '2026-Q3', starts_on: '2026-07-01', ends_on: '2026-09-30' }
];

export async function buildBlocksWorld(db: Kysely<Database>) {
	const [province] = await insertUnitsWithVersions(db, [
		{
			code: '40',
			name: 'Tỉnh Nghệ An',
			type_vi: 'Tỉnh',
			kind: 'province',
			parent_id: null,
			level: 1,
			path: '/40/'
		}
	]);
	const [commune, ward] = await insertUnitsWithVersions(db, [
		{
			code: '16672',
			name: 'Xã Nghi Phú',
			type_vi: 'Xã',
			kind: 'commune',
			parent_id: province.id,
			level: 2,
			path: '/40/16672/'
		},
		{
			code: '16681',
			name: 'Phường Hưng Dũng',
			type_vi: 'Phường',
			kind: 'ward',
			parent_id: province.id,
			level: 2,
			path: '/40/16681/'
		}
	]);
	await insertUnitsWithVersions(db, [
		{
			code: 'TH-16672',
			name: 'Trường Tiểu học Nghi Phú',
			type_vi: 'Trường',
			kind: 'school',
			parent_id: commune.id,
			level: 3,
			path: '/40/16672/TH-16672/'
		},
		{
			code: 'CQ-16672',
			name: 'Bưu điện Nghi Phú',
			type_vi: 'Cơ quan',
			kind: 'agency',
			parent_id: commune.id,
			level: 3,
			path: '/40/16672/CQ-16672/'
		},
		{
			code: 'TH-16681',
			name: 'Trường THCS Hưng Dũng',
			type_vi: 'Trường',
			kind: 'school',
			parent_id: ward.id,
			level: 3,
			path: '/40/16681/TH-16681/'
		}
	]);
	const admin = await db
		.insertInto('users')
		.values({
			username: 'quantri',
			password_hash: 'x',
			role: 'province_admin',
			unit_id: province.id
		})
		.returning(['id', 'username', 'role'])
		.executeTakeFirstOrThrow();
	const campaign = await db
		.insertInto('campaigns')
		.values({
			code: CAMPAIGN,
			name_vi: 'Phong trào hai khối',
			name_en: 'Two-block movement',
			applies_to: [...APPLIES_TO],
			start_date: '2026-01-01',
			target_date: '2027-12-31',
			target_share: 0.9,
			min_score: 50,
			district_min_share: null
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	const sets = new Map<string, { id: number; criteria: { id: number; code: string }[] }>();
	for (const [audience, content] of Object.entries(SETS)) {
		const set = await db
			.insertInto('criteria_sets')
			.values({
				campaign_id: campaign.id,
				audience: audience as 'area' | 'school',
				version: 1,
				status: 'published',
				published_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const criteria: { id: number; code: string }[] = [];
		for (const [position, [code, codes]] of Object.entries(content).entries()) {
			const group = await db
				.insertInto('criteria_groups')
				.values({
					criteria_set_id: set.id,
					code,
					name_vi: `Nhóm ${code}`,
					name_en: `Group ${code}`,
					position: position + 1
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const rows = await db
				.insertInto('criteria')
				.values(
					codes.map((criterion, index) => ({
						criteria_set_id: set.id,
						group_id: group.id,
						code: criterion,
						title_vi: `Tiêu chí ${criterion}`,
						title_en: `Criterion ${criterion}`,
						type: 'boolean' as const,
						points: 25,
						position: index + 1
					}))
				)
				.returning(['id', 'code'])
				.execute();
			criteria.push(...rows);
		}
		sets.set(audience, { id: set.id, criteria });
	}
	const periods = new Map<string, number>();
	for (const period of PERIODS) {
		const { id } = await db
			.insertInto('periods')
			.values({
				campaign_id: campaign.id,
				label: period.label,
				kind: 'quarter',
				starts_on: period.starts_on,
				ends_on: period.ends_on,
				closes_at: new Date(`${period.ends_on}T23:59:59+07:00`),
				status: 'closed',
				criteria_set_id: sets.get('area')!.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		// The period's own set is the area's (copied by trigger); the schools' is a row of its own.
		await db
			.insertInto('period_criteria_sets')
			.values({
				period_id: id,
				campaign_id: campaign.id,
				audience: 'school',
				criteria_set_id: sets.get('school')!.id
			})
			.execute();
		periods.set(period.label, id);
	}
	for (const [code, work] of Object.entries(WORK)) {
		const unit = await db
			.selectFrom('units')
			.select(['id', 'kind'])
			.where('code', '=', code)
			.executeTakeFirstOrThrow();
		const set = sets.get(unit.kind === 'school' ? 'school' : 'area')!;
		for (const item of work) {
			const met = set.criteria.filter((criterion) => !item.unmet.includes(criterion.code));
			const at = new Date(
				`${PERIODS.find((p) => p.label === item.period)!.ends_on}T09:00:00+07:00`
			);
			const assessment = await db
				.insertInto('assessments')
				.values({
					unit_id: unit.id,
					campaign_id: campaign.id,
					period_id: periods.get(item.period)!,
					criteria_set_id: set.id,
					status: item.status,
					score: met.length * 25,
					met_count: met.length,
					criteria_count: set.criteria.length,
					mandatory_met: true,
					eligible: met.length * 25 >= 50,
					unmet_codes: item.unmet,
					submitted_at: item.status === 'draft' ? null : at,
					verified_at: item.status === 'approved' ? at : null,
					approved_at: item.status === 'approved' ? at : null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('criterion_results')
				.values(
					set.criteria.map((criterion) => ({
						assessment_id: assessment.id,
						criterion_id: criterion.id,
						value_boolean: !item.unmet.includes(criterion.code),
						met: !item.unmet.includes(criterion.code)
					}))
				)
				.execute();
			if (item.recognisedOn)
				await db
					.insertInto('recognitions')
					.values({
						unit_id: unit.id,
						campaign_id: campaign.id,
						assessment_id: assessment.id,
						decision_number: `${code}/QĐ-CAT`,
						decision_date: item.recognisedOn
					})
					.execute();
		}
	}
	await db
		.insertInto('roadmap_targets')
		.values([
			{ campaign_id: campaign.id, year: 2026, unit_id: null, block: null, share: 0.4 },
			{ campaign_id: campaign.id, year: 2027, unit_id: null, block: null, share: 0.9 },
			{ campaign_id: campaign.id, year: 2026, unit_id: null, block: 'institution', share: 0.2 }
		])
		.execute();
	return { campaign, province, admin: { ...admin, scopePath: '/40/', ip: '203.0.113.9' } };
}
