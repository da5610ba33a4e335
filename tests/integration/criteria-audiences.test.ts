// Criteria sets per audience in the administration, from an empty database: a movement campaign
// counting wards, agencies and schools holds a set per audience, each with its own versions and
// draft; an exported version names its audience and an import into another audience's draft is
// refused; a period names a published version per audience, changed only while that audience has
// no assessment in it. Tests run in order, each going on from the last.
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSetJson, writeCampaignFile, writeSetFile } from '../../src/lib/domain/campaign-file';
import type { CriteriaSetContent } from '../../src/lib/domain/criteria-set';
import { jsonAudience } from '../../src/lib/domain/set-audience';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import { createCampaign } from '../../src/lib/server/campaigns/service';
import { findCampaignByCode } from '../../src/lib/server/campaigns/repository';
import {
	criteriaByAudience,
	findCriteriaSet,
	importIntoDraft,
	latestPublishedVersion,
	loadCampaignFileHead,
	publishDraft,
	startDraft,
	toContent
} from '../../src/lib/server/criteria/service';
import type { Database } from '../../src/lib/server/db/schema';
import {
	createPeriods,
	listAdminPeriods,
	loadPeriodDetail,
	periodOf,
	periodRevision,
	updatePeriod
} from '../../src/lib/server/periods/service';
import { createRootUnit, createUnit } from '../../src/lib/server/units/service';
import { createUser } from '../../src/lib/server/users/service';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { refusalOf } from './helpers/refusal';
import { expectKeptFiguresFresh } from './helpers/kept';

let test: TestDatabase;
let db: Kysely<Database>;
let admin: AdminActor;
let campaign: { id: number; code: string };

const CODE = 'PT-TDBVANTQ';

/** A valid set of one group whose criteria sum to 100 points. */
const setOf = (prefix: string): CriteriaSetContent => ({
	groups: [
		{
			code: 'I',
			name_vi: `Nhóm ${prefix}`,
			name_en: `Group ${prefix}`,
			criteria: [60, 40].map((points, index) => ({
				code: `${prefix}.${index + 1}`,
				title_vi: `Tiêu chí ${prefix}.${index + 1}`,
				title_en: `Criterion ${prefix}.${index + 1}`,
				type: 'boolean' as const,
				comparator: null,
				target_number: null,
				target_rating: null,
				points,
				mandatory: index === 0,
				evidence_required: false,
				guidance_vi: '',
				guidance_en: ''
			}))
		}
	]
});

async function draftOf(audience: 'area' | 'agency' | 'school', version: number) {
	const set = await findCriteriaSet(db, campaign.id, audience, version);
	if (!set) throw new Error(`no ${audience} v${version}`);
	return { campaignId: campaign.id, audience, version, revision: set.revision };
}

async function lastAudit(action: string) {
	const row = await db
		.selectFrom('audit_log')
		.selectAll()
		.where('action', '=', action)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
	return { ...row, before: parse(row.before), after: parse(row.after) };
}

beforeAll(async () => {
	test = await createTestDatabase();
	db = test.db;
	await createRootUnit(db, null, {
		code: '40',
		name: 'Tỉnh Nghệ An',
		typeVi: 'Tỉnh',
		kind: 'province'
	});
	const created = await createUser(db, null, {
		username: 'admin',
		role: 'province_admin',
		unitCode: '40',
		displayName: 'Phòng Xây dựng phong trào',
		password: 'mot-mat-khau-dai-du-12'
	});
	admin = {
		id: created.id,
		username: 'admin',
		role: 'province_admin',
		scopePath: '/40/',
		ip: null
	};
	await createCampaign(db, admin, CODE, {
		name_vi: 'Toàn dân bảo vệ an ninh Tổ quốc',
		name_en: 'All people protect national security',
		source_vi: '',
		note: '',
		applies_to: ['ward', 'agency', 'school'],
		start_date: '2026-01-01',
		target_date: '2027-12-31',
		target_share: 0.8,
		min_score: 80,
		all_mandatory: true,
		district_min_share: null
	});
	campaign = (await findCampaignByCode(db, CODE))!;
}, 120_000);
afterAll(() => test?.drop());
afterEach(() => expectKeptFiguresFresh(db));

