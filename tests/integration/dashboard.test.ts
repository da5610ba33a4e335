import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPeriod, listPeriods } from '../../src/lib/server/campaigns/repository';
import { kindsOfBlock } from '../../src/lib/domain/audiences';
import { loadGroupFigures } from '../../src/lib/server/dashboard/repository';
import { loadDashboard } from '../../src/lib/server/dashboard/service';
import { retireUnitOn } from '../../src/lib/server/units/changes';
import { findCampaignRoot } from '../../src/lib/server/units/repository';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase } from './helpers/fixtures';

let test: TestDatabase;

beforeAll(async () => {
	test = await createSeededDatabase();
});
afterAll(() => test.drop());

async function campaignAndPeriod(code: string, label?: string) {
	const campaign = await test.db
		.selectFrom('campaigns')
		.selectAll()
		.where('code', '=', code)
		.executeTakeFirstOrThrow();
	const periods = await listPeriods(test.db, campaign.id);
	const period = label
		? periods.find((candidate) => candidate.label === label)!
		: defaultPeriod(periods, '2026-11-27')!;
	const root = (await findCampaignRoot(test.db, campaign.id))!;
	return { campaign, period, root };
}

/**
 * The same figures the simple way: each unit as it stood on the period's last day (its version in
 * force then), counted under the segment of its path of that day below the province: the district
 * before 01/07/2025, the unit itself after (the districts are gone, the units sit under 40).
 */
async function expectedByDistrict(campaignId: number, periodId: number, endsOn: string) {
	const { rows } = await sql<{
		code: string;
		units: number;
		recognised: number;
		awaiting: number;
		assessed: number;
		total_score: number;
	}>`
		SELECT split_part(v.path, '/', 3) AS code,
			count(*)::int AS units,
			count(*) FILTER (WHERE EXISTS (
				SELECT 1 FROM recognitions r WHERE r.unit_id = v.unit_id AND r.campaign_id = ${campaignId}
					AND r.decision_date <= ${endsOn}::date
					AND (r.revoked_at IS NULL OR r.revoked_at >= (${endsOn}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
			))::int AS recognised,
			-- Approved under a decision after the period: still awaiting as the period ended.
			count(*) FILTER (WHERE a.eligible AND (a.status IN ('submitted', 'verified')
				OR (a.status = 'approved' AND EXISTS (SELECT 1 FROM recognitions x
					WHERE x.unit_id = v.unit_id AND x.campaign_id = ${campaignId}
						AND x.decision_date > ${endsOn}::date AND x.revoked_at IS NULL)))
				AND NOT EXISTS (
				SELECT 1 FROM recognitions r WHERE r.unit_id = v.unit_id AND r.campaign_id = ${campaignId}
					AND r.decision_date <= ${endsOn}::date
					AND (r.revoked_at IS NULL OR r.revoked_at >= (${endsOn}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
			))::int AS awaiting,
			count(a.id) FILTER (WHERE a.status <> 'draft')::int AS assessed,
			coalesce(sum(a.score) FILTER (WHERE a.status <> 'draft'), 0)::float8 AS total_score
		FROM unit_versions v
		JOIN campaigns c ON c.id = ${campaignId} AND v.kind = ANY (c.applies_to)
		LEFT JOIN assessments a ON a.unit_id = v.unit_id AND a.period_id = ${periodId}
		WHERE v.valid_from <= ${endsOn}::date AND ${endsOn}::date < v.valid_to
			AND v.path LIKE '/40/%'
		GROUP BY split_part(v.path, '/', 3)
	`.execute(test.db);
	return rows;
}

