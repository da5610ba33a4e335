// Campaign settings, roadmap and periods as the administration writes them, on a real database.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import {
	campaignRevision,
	createCampaign,
	listAdminCampaigns,
	listRoadmapDistricts,
	saveRoadmap,
	updateCampaign
} from '../../src/lib/server/campaigns/service';
import { findAdminPeriod, listExtensions } from '../../src/lib/server/periods/repository';
import {
	createPeriods,
	grantExtension,
	listAdminPeriods,
	periodOf,
	periodRevision,
	revokeExtension,
	stepPeriod,
	updatePeriod
} from '../../src/lib/server/periods/service';
import type { CampaignSettings } from '../../src/lib/domain/campaign-settings';
import { listRoadmap } from '../../src/lib/server/campaigns/repository';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase, demoAdmin } from './helpers/fixtures';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let admin: AdminActor;

beforeAll(async () => {
	test = await createSeededDatabase();
	admin = await demoAdmin(test.db, '203.0.113.7');
});
afterAll(() => test.drop());
afterEach(() => expectKeptFiguresFresh(test?.db));

const settings: CampaignSettings = {
	name_vi: 'Xã an toàn về an ninh, trật tự',
	name_en: 'Communes safe in security and order',
	source_vi: 'Kế hoạch thử nghiệm',
	note: '',
	applies_to: ['commune', 'township'],
	start_date: '2026-01-01',
	target_date: '2028-12-31',
	target_share: 0.8,
	min_score: 85,
	all_mandatory: true,
	district_min_share: null
};

async function campaign(code: string) {
	return test.db
		.selectFrom('campaigns')
		.selectAll()
		.where('code', '=', code)
		.executeTakeFirstOrThrow();
}

function auditOf(entityId: string) {
	return test.db
		.selectFrom('audit_log')
		.select(['action', 'actor_name', 'before', 'after', 'unit_id', 'ip'])
		.where('entity_id', '=', entityId)
		.orderBy('id')
		.execute();
}

describe('campaigns', () => {
	it('creates a campaign with an empty draft criteria set, audited', async () => {
		await expect(createCampaign(test.db, admin, 'XA-AT', settings)).resolves.toBeUndefined();
		const stored = await campaign('XA-AT');
		expect(stored).toMatchObject({
			name_vi: settings.name_vi,
			applies_to: ['commune', 'township'],
			start_date: '2026-01-01',
			district_min_share: null
		});
		expect(Number(stored.target_share)).toBe(0.8);
		const sets = await test.db
			.selectFrom('criteria_sets')
			.select(['version', 'status'])
			.where('campaign_id', '=', stored.id)
			.execute();
		expect(sets).toEqual([{ version: 1, status: 'draft' }]);
		const audit = await auditOf('XA-AT');
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			action: 'campaign.create',
			actor_name: 'admin',
			ip: '203.0.113.7'
		});
		expect(audit[0].after).toMatchObject({ code: 'XA-AT', min_score: 85 });
	});

	it('refuses a code another campaign has, and changes nothing', async () => {
		const before = await campaign('CAP-DHKM');
		await expect(createCampaign(test.db, admin, 'CAP-DHKM', settings)).rejects.toMatchObject({
			status: 400,
			body: { errors: { code: 'code_taken' } }
		});
		expect(await campaign('CAP-DHKM')).toEqual(before);
		expect(await auditOf('CAP-DHKM')).toEqual([]);
	});

	it('saves only what changed and refuses a form read before someone else saved', async () => {
		const stored = await campaign('XA-AT');
		const revision = campaignRevision(stored.updated_at);
		const result = updateCampaign(test.db, admin, 'XA-AT', revision, {
			...settings,
			min_score: 80,
			district_min_share: 0.7
		});
		await expect(result).resolves.toBeUndefined();
		const audit = (await auditOf('XA-AT')).at(-1)!;
		expect(audit.action).toBe('campaign.update');
		expect(audit.before).toEqual({ min_score: 85, district_min_share: null });
		expect(audit.after).toEqual({ min_score: 80, district_min_share: 0.7 });

		const stale = updateCampaign(test.db, admin, 'XA-AT', revision, {
			...settings,
			name_vi: 'Ghi đè'
		});
		await expect(stale).rejects.toMatchObject({ status: 409, body: { stale: true } });
		expect((await campaign('XA-AT')).name_vi).toBe(settings.name_vi);
	});

	it('writes no audit entry when nothing changed', async () => {
		const stored = await campaign('XA-AT');
		const count = (await auditOf('XA-AT')).length;
		const current = { ...settings, min_score: 80, district_min_share: 0.7 };
		const result = updateCampaign(
			test.db,
			admin,
			'XA-AT',
			campaignRevision(stored.updated_at),
			current
		);
		await expect(result).resolves.toBeUndefined();
		expect(await auditOf('XA-AT')).toHaveLength(count);
	});

	it('lists campaigns with their versions and periods', async () => {
		const list = await listAdminCampaigns(test.db);
		const demo = list.find((row) => row.code === 'CAP-DHKM')!;
		expect(demo.published).toBe(1);
		expect(demo.draft).toBeNull();
		expect(demo.open_periods).toEqual(['2026-Q4']);
		expect(demo.periods).toBeGreaterThan(10);
		const fresh = list.find((row) => row.code === 'XA-AT')!;
		expect(fresh).toMatchObject({ published: null, draft: 1, periods: 0, open_periods: [] });
	});
});