describe('criteria sets per audience', () => {
	it('starts the campaign with a draft of its first audience and a section per audience', async () => {
		const sections = await criteriaByAudience(db, {
			id: campaign.id,
			applies_to: ['ward', 'agency', 'school']
		});
		expect(
			sections.map((section) => [
				section.audience,
				section.kinds,
				section.versions.map((set) => [set.version, set.status])
			])
		).toEqual([
			['area', ['ward'], [[1, 'draft']]],
			['agency', ['agency'], []],
			['school', ['school'], []]
		]);
	});

	it('keeps one draft per audience, numbering each audience’s versions on their own', async () => {
		const school = await startDraft(db, admin, { campaignId: campaign.id, audience: 'school' });
		expect(school).toMatchObject({ version: 1 });
		expect(
			await refusalOf(startDraft(db, admin, { campaignId: campaign.id, audience: 'school' }))
		).toMatchObject({
			status: 409,
			body: { problem: 'draft_exists' }
		});
		expect(
			await refusalOf(startDraft(db, admin, { campaignId: campaign.id, audience: 'area' }))
		).toMatchObject({
			status: 409,
			body: { problem: 'draft_exists' }
		});
		const audiences = await db
			.selectFrom('criteria_sets')
			.select(['audience', 'version', 'status'])
			.where('campaign_id', '=', campaign.id)
			.orderBy('audience')
			.execute();
		expect(audiences).toEqual([
			{ audience: 'area', version: 1, status: 'draft' },
			{ audience: 'school', version: 1, status: 'draft' }
		]);
		expect((await lastAudit('criteria_set.create')).after).toMatchObject({
			audience: 'school',
			version: 1,
			from_version: null
		});
	});

	it('imports and publishes each audience’s draft, auditing which audience', async () => {
		await importIntoDraft(db, admin, await draftOf('school', 1), setOf('S'));
		await publishDraft(db, admin, await draftOf('school', 1));
		expect((await lastAudit('criteria_set.publish')).after).toMatchObject({
			audience: 'school',
			version: 1,
			status: 'published',
			criteria: ['S.1', 'S.2']
		});
		await importIntoDraft(db, admin, await draftOf('area', 1), setOf('A'));
		await publishDraft(db, admin, await draftOf('area', 1));
		expect(await latestPublishedVersion(db, campaign.id, 'school')).toBe(1);
		expect(await latestPublishedVersion(db, campaign.id, 'agency')).toBeNull();
		const school = await findCriteriaSet(db, campaign.id, 'school', 1);
		expect(school?.groups[0].criteria.map((criterion) => criterion.code)).toEqual(['S.1', 'S.2']);
		const area = await findCriteriaSet(db, campaign.id, 'area', 1);
		expect(area?.groups[0].criteria.map((criterion) => criterion.code)).toEqual(['A.1', 'A.2']);
		expect(await findCriteriaSet(db, campaign.id, 'agency', 1)).toBeUndefined();
	});

	it('copies the audience’s own latest version into its next draft', async () => {
		expect(await startDraft(db, admin, { campaignId: campaign.id, audience: 'school' })).toEqual({
			version: 2,
			revision: expect.any(Number)
		});
		const v2 = await findCriteriaSet(db, campaign.id, 'school', 2);
		expect(v2?.groups[0].criteria.map((criterion) => criterion.code)).toEqual(['S.1', 'S.2']);
	});

	it('names the audience in an exported version, and refuses it in another audience’s draft', async () => {
		const exported = writeCampaignFile(
			await loadCampaignFileHead(db, campaign.id),
			toContent((await findCriteriaSet(db, campaign.id, 'area', 1))!.groups),
			[],
			'area'
		);
		expect(JSON.parse(exported)).toMatchObject({ code: CODE, audience: 'area' });
		const parsed = parseSetJson(exported);
		if (!parsed.ok) throw new Error('the export does not parse');
		const draft = await draftOf('school', 2);
		expect(
			await refusalOf(importIntoDraft(db, admin, draft, parsed.content, jsonAudience(exported)))
		).toEqual({
			status: 400,
			body: { problem: 'other_audience', found: 'area', errors: { file: 'other_audience' } }
		});
		const unknown = jsonAudience('{ "audience": "hospital", "groups": [] }');
		expect(
			await refusalOf(importIntoDraft(db, admin, draft, parsed.content, unknown))
		).toMatchObject({
			status: 400,
			body: { problem: 'unknown_audience', found: 'hospital' }
		});
		// Nothing changed: the draft still holds the school's criteria, at the same revision.
		const after = await findCriteriaSet(db, campaign.id, 'school', 2);
		expect(after?.revision).toBe(draft.revision);
		expect(after?.groups[0].criteria.map((criterion) => criterion.code)).toEqual(['S.1', 'S.2']);
		// A file naming no audience goes in (as does one naming the draft's own).
		const plain = writeSetFile(parsed.content);
		expect(jsonAudience(plain)).toEqual({ ok: true, audience: null });
		await expect(
			importIntoDraft(db, admin, draft, parsed.content, jsonAudience(plain))
		).resolves.toMatchObject({ version: 2 });
		const imported = await findCriteriaSet(db, campaign.id, 'school', 2);
		expect(imported?.groups[0].criteria.map((criterion) => criterion.code)).toEqual(['A.1', 'A.2']);
	});
});