describe('province dashboard figures', () => {
	// The rows are the province's children on the period's last day: the 21 districts of 2023, or
	// after 01/07/2025 the 130 communes and wards straight under the province.
	it.each([
		['PT-TDBVANTQ', undefined, 130, 130],
		['PT-TDBVANTQ', '2025-Q4', 130, 130],
		['PT-TDBVANTQ', '2024-Q4', 21, 460],
		['CAP-DHKM', undefined, 130, 11],
		['CAP-DHKM', '2024-Q2', 21, 32]
	])('agree with direct SQL for %s, period %s', async (code, label, rows, communes) => {
		const { campaign, period, root } = await campaignAndPeriod(code, label);
		const figures = await loadGroupFigures(test.db, {
			campaignId: campaign.id,
			kinds: campaign.applies_to,
			periodId: period.id,
			root,
			// Assessed and the average count what was submitted, verified or approved.
			level: 'provisional'
		});
		const groups = figures.filter((row) => row.code !== null);
		const total = figures.find((row) => row.code === null)!;
		expect(groups).toHaveLength(rows);
		const expected = await expectedByDistrict(campaign.id, period.id, period.ends_on);
		for (const row of expected) {
			const group = groups.find((candidate) => candidate.code === row.code)!;
			expect(group).toMatchObject({
				units: row.units,
				recognised: row.recognised,
				awaiting: row.awaiting,
				assessed: row.assessed
			});
			if (row.assessed > 0) {
				expect(group.averageScore).toBeCloseTo(row.total_score / row.assessed, 1);
			}
		}
		const sum = (key: 'units' | 'recognised' | 'awaiting' | 'assessed') =>
			groups.reduce((acc, row) => acc + row[key], 0);
		expect(total).toMatchObject({
			units: sum('units'),
			recognised: sum('recognised'),
			awaiting: sum('awaiting'),
			assessed: sum('assessed')
		});
		expect(expected.reduce((acc, row) => acc + row.units, 0)).toBe(total.units);
		// The communes' block counts the map's communes, wards and townships; the movement's schools,
		// agencies and enterprises come on top of them.
		const area = await loadGroupFigures(test.db, {
			campaignId: campaign.id,
			kinds: kindsOfBlock(campaign.applies_to, 'area'),
			periodId: period.id,
			root,
			level: 'provisional'
		});
		expect(area.find((row) => row.code === null)!.units).toBe(communes);
		const institutions = total.units - communes;
		if (code === 'PT-TDBVANTQ') expect(institutions).toBeGreaterThan(0);
		else expect(institutions).toBe(0);
	});

	it('counts a recognition revoked before the end of a period as not recognised', async () => {
		const { campaign, period, root } = await campaignAndPeriod('CAP-DHKM');
		const before = await loadGroupFigures(test.db, {
			campaignId: campaign.id,
			kinds: campaign.applies_to,
			periodId: period.id,
			root,
			level: 'official'
		});
		const standing = await test.db
			.selectFrom('recognitions')
			.select(['id', 'unit_id'])
			.where('campaign_id', '=', campaign.id)
			.where('revoked_at', 'is', null)
			.where('decision_date', '<=', period.ends_on)
			// A unit the period counts: recognitions stay with retired units, which it does not.
			.where('unit_id', 'in', (eb) =>
				eb.selectFrom('units').select('id').where('status', '=', 'active')
			)
			.executeTakeFirstOrThrow();
		await test.db
			.updateTable('recognitions')
			.set({ revoked_at: new Date('2026-11-20T09:00:00+07:00'), revoke_reason: 'Kiểm tra' })
			.where('id', '=', standing.id)
			.execute();
		const after = await loadGroupFigures(test.db, {
			campaignId: campaign.id,
			kinds: campaign.applies_to,
			periodId: period.id,
			root,
			level: 'official'
		});
		const totalOf = (rows: typeof before) => rows.find((row) => row.code === null)!.recognised;
		expect(totalOf(after)).toBe(totalOf(before) - 1);
	});

	it('counts a unit retired after a period in that period, not in later ones', async () => {
		const { campaign, root } = await campaignAndPeriod('PT-TDBVANTQ');
		const periods = await listPeriods(test.db, campaign.id);
		const past = periods.find((period) => period.label === '2025-Q4')!;
		const current = periods.find((period) => period.status === 'open')!;
		const totalUnits = async (periodId: number) =>
			(
				await loadGroupFigures(test.db, {
					campaignId: campaign.id,
					kinds: campaign.applies_to,
					periodId,
					root,
					level: 'official'
				})
			).find((row) => row.code === null)!.units;
		const [pastBefore, currentBefore] = [await totalUnits(past.id), await totalUnits(current.id)];
		const unit = await test.db
			.selectFrom('units')
			.select(['id', 'code'])
			.where('code', '=', '16702')
			// Phường Vinh Phú since 01/07/2025 (the code's earlier holder, Nghi Phú, retired then).
			.where('status', '=', 'active')
			.executeTakeFirstOrThrow();
		// The ward and the units under it (its schools) in force at the current period's end.
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM unit_versions v, units u
			WHERE u.id = ${unit.id} AND v.path LIKE u.path || '%'
				AND v.valid_from <= ${current.ends_on}::date AND ${current.ends_on}::date < v.valid_to
		`.execute(test.db);
		expect(rows[0].n).toBeGreaterThan(1);
		await test.db
			.transaction()
			.execute((trx) => retireUnitOn(trx, { actor: null }, unit, '2026-07-01'));
		expect(await totalUnits(past.id)).toBe(pastBefore);
		expect(await totalUnits(current.id)).toBe(currentBefore - rows[0].n);
	});
});

describe('the first look', () => {
	/** Each period's units in force at its end and those with work sent, by plain SQL. */
	async function progressOf(campaignId: number) {
		const { rows } = await sql<{ label: string; status: string; units: number; sent: number }>`
			SELECT p.label, p.status, count(*)::int AS units, count(a.id)::int AS sent
			FROM periods p
			JOIN campaigns c ON c.id = p.campaign_id
			JOIN unit_versions v ON v.kind = ANY (c.applies_to)
				AND v.valid_from <= p.ends_on AND p.ends_on < v.valid_to
			LEFT JOIN assessments a ON a.unit_id = v.unit_id AND a.period_id = p.id
				AND a.status IN ('submitted', 'verified', 'approved')
			WHERE p.campaign_id = ${campaignId}
			GROUP BY p.label, p.status, p.starts_on
			ORDER BY p.starts_on
		`.execute(test.db);
		return rows;
	}

	async function expectFirstLook(code: string) {
		const { campaign, root } = await campaignAndPeriod(code);
		const rows = await progressOf(campaign.id);
		const chosen = rows.filter((row) => row.units > 0 && 2 * row.sent >= row.units).at(-1)!;
		const open = rows.find((row) => row.status === 'open')!;
		const data = await loadDashboard(test.db, campaign, root, {
			period: null,
			level: 'official',
			today: '2026-11-27'
		});
		expect(data.period?.label).toBe(chosen.label);
		expect(data.period?.firstLook).toEqual(
			chosen.label === open.label
				? null
				: {
						sent: chosen.sent,
						units: chosen.units,
						open: { label: open.label, sent: open.sent, units: open.units }
					}
		);
		// An address that names the period shows it, with no note.
		const named = await loadDashboard(test.db, campaign, root, {
			period: open.label,
			level: 'official'
		});
		expect(named.period?.firstLook).toBeNull();
		return { chosen: chosen.label, open: open.label };
	}

	it('opens on the latest period in which half of the units sent their work', async () => {
		const { chosen, open } = await expectFirstLook('CAP-DHKM');
		// The demo's wards campaign: fewer than half of the 11 wards have sent the open quarter.
		expect(chosen).not.toBe(open);
		await expectFirstLook('PT-TDBVANTQ');
	});

	it('moves to the open period once half of its units have sent their work', async () => {
		const { campaign } = await campaignAndPeriod('CAP-DHKM');
		await test.db
			.updateTable('assessments')
			.set({ status: 'submitted', submitted_at: new Date('2026-11-26T09:00:00+07:00') })
			.where('campaign_id', '=', campaign.id)
			.where('status', '=', 'draft')
			.where('period_id', 'in', (eb) =>
				eb.selectFrom('periods').select('id').where('status', '=', 'open')
			)
			.execute();
		const { chosen, open } = await expectFirstLook('CAP-DHKM');
		expect(chosen).toBe(open);
	});
});