describe('roadmap', () => {
	it('offers the districts of the administrator’s scope', async () => {
		const stored = await campaign('CAP-DHKM');
		// Since 01/07/2025 the province's children are its 130 communes and wards (the districts
		// retired): Phường Thành Vinh (16681) is one, Thành phố Vinh (412) no longer.
		const districts = await listRoadmapDistricts(test.db, '/40/', stored.id);
		expect(districts).toHaveLength(130);
		expect(districts.map((district) => district.code)).toContain('16681');
		expect(districts.map((district) => district.code)).not.toContain('412');
		const narrow = await listRoadmapDistricts(test.db, '/40/16681/', stored.id);
		expect(narrow.every((unit) => unit.code !== '16681')).toBe(true);
	});

	it('replaces the roadmap with the province’s years and a district’s own', async () => {
		const stored = await campaign('XA-AT');
		const districts = await listRoadmapDistricts(test.db, '/40/', stored.id);
		const result = saveRoadmap(
			test.db,
			admin,
			'XA-AT',
			campaignRevision(stored.updated_at),
			[
				{ unitCode: null, year: 2026, share: 0.2 },
				{ unitCode: null, year: 2027, share: 0.5 },
				{ unitCode: null, year: 2028, share: 0.8 },
				{ unitCode: '16681', year: 2027, share: 0.7 }
			],
			districts
		);
		await expect(result).resolves.toBeUndefined();
		const points = (await listRoadmap(test.db, stored.id))
			.map((point) => ({ ...point, share: Number(point.share) }))
			.sort((a, b) => a.year - b.year || (a.unitCode ?? '').localeCompare(b.unitCode ?? ''));
		expect(points).toEqual([
			{ year: 2026, share: 0.2, unitCode: null, block: null },
			{ year: 2027, share: 0.5, unitCode: null, block: null },
			{ year: 2027, share: 0.7, unitCode: '16681', block: null },
			{ year: 2028, share: 0.8, unitCode: null, block: null }
		]);
		const audit = (await auditOf('XA-AT')).at(-1)!;
		expect(audit.action).toBe('roadmap.update');
		expect(audit.after).toEqual(['* 2026: 20%', '* 2027: 50%', '* 2028: 80%', '16681 2027: 70%']);

		const stale = saveRoadmap(
			test.db,
			admin,
			'XA-AT',
			campaignRevision(stored.updated_at),
			[],
			districts
		);
		await expect(stale).rejects.toMatchObject({ status: 409, body: { stale: true } });
		expect(await listRoadmap(test.db, stored.id)).toHaveLength(4);
	});
});

