// The data versions (migrations/2026_12_02_001300_data_versions.ts) move in the transactions that
// change what they cover, when those commit, and only then.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/assessments/service';
import { figuresVersion, readVersions } from '../../src/lib/server/freshness/versions';
import {
	actorNamed,
	at,
	COMPLETE,
	ctx,
	freshPlace,
	openAssessmentDatabase,
	save,
	step
} from './helpers/assessments';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let officer: Actor;
beforeAll(async () => {
	database = await openAssessmentDatabase();
	officer = await actorNamed('officer.16681');
});
afterAll(() => database?.drop());

async function versions(): Promise<Map<string, number>> {
	const rows = await ctx.db.selectFrom('data_versions').select(['scope', 'version']).execute();
	return new Map(rows.map((row) => [row.scope, Number(row.version)]));
}

/** The scopes whose version moved between two reads. */
function moved(before: Map<string, number>, after: Map<string, number>): string[] {
	return [...after.keys()].filter((scope) => after.get(scope) !== before.get(scope)).sort();
}

const campaignScope = () => `campaign:${ctx.campaign.id}`;
const userScope = (id: number) => `user:${id}`;

describe('data versions', () => {
	it('move the campaign alone when an officer saves a draft', async () => {
		const place = await freshPlace('16681', { recognitions: true });
		const before = await versions();
		await save(officer, place, { notes: { '1.1': 'Ghi chú' } }, at(1));
		const after = await versions();
		expect(moved(before, after)).toEqual([campaignScope()]);
		expect(after.get(campaignScope())!).toBeGreaterThan(before.get(campaignScope()) ?? 0);
	});

	it('move the campaign and the notified reviewers when a draft is submitted', async () => {
		const place = await freshPlace('16681', { recognitions: true });
		await save(officer, place, { values: COMPLETE }, at(2));
		const reviewer = await actorNamed('reviewer.vinh');
		const before = await versions();
		await step(officer, place, { transition: 'submit' }, at(3));
		const scopes = moved(before, await versions());
		expect(scopes).toContain(campaignScope());
		expect(scopes).toContain(userScope(reviewer.id));
		expect(scopes).not.toContain('map');
	});

	it('move the map when a unit changes, for every campaign to read', async () => {
		const before = await versions();
		await ctx.db
			.updateTable('units')
			.set({ name: sql`name || ' '` })
			.where('code', '=', '16681')
			.where('status', '=', 'active')
			.execute();
		expect(moved(before, await versions())).toEqual(['map']);
	});

	it('move the map too when a campaign changes: every dashboard lists the campaigns', async () => {
		const before = await versions();
		await ctx.db
			.updateTable('campaigns')
			.set({ name_en: sql`name_en || ' '` })
			.where('id', '=', ctx.campaign.id)
			.execute();
		expect(moved(before, await versions())).toEqual([campaignScope(), 'map'].sort());
	});

	it('stay where they were when the transaction is rolled back', async () => {
		const place = await freshPlace('16681', { recognitions: true });
		const before = await versions();
		await expect(
			ctx.db.transaction().execute(async (trx) => {
				await trx.updateTable('units').set({ name: 'Tạm' }).where('code', '=', '16681').execute();
				await trx
					.updateTable('campaigns')
					.set({ name_vi: 'Tạm' })
					.where('id', '=', place.campaign.id)
					.execute();
				throw new Error('undone');
			})
		).rejects.toThrow('undone');
		expect(moved(before, await versions())).toEqual([]);
	});

	it('are read together for a campaign and a user, and name what figures were computed from', async () => {
		const read = await readVersions(ctx.db, ctx.campaign.code, officer.id);
		const stored = await versions();
		expect(read).toEqual({
			campaignId: ctx.campaign.id,
			map: stored.get('map') ?? 0,
			campaign: stored.get(campaignScope()) ?? 0,
			user: stored.get(userScope(officer.id)) ?? 0
		});
		await ctx.db
			.updateTable('campaigns')
			.set({ name_vi: sql`name_vi || ' '` })
			.where('id', '=', ctx.campaign.id)
			.execute();
		const later = await readVersions(ctx.db, ctx.campaign.code, officer.id);
		expect(figuresVersion(later)).not.toBe(figuresVersion(read));
		expect(await readVersions(ctx.db, 'NO-SUCH-CAMPAIGN', null)).toMatchObject({
			campaignId: null,
			campaign: 0,
			user: 0
		});
	});
});
