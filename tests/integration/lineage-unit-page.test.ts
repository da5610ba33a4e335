// A unit's page across a merger and a rename, on the seeded demo: the merged unit starts
// unrecognised and shows which predecessors were recognised on the eve (context, not a count); a
// retired predecessor takes no new assessment; a renamed unit's history shows the names then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/authorization';
import type { Campaign } from '../../src/lib/server/db/schema';
import { findCampaignByCode } from '../../src/lib/server/campaigns/repository';
import { loadUnitPage } from '../../src/lib/server/dashboard/unit-page';
import { renameUnit, retireUnitOn } from '../../src/lib/server/units/changes';
import { insertUnitsWithVersions } from '../../src/lib/server/units/structure';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase } from './helpers/fixtures';

/** After every period the seed closes, inside 2026-Q4 (the current one at SEED_NOW). */
const MERGED_ON = '2026-10-01';
const officer: Actor = { role: 'ward_officer', scopePath: '/' };
const options = { period: null, level: 'official' as const };

let test: TestDatabase;
let campaign: Campaign;
let recognised: { id: number; code: string; name: string; path: string };
let other: { id: number; code: string; name: string };
let renamed: { id: number; code: string; name: string };
let merged: { id: number };

const unitRow = (id: number) =>
	test.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
	test = await createSeededDatabase();
	campaign = (await findCampaignByCode(test.db, 'CAP-DHKM'))!;
	// Active units of the campaign's kinds: one holding a recognition now, and two others.
	const holders = await test.db
		.selectFrom('units')
		.innerJoin('recognitions as r', 'r.unit_id', 'units.id')
		.select(['units.id', 'units.code', 'units.name', 'units.path'])
		.where('units.status', '=', 'active')
		.where('r.campaign_id', '=', campaign.id)
		.where('r.revoked_at', 'is', null)
		.where('r.decision_date', '<', MERGED_ON)
		.orderBy('units.code')
		.execute();
	recognised = holders[0];
	const activeOfKinds = (excluding: number[]) =>
		test.db
			.selectFrom('units')
			.select(['id', 'code', 'name'])
			.where('status', '=', 'active')
			.where('kind', 'in', campaign.applies_to)
			.where('id', 'not in', excluding)
			.orderBy('code')
			.limit(1)
			.executeTakeFirstOrThrow();
	// The other predecessor holds no recognition; the renamed unit is any third one.
	other = await activeOfKinds(holders.map((holder) => holder.id));
	renamed = await activeOfKinds([recognised.id, other.id]);
	const by = { actor: null, ip: null, reason: null };
	merged = await test.db.transaction().execute(async (trx) => {
		const parent = recognised.path.split('/').slice(0, -2).join('/') + '/';
		const parentRow = await trx
			.selectFrom('units')
			.select(['id', 'level'])
			.where('path', '=', parent)
			.where('status', '=', 'active')
			.executeTakeFirstOrThrow();
		const [unit] = await insertUnitsWithVersions(trx, [
			{
				code: 'T-900',
				name: 'Phường Hợp Nhất Thử',
				type_vi: 'Phường',
				kind: campaign.applies_to[0],
				parent_id: parentRow.id,
				level: parentRow.level + 1,
				path: `${parent}T-900/`,
				established_on: MERGED_ON
			}
		]);
		await retireUnitOn(trx, by, recognised, MERGED_ON, { id: unit.id, code: 'T-900' });
		await retireUnitOn(trx, by, other, MERGED_ON, { id: unit.id, code: 'T-900' });
		const current = await trx
			.selectFrom('units')
			.selectAll()
			.where('id', '=', renamed.id)
			.executeTakeFirstOrThrow();
		await renameUnit(
			trx,
			by,
			renamed,
			{ name: current.name, type_vi: current.type_vi, kind: current.kind },
			{ name: `${current.name} Mới`, type_vi: current.type_vi, kind: current.kind },
			MERGED_ON
		);
		return unit;
	});
}, 400_000);
afterAll(() => test?.drop());

describe('a unit formed by a merger', () => {
	it('starts unrecognised and names its recognised predecessors as context', async () => {
		const page = await loadUnitPage(test.db, officer, campaign, await unitRow(merged.id), options);
		if (page.view !== 'unit') throw new Error('expected the unit view');
		expect(page.standing.standing).toBeNull();
		expect(page.standing.mergerContext).toEqual({
			formedOn: MERGED_ON,
			predecessors: 2,
			recognised: [
				{ code: recognised.code, name: recognised.name, ref: `${recognised.code}@2026-09-30` }
			]
		});
		expect(page.standing.lineage.events[0]).toMatchObject({ type: 'merged_from', date: MERGED_ON });
		// Only the periods it lived through: none before its formation.
		expect(page.standing.history.map((row) => row.label)).toEqual(['2026-Q4']);
	});
});

describe('a retired predecessor', () => {
	it('keeps its page and history, sends readers on, and takes no new assessment', async () => {
		const page = await loadUnitPage(
			test.db,
			officer,
			campaign,
			await unitRow(recognised.id),
			options
		);
		if (page.view !== 'unit') throw new Error('expected the unit view');
		expect(page.unit.retiredOn).toBe(MERGED_ON);
		expect(page.mayStartAssessment).toBe(false);
		expect(page.standing.lineage.successors.map((unit) => unit.code)).toEqual(['T-900']);
		expect(page.standing.recognitions.length).toBeGreaterThan(0);
		expect(page.standing.history.some((row) => row.assessmentId !== null)).toBe(true);
	});
});

describe('a renamed unit', () => {
	it('shows each period with the name it had at the period’s end', async () => {
		const page = await loadUnitPage(test.db, officer, campaign, await unitRow(renamed.id), options);
		if (page.view !== 'unit') throw new Error('expected the unit view');
		const nameIn = (label: string) =>
			page.standing.history.find((row) => row.label === label)?.nameThen;
		expect(nameIn('2026-Q3')).toBe(renamed.name);
		expect(nameIn('2026-Q4')).toBe(`${renamed.name} Mới`);
		expect(page.standing.lineage.events).toContainEqual({
			type: 'renamed',
			date: MERGED_ON,
			from: renamed.name,
			to: `${renamed.name} Mới`
		});
	});
});

describe('a retired district', () => {
	it('opens on the last period it lived through, and says why later ones are empty', async () => {
		const movement = (await findCampaignByCode(test.db, 'PT-TDBVANTQ'))!;
		const vinh = await test.db
			.selectFrom('units')
			.selectAll()
			.where('code', '=', '412')
			.executeTakeFirstOrThrow();
		expect(vinh.status).toBe('retired');
		const first = await loadUnitPage(test.db, officer, movement, vinh, options);
		if (first.view !== 'dashboard') throw new Error('expected the dashboard view');
		expect(first.retired).toEqual({ on: '2025-07-01', lastPeriod: '2025-Q2' });
		expect(first.dashboard.period!.label).toBe('2025-Q2');
		expect(first.dashboard.figures!.total.units).toBeGreaterThan(0);
		const later = await loadUnitPage(test.db, officer, movement, vinh, {
			...options,
			period: '2026-Q4'
		});
		if (later.view !== 'dashboard') throw new Error('expected the dashboard view');
		expect(later.dashboard.figures!.total.units).toBe(0);
	});
});