describe('a period names a set per audience', () => {
	it('creates periods naming each audience’s version, an audience without one left out', async () => {
		const result = await createPeriods(db, admin, campaign, {
			kind: 'quarter',
			from: '2026-10-01',
			to: '2027-03-31',
			closeDays: 15,
			versions: { area: 1, agency: null, school: 1 }
		});
		expect(result).toEqual({ created: ['2026-Q4', '2027-Q1'], existing: [] });
		const stored = await db
			.selectFrom('period_criteria_sets as p')
			.innerJoin('periods', 'periods.id', 'p.period_id')
			.innerJoin('criteria_sets as s', 's.id', 'p.criteria_set_id')
			.select(['periods.label', 'p.audience', 's.audience as set_audience', 's.version'])
			.where('periods.campaign_id', '=', campaign.id)
			.orderBy('periods.label')
			.orderBy('p.audience')
			.execute();
		expect(stored).toEqual([
			{ label: '2026-Q4', audience: 'area', set_audience: 'area', version: 1 },
			{ label: '2026-Q4', audience: 'school', set_audience: 'school', version: 1 },
			{ label: '2027-Q1', audience: 'area', set_audience: 'area', version: 1 },
			{ label: '2027-Q1', audience: 'school', set_audience: 'school', version: 1 }
		]);
		const periods = await listAdminPeriods(db, campaign.id);
		expect(periods.map((period) => [period.label, period.sets.map((set) => set.audience)])).toEqual(
			[
				['2027-Q1', ['area', 'school']],
				['2026-Q4', ['area', 'school']]
			]
		);
		expect((await lastAudit('period.create')).after).toMatchObject({
			label: '2027-Q1',
			criteria_version: 1,
			criteria_version_school: 1
		});
	});

	it('refuses a version the audience has not published, beside its field', async () => {
		const refused = createPeriods(db, admin, campaign, {
			kind: 'year',
			from: '2027-01-01',
			to: '2027-12-31',
			closeDays: 15,
			versions: { area: 1, agency: 1, school: 9 }
		});
		expect(await refusalOf(refused)).toEqual({
			status: 400,
			body: {
				errors: { version_agency: 'version_unpublished', version_school: 'version_unpublished' }
			}
		});
		expect((await listAdminPeriods(db, campaign.id)).map((period) => period.label)).not.toContain(
			'2027'
		);
	});

	it('changes an audience’s version while it has no assessment there, and refuses stale forms', async () => {
		await publishDraft(db, admin, await draftOf('school', 2));
		await startDraft(db, admin, { campaignId: campaign.id, audience: 'agency' });
		await importIntoDraft(db, admin, await draftOf('agency', 1), setOf('C'));
		await publishDraft(db, admin, await draftOf('agency', 1));

		const read = await periodOf(db, campaign.id, '2027-Q1');
		const revision = periodRevision(read, read.sets);
		await updatePeriod(db, admin, campaign, '2027-Q1', revision, {
			closesAt: new Date(read.closes_at),
			versions: { area: 1, agency: 1, school: 2 }
		});
		const changed = await periodOf(db, campaign.id, '2027-Q1');
		expect(changed.sets.map((set) => [set.audience, set.version])).toEqual([
			['area', 1],
			['agency', 1],
			['school', 2]
		]);
		expect(await lastAudit('period.update')).toMatchObject({
			entity_id: `${CODE}/2027-Q1`,
			before: { criteria_version_agency: null, criteria_version_school: 1 },
			after: { criteria_version_agency: 1, criteria_version_school: 2 }
		});
		// A form read before that change cannot undo it.
		const stale = updatePeriod(db, admin, campaign, '2027-Q1', revision, {
			closesAt: new Date(read.closes_at),
			versions: { area: 1, agency: null, school: 1 }
		});
		expect(await refusalOf(stale)).toMatchObject({
			status: 409,
			body: { errors: { form: 'stale' } }
		});
		// The period's own set (the first audience's) cannot be left out.
		const fresh = periodRevision(changed, changed.sets);
		const headless = updatePeriod(db, admin, campaign, '2027-Q1', fresh, {
			closesAt: new Date(read.closes_at),
			versions: { area: null, agency: 1, school: 2 }
		});
		expect(await refusalOf(headless)).toMatchObject({
			status: 400,
			body: { errors: { version_area: 'version_unpublished' } }
		});
	});

	it('keeps an audience’s version once one of its units has an assessment in the period', async () => {
		await createUnit(db, admin, {
			parentCode: '40',
			code: '9001',
			name: 'Trường THPT Huỳnh Thúc Kháng',
			typeVi: 'Trường học',
			kind: 'school',
			establishedOn: '2020-01-01'
		});
		const unit = await db
			.selectFrom('units')
			.select('id')
			.where('code', '=', '9001')
			.executeTakeFirstOrThrow();
		const q4 = await periodOf(db, campaign.id, '2026-Q4');
		const schoolSet = q4.sets.find((set) => set.audience === 'school')!;
		await db
			.insertInto('assessments')
			.values({
				unit_id: unit.id,
				campaign_id: campaign.id,
				period_id: q4.id,
				criteria_set_id: schoolSet.criteria_set_id
			})
			.execute();
		const detail = await loadPeriodDetail(db, admin, campaign.id, '2026-Q4');
		expect(detail.audiences).toEqual(['area', 'agency', 'school']);
		expect(detail.byAudience).toEqual({ school: 1 });
		expect(detail.versions).toEqual({ agency: [1], area: [1], school: [2, 1] });

		const revision = periodRevision(q4, q4.sets);
		const refused = updatePeriod(db, admin, campaign, '2026-Q4', revision, {
			closesAt: new Date(q4.closes_at),
			versions: { area: 1, agency: null, school: 2 }
		});
		expect(await refusalOf(refused)).toEqual({
			status: 400,
			body: { errors: { version_school: 'has_assessments' } }
		});
		// The other audiences still change: the agencies get their version.
		await updatePeriod(db, admin, campaign, '2026-Q4', revision, {
			closesAt: new Date(q4.closes_at),
			versions: { area: 1, agency: 1, school: 1 }
		});
		const after = await periodOf(db, campaign.id, '2026-Q4');
		expect(after.sets.map((set) => [set.audience, set.version])).toEqual([
			['area', 1],
			['agency', 1],
			['school', 1]
		]);
	});
});