describe('periods', () => {
	const demo = async () => {
		const stored = await campaign('CAP-DHKM');
		return { id: stored.id, code: stored.code };
	};

	it('plans the quarters of a range, keeping the ones that exist', async () => {
		const result = await createPeriods(test.db, admin, await demo(), {
			kind: 'quarter',
			from: '2026-10-01',
			to: '2027-06-30',
			closeDays: 10,
			versions: { area: 1 }
		});
		expect(result).toEqual({ created: ['2027-Q1', '2027-Q2'], existing: ['2026-Q4'] });
		const periods = await listAdminPeriods(test.db, (await demo()).id);
		const q1 = periods.find((period) => period.label === '2027-Q1')!;
		expect(q1).toMatchObject({ status: 'planned', version: 1, starts_on: '2027-01-01' });
		expect(q1.sets).toEqual([
			{ audience: 'area', criteria_set_id: expect.any(Number), version: 1 }
		]);
		expect(new Date(q1.closes_at).toISOString()).toBe('2027-04-10T10:00:00.000Z');
		const audit = await auditOf('CAP-DHKM/2027-Q1');
		expect(audit.map((entry) => entry.action)).toEqual(['period.create']);
	});

	it('refuses a version that is not published', async () => {
		const result = createPeriods(test.db, admin, await demo(), {
			kind: 'year',
			from: '2028-01-01',
			to: '2028-12-31',
			closeDays: 15,
			versions: { area: 9 }
		});
		await expect(result).rejects.toMatchObject({
			status: 400,
			body: { errors: { version_area: 'version_unpublished' } }
		});
		const periods = await listAdminPeriods(test.db, (await demo()).id);
		expect(periods.some((period) => period.label === '2028')).toBe(false);
	});

	it('opens, closes and reopens, refusing a step from a status that changed meanwhile', async () => {
		const place = await demo();
		const step = (step: 'open' | 'close' | 'reopen', expected: string) =>
			stepPeriod(test.db, admin, place, '2027-Q2', step, expected);
		await expect(step('open', 'planned')).resolves.toBeUndefined();
		await expect(step('open', 'planned')).rejects.toMatchObject({
			status: 409,
			body: { stale: true }
		});
		await expect(step('close', 'open')).resolves.toBeUndefined();
		await expect(step('reopen', 'closed')).resolves.toBeUndefined();
		const audit = await auditOf('CAP-DHKM/2027-Q2');
		expect(audit.map((entry) => [entry.action, entry.after])).toEqual([
			['period.create', expect.anything()],
			['period.open', { status: 'open' }],
			['period.close', { status: 'closed' }],
			['period.reopen', { status: 'open' }]
		]);
	});

	it('moves a closing time, and keeps the version of a period that has assessments', async () => {
		const place = await demo();
		await test.db
			.insertInto('criteria_sets')
			.values({
				campaign_id: place.id,
				version: 2,
				status: 'published',
				published_at: new Date()
			})
			.execute();
		const revisionOf = async (label: string) => {
			const period = await periodOf(test.db, place.id, label);
			return periodRevision(period, period.sets);
		};
		const revision = await revisionOf('2026-Q4');
		const refused = updatePeriod(test.db, admin, place, '2026-Q4', revision, {
			closesAt: new Date('2027-01-20T10:00:00Z'),
			versions: { area: 2 }
		});
		await expect(refused).rejects.toMatchObject({
			status: 400,
			body: { errors: { version_area: 'has_assessments' } }
		});

		const moved = updatePeriod(test.db, admin, place, '2026-Q4', revision, {
			closesAt: new Date('2027-01-20T10:00:00Z'),
			versions: { area: 1 }
		});
		await expect(moved).resolves.toBeUndefined();
		const stale = updatePeriod(test.db, admin, place, '2026-Q4', revision, {
			closesAt: new Date('2027-01-25T10:00:00Z'),
			versions: { area: 1 }
		});
		await expect(stale).rejects.toMatchObject({ status: 409, body: { errors: { form: 'stale' } } });

		const q1 = (await findAdminPeriod(test.db, place.id, '2027-Q1'))!;
		const q1Revision = await revisionOf('2027-Q1');
		const renamed = updatePeriod(test.db, admin, place, '2027-Q1', q1Revision, {
			closesAt: new Date(q1.closes_at),
			versions: { area: 2 }
		});
		await expect(renamed).resolves.toBeUndefined();
		const after = (await listAdminPeriods(test.db, place.id)).find((p) => p.label === '2027-Q1')!;
		expect(after.version).toBe(2);
		expect((await auditOf('CAP-DHKM/2027-Q1')).at(-1)).toMatchObject({
			action: 'period.update',
			before: { criteria_version: 1 },
			after: { criteria_version: 2 }
		});
		// A form read before that change of version cannot undo it by moving the closing time.
		const moveOnly = updatePeriod(test.db, admin, place, '2027-Q1', q1Revision, {
			closesAt: new Date('2027-04-20T10:00:00Z'),
			versions: { area: 1 }
		});
		await expect(moveOnly).rejects.toMatchObject({
			status: 409,
			body: { errors: { form: 'stale' } }
		});
		expect((await findAdminPeriod(test.db, place.id, '2027-Q1'))!.version).toBe(2);
	});
});

