// A province set up from nothing with the administration alone: the root unit and first admin
// from the command line's service, then the registry CSV, a campaign, its criteria from JSON, the
// roadmap, a period, users from CSV; and an officer who signs in and scores the period.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSetJson } from '../../src/lib/domain/campaign-file';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import {
	campaignRevision,
	createCampaign,
	listRoadmapDistricts,
	saveRoadmap
} from '../../src/lib/server/campaigns/service';
import { importIntoDraft, publishDraft } from '../../src/lib/server/criteria/service';
import { createPeriods, stepPeriod } from '../../src/lib/server/periods/service';
import { applyUnitImport } from '../../src/lib/server/units/import';
import { createRootUnit } from '../../src/lib/server/units/service';
import { importUsers } from '../../src/lib/server/users/import';
import { findExtension, findPeriodByLabel } from '../../src/lib/server/assessments/repository';
import { saveDraft } from '../../src/lib/server/assessments/service';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { findCampaignByCode } from '../../src/lib/server/campaigns/repository';
import type { CampaignDefinition } from '../../scripts/seed/reference';
import { createUser } from '../../src/lib/server/users/service';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { expectKeptFiguresFresh } from './helpers/kept';

const data = (name: string) =>
	readFileSync(new URL(`../../scripts/seed/data/${name}`, import.meta.url), 'utf8');

let test: TestDatabase;
let admin: AdminActor;
const file = data('campaigns/model-ward-police.json');
const definition = JSON.parse(file) as CampaignDefinition;

beforeAll(async () => {
	test = await createTestDatabase();
});
afterAll(() => test.drop());
afterEach(() => expectKeptFiguresFresh(test?.db));

describe('a province from nothing', () => {
	it('starts from an empty database', async () => {
		const units = await test.db.selectFrom('units').select('id').execute();
		expect(units).toEqual([]);
	});

	it('creates the root unit and the first administrator as `npm run user:create` does', async () => {
		const root = await createRootUnit(test.db, null, {
			code: '40',
			name: 'Tỉnh Nghệ An',
			typeVi: 'Tỉnh',
			kind: 'province'
		});
		expect(root).toEqual({ code: '40' });
		const created = await createUser(test.db, null, {
			username: 'admin',
			role: 'province_admin',
			unitCode: '40',
			displayName: 'Phòng Xây dựng phong trào',
			password: 'mat-khau-quan-tri'
		});
		expect(created.id).toBeGreaterThan(0);
		admin = {
			id: created.id,
			username: 'admin',
			role: 'province_admin',
			scopePath: '/40/',
			ip: null
		};
	});

	it('imports the 2023 registry of units from its CSV', async () => {
		const result = await applyUnitImport(test.db, admin, data('units-2023.csv'));
		expect(result).toMatchObject({ created: 481 });
		const units = await test.db.selectFrom('units').select(['code', 'path', 'kind']).execute();
		expect(units).toHaveLength(482);
		expect(units.find((unit) => unit.code === '16672')).toEqual({
			code: '16672',
			path: '/40/412/16672/',
			kind: 'ward'
		});
	});

	it('creates the campaign and publishes its criteria imported from JSON', async () => {
		const created = createCampaign(test.db, admin, definition.code, {
			name_vi: definition.name_vi,
			name_en: definition.name_en,
			source_vi: definition.source_vi ?? '',
			note: '',
			applies_to: ['ward'],
			start_date: definition.start_date,
			target_date: definition.target_date,
			target_share: definition.target_share,
			min_score: definition.recognition.min_score,
			all_mandatory: definition.recognition.all_mandatory,
			district_min_share: null
		});
		await expect(created).resolves.toBeUndefined();
		const campaign = (await findCampaignByCode(test.db, definition.code))!;
		const parsed = parseSetJson(file);
		if (!parsed.ok) throw new Error('the sample campaign file does not parse');
		const draft = await test.db
			.selectFrom('criteria_sets')
			.select(['audience', 'version', 'revision'])
			.where('campaign_id', '=', campaign.id)
			.executeTakeFirstOrThrow();
		const imported = await importIntoDraft(
			test.db,
			admin,
			{ campaignId: campaign.id, ...draft },
			parsed.content
		);
		const published = await publishDraft(test.db, admin, {
			campaignId: campaign.id,
			audience: 'area',
			version: 1,
			revision: imported.revision
		});
		expect(published).toEqual({ version: 1, revision: imported.revision + 1 });
		const criteria = await test.db
			.selectFrom('criteria')
			.select((eb) => eb.fn.sum<number>('points').as('points'))
			.executeTakeFirstOrThrow();
		expect(Number(criteria.points)).toBe(100);
	});

	it('sets the roadmap and opens the first period on the published version', async () => {
		const campaign = (await findCampaignByCode(test.db, definition.code))!;
		const districts = await listRoadmapDistricts(test.db, '/40/', campaign.id);
		expect(districts).toHaveLength(21);
		const roadmap = saveRoadmap(
			test.db,
			admin,
			campaign.code,
			campaignRevision(campaign.updated_at),
			definition.roadmap.map((point) => ({ unitCode: null, ...point })),
			districts
		);
		await expect(roadmap).resolves.toBeUndefined();
		const periods = await createPeriods(test.db, admin, campaign, {
			kind: 'quarter',
			from: '2026-10-01',
			to: '2026-12-31',
			closeDays: 15,
			versions: { area: 1 }
		});
		expect(periods).toEqual({ created: ['2026-Q4'], existing: [] });
		await expect(
			stepPeriod(test.db, admin, campaign, '2026-Q4', 'open', 'planned')
		).resolves.toBeUndefined();
	});

	it('imports the officers, who sign in and score their ward', async () => {
		const imported = await importUsers(
			test.db,
			admin,
			[
				'username,display_name,role,unit_code',
				'officer.hungbinh,Công an phường Hưng Bình,ward_officer,16672',
				'reviewer.vinh,Công an thành phố Vinh,district_reviewer,412'
			].join('\n')
		);
		expect(imported.created.map((user) => user.username)).toEqual([
			'officer.hungbinh',
			'reviewer.vinh'
		]);
		const officer = imported.created[0];
		const signedIn = await signIn(test.db, {
			username: officer.username,
			password: officer.password,
			address: '127.0.0.1'
		});
		expect(signedIn).toMatchObject({ token: expect.any(String), mustChangePassword: true });

		const campaign = (await findCampaignByCode(test.db, definition.code))!;
		const unit = await test.db
			.selectFrom('units')
			.selectAll()
			.where('code', '=', '16672')
			.executeTakeFirstOrThrow();
		const period = (await findPeriodByLabel(test.db, campaign.id, '2026-Q4'))!;
		const actor = await test.db
			.selectFrom('users')
			.select(['id', 'username', 'role'])
			.where('username', '=', officer.username)
			.executeTakeFirstOrThrow();
		const saved = await saveDraft(
			test.db,
			actor,
			{ campaign, unit, period, extensionUntil: await findExtension(test.db, period.id, unit.id) },
			{ version: 0, values: { '1.1': 'yes', '1.2': 'yes' }, notes: {} },
			new Date('2026-11-27T10:00:00+07:00')
		);
		expect(Number(saved.score)).toBe(10);
	});
});
