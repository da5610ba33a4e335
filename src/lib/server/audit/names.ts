// The names and places of what a page of audit entries is about (an assessment's campaign, unit
// and period, a criterion's code and title, a user's name…), looked up in one query per kind of
// object, whatever the number of entries.
import type { Kysely } from 'kysely';
import {
	collectAuditRefs,
	entryCriterion,
	type AuditNames,
	type CriterionName,
	type SetPlace
} from '../../domain/audit-entry';
import type { Database } from '../db/schema';
import type { AuditRow } from './repository';

type Db = Kysely<Database>;

const byKey = <T, V>(rows: T[], key: (row: T) => string | number, value: (row: T) => V) =>
	Object.fromEntries(rows.map((row) => [key(row), value(row)]));

/** Nothing to look up: no query at all. */
const none = <T>(): Promise<T[]> => Promise.resolve([]);

async function assessmentNames(db: Db, entries: readonly AuditRow[], ids: number[]) {
	if (ids.length === 0) return {};
	const rows = await db
		.selectFrom('assessments')
		.innerJoin('campaigns', 'campaigns.id', 'assessments.campaign_id')
		.innerJoin('units', 'units.id', 'assessments.unit_id')
		.innerJoin('periods', 'periods.id', 'assessments.period_id')
		.select([
			'assessments.id',
			'assessments.criteria_set_id',
			'campaigns.code as campaign',
			'units.code as unitCode',
			'units.name as unitName',
			'periods.label as period'
		])
		.where('assessments.id', 'in', ids)
		.execute();
	const codes = [
		...new Set(entries.map(entryCriterion).filter((code): code is string => code !== null))
	];
	const setIds = [...new Set(rows.map((row) => row.criteria_set_id))];
	const criteria =
		codes.length === 0 || setIds.length === 0
			? []
			: await db
					.selectFrom('criteria')
					.select([
						'criteria_set_id',
						'code',
						'title_vi',
						'title_en',
						'type',
						'comparator',
						'target_number',
						'target_rating'
					])
					.where('criteria_set_id', 'in', setIds)
					.where('code', 'in', codes)
					.execute();
	return byKey(
		rows,
		(row) => Number(row.id),
		(row) => ({
			campaign: row.campaign,
			unitCode: row.unitCode,
			unitName: row.unitName,
			period: row.period,
			criteria: byKey(
				criteria.filter((criterion) => criterion.criteria_set_id === row.criteria_set_id),
				(criterion) => criterion.code,
				(criterion): CriterionName => ({
					code: criterion.code,
					title_vi: criterion.title_vi,
					title_en: criterion.title_en,
					type: criterion.type,
					comparator: criterion.comparator,
					targetNumber: criterion.target_number === null ? null : Number(criterion.target_number),
					targetRating: criterion.target_rating
				})
			)
		})
	);
}

