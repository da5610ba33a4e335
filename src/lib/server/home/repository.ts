// The home page's to-do queries: an officer's open periods with the unit's assessment in each.
import { sql, type Kysely } from 'kysely';
import { periodHasSetFor } from '../periods/audience-sql';
import type { OfficerPeriod } from '../../domain/todo';
import type { Database } from '../db/schema';
import { inForceOn } from '../units/structure';

type Db = Kysely<Database>;

/**
 * Every period of every campaign that applies to the unit's kind and still takes work from it now
 * (open, or closed with an extension that has not run out), where the unit is in force on the
 * period's last day, with the unit's assessment in it if any.
 */
export async function listOfficerPeriods(
	db: Db,
	unitId: number,
	now: Date
): Promise<OfficerPeriod[]> {
	const rows = await db
		.selectFrom('periods as p')
		.innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
		.innerJoin('units as u', (join) => join.on('u.id', '=', unitId))
		.leftJoin('period_extensions as e', (join) =>
			join.onRef('e.period_id', '=', 'p.id').on('e.unit_id', '=', unitId)
		)
		.leftJoin('assessments as a', (join) =>
			join.onRef('a.period_id', '=', 'p.id').on('a.unit_id', '=', unitId)
		)
		.select([
			'c.code as campaignCode',
			'p.label as period',
			'p.status as periodStatus',
			'p.closes_at as closesAt',
			'e.until as extensionUntil',
			'a.status',
			'a.submitted_at as submittedAt',
			'a.returned_at as returnedAt',
			'a.return_reason as returnReason'
		])
		.where(sql<boolean>`u.kind = ANY (c.applies_to)`)
		.where(periodHasSetFor('p.id', 'u.kind'))
		.where((eb) => eb.or([eb('p.status', '=', 'open'), eb('e.until', '>=', now)]))
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('unit_versions as v')
					.select('v.unit_id')
					.where('v.unit_id', '=', unitId)
					.where(inForceOn('v', sql`p.ends_on`))
			)
		)
		.orderBy('c.start_date')
		.orderBy('p.starts_on')
		.execute();
	return rows.map((row) => ({
		...row,
		closesAt: new Date(row.closesAt),
		extensionUntil: row.extensionUntil === null ? null : new Date(row.extensionUntil),
		submittedAt: row.submittedAt === null ? null : new Date(row.submittedAt),
		returnedAt: row.returnedAt === null ? null : new Date(row.returnedAt),
		returnReason: row.returnReason || null
	}));
}