describe('extensions', () => {
	const place = async () => {
		const stored = await campaign('CAP-DHKM');
		return { id: stored.id, code: stored.code };
	};

	it('grants a ward more time, replaces the grant, and revokes it', async () => {
		const until = new Date('2027-02-01T10:00:00Z');
		const granted = grantExtension(test.db, admin, await place(), '2026-Q4', {
			unitCode: '16681',
			until,
			reason: 'Mất điện kéo dài'
		});
		await expect(granted).resolves.toBeUndefined();
		const again = grantExtension(test.db, admin, await place(), '2026-Q4', {
			unitCode: '16681',
			until: new Date('2027-02-05T10:00:00Z'),
			reason: 'Bổ sung hồ sơ'
		});
		await expect(again).resolves.toBeUndefined();
		const periodId = (await listAdminPeriods(test.db, (await place()).id)).find(
			(p) => p.label === '2026-Q4'
		)!.id;
		const rows = await listExtensions(test.db, periodId, '/40/');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ code: '16681', reason: 'Bổ sung hồ sơ', grantedBy: 'admin' });
		// The code's current holder, Phường Thành Vinh, not Phường Quang Trung (16681 until 2025).
		const held = await test.db
			.selectFrom('period_extensions')
			.innerJoin('units', 'units.id', 'period_extensions.unit_id')
			.select(['units.status', 'units.name'])
			.where('period_extensions.period_id', '=', periodId)
			.execute();
		expect(held).toEqual([{ status: 'active', name: 'Phường Thành Vinh' }]);
		expect(new Date(rows[0].until).toISOString()).toBe('2027-02-05T10:00:00.000Z');
		const audit = await test.db
			.selectFrom('audit_log')
			.innerJoin('units', 'units.id', 'audit_log.unit_id')
			.select(['action', 'units.code'])
			.where('entity_id', '=', 'CAP-DHKM/2026-Q4')
			.where('action', 'like', 'period.ext%')
			.orderBy('audit_log.id')
			.execute();
		expect(audit).toEqual([
			{ action: 'period.extend', code: '16681' },
			{ action: 'period.extend', code: '16681' }
		]);

		const revoke = async () => revokeExtension(test.db, admin, await place(), '2026-Q4', '16681');
		await expect(revoke()).resolves.toBeUndefined();
		await expect(revoke()).rejects.toMatchObject({ status: 409, body: { stale: true } });
		expect(await listExtensions(test.db, periodId, '/40/')).toEqual([]);
	});

	it('refuses a unit the campaign does not assess, or one outside the scope', async () => {
		const input = { until: new Date('2027-02-01T10:00:00Z'), reason: 'Lý do' };
		await expect(
			grantExtension(test.db, admin, await place(), '2026-Q4', { ...input, unitCode: '16738' })
		).rejects.toMatchObject({ status: 400, body: { errors: { unit: 'unit_not_assessed' } } });
		await expect(
			grantExtension(test.db, admin, await place(), '2026-Q4', { ...input, unitCode: 'X' })
		).rejects.toMatchObject({ status: 400, body: { errors: { unit: 'unit_unknown' } } });
		// A ward outside a sub-province admin's scope (Phường Thành Vinh, 16681): Phường Trường Vinh.
		const { rows } = await sql<{ code: string }>`
			SELECT code FROM units WHERE kind = 'ward' AND status = 'active' AND code = '16690'
		`.execute(test.db);
		expect(rows).toHaveLength(1);
		const wardAdmin = { ...admin, scopePath: '/40/16681/' };
		await expect(
			grantExtension(test.db, wardAdmin, await place(), '2026-Q4', {
				...input,
				unitCode: rows[0].code
			})
		).rejects.toMatchObject({ status: 400, body: { errors: { unit: 'unit_unknown' } } });
	});

	it('refuses a unit retired before the period ended, and nothing is granted', async () => {
		// Phường Hưng Bình (16672) merged into Phường Thành Vinh on 01/07/2025.
		const input = { until: new Date('2027-02-01T10:00:00Z'), reason: 'Lý do', unitCode: '16672' };
		await expect(
			grantExtension(test.db, admin, await place(), '2026-Q4', input)
		).rejects.toMatchObject({ status: 400, body: { errors: { unit: 'unit_not_in_force' } } });
		const retired = await test.db
			.selectFrom('units')
			.select('id')
			.where('code', '=', '16672')
			.executeTakeFirstOrThrow();
		const grants = await test.db
			.selectFrom('period_extensions')
			.select('unit_id')
			.where('unit_id', '=', retired.id)
			.execute();
		expect(grants).toEqual([]);
	});
});