/** The names of everything a page of entries is about; what no longer exists is left out. */
export async function loadAuditNames(db: Db, entries: readonly AuditRow[]): Promise<AuditNames> {
	const refs = collectAuditRefs(entries);
	const setPlace = (row: { campaign: string; audience?: string; version: number }) => ({
		campaign: row.campaign,
		audience: row.audience,
		version: row.version
	});
	const [assessments, campaigns, criteria, groups, sets, users, areaSets, decisions, units] =
		await Promise.all([
			assessmentNames(db, entries, refs.assessments),
			refs.campaigns.length === 0
				? none<{ code: string; name_vi: string; name_en: string }>()
				: db
						.selectFrom('campaigns')
						.select(['code', 'name_vi', 'name_en'])
						.where('code', 'in', refs.campaigns)
						.execute(),
			refs.criteria.length === 0
				? none<{ id: number; code: string; title_vi: string; title_en: string } & SetPlace>()
				: db
						.selectFrom('criteria')
						.innerJoin('criteria_sets', 'criteria_sets.id', 'criteria.criteria_set_id')
						.innerJoin('campaigns', 'campaigns.id', 'criteria_sets.campaign_id')
						.select([
							'criteria.id',
							'criteria.code',
							'criteria.title_vi',
							'criteria.title_en',
							'campaigns.code as campaign',
							'criteria_sets.audience',
							'criteria_sets.version'
						])
						.where('criteria.id', 'in', refs.criteria)
						.execute(),
			refs.groups.length === 0
				? none<{ id: number; code: string; name_vi: string; name_en: string } & SetPlace>()
				: db
						.selectFrom('criteria_groups')
						.innerJoin('criteria_sets', 'criteria_sets.id', 'criteria_groups.criteria_set_id')
						.innerJoin('campaigns', 'campaigns.id', 'criteria_sets.campaign_id')
						.select([
							'criteria_groups.id',
							'criteria_groups.code',
							'criteria_groups.name_vi',
							'criteria_groups.name_en',
							'campaigns.code as campaign',
							'criteria_sets.audience',
							'criteria_sets.version'
						])
						.where('criteria_groups.id', 'in', refs.groups)
						.execute(),
			refs.sets.length === 0
				? none<{ id: number } & SetPlace>()
				: db
						.selectFrom('criteria_sets')
						.innerJoin('campaigns', 'campaigns.id', 'criteria_sets.campaign_id')
						.select([
							'criteria_sets.id',
							'campaigns.code as campaign',
							'criteria_sets.audience',
							'criteria_sets.version'
						])
						.where('criteria_sets.id', 'in', refs.sets)
						.execute(),
			refs.users.length === 0
				? none<{ id: number; username: string; display_name: string }>()
				: db
						.selectFrom('users')
						.select(['id', 'username', 'display_name'])
						.where('id', 'in', refs.users)
						.execute(),
			refs.areaSets.length === 0
				? none<{ code: string; name_vi: string; name_en: string }>()
				: db
						.selectFrom('area_sets')
						.select(['code', 'name_vi', 'name_en'])
						.where('code', 'in', refs.areaSets)
						.execute(),
			refs.decisions.length === 0
				? none<{ id: number; decision_number: string; decision_date: string; campaign: string }>()
				: db
						.selectFrom('recognition_decisions')
						.innerJoin('campaigns', 'campaigns.id', 'recognition_decisions.campaign_id')
						.select([
							'recognition_decisions.id',
							'recognition_decisions.decision_number',
							'recognition_decisions.decision_date',
							'campaigns.code as campaign'
						])
						.where('recognition_decisions.id', 'in', refs.decisions)
						.execute(),
			refs.units.length === 0
				? none<{ code: string; name: string; status: string }>()
				: db
						.selectFrom('units')
						.select(['code', 'name', 'status'])
						.where('code', 'in', refs.units)
						// A code a retired unit once held reads as the unit holding it now.
						.orderBy('status', 'desc')
						.execute()
		]);
	return {
		assessments,
		campaigns: byKey(
			campaigns,
			(row) => row.code,
			({ name_vi, name_en }) => ({ name_vi, name_en })
		),
		criteria: byKey(
			criteria,
			(row) => Number(row.id),
			(row) => ({
				code: row.code,
				title_vi: row.title_vi,
				title_en: row.title_en,
				...setPlace(row)
			})
		),
		groups: byKey(
			groups,
			(row) => Number(row.id),
			(row) => ({ code: row.code, name_vi: row.name_vi, name_en: row.name_en, ...setPlace(row) })
		),
		sets: byKey(sets, (row) => Number(row.id), setPlace),
		users: byKey(
			users,
			(row) => Number(row.id),
			({ username, display_name }) => ({ username, display_name })
		),
		areaSets: byKey(
			areaSets,
			(row) => row.code,
			({ name_vi, name_en }) => ({ name_vi, name_en })
		),
		decisions: byKey(
			decisions,
			(row) => Number(row.id),
			(row) => ({
				number: row.decision_number,
				date: String(row.decision_date).slice(0, 10),
				campaign: row.campaign
			})
		),
		units: byKey(
			units,
			(row) => row.code,
			(row) => row.name
		)
	};
}
