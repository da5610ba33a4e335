// A reviewer scoped to a reporting area, on the seeded demo: the review queue lists the area's
// members only, within the reviewer's unit scope; without an area the whole scope as before.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReviewQueue } from '../../src/lib/server/assessments/queue';
import type { Database } from '../../src/lib/server/db/schema';
import { ctx, openAssessmentDatabase } from './helpers/assessments';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;
let areaId: number;
/** Units with an assessment waiting in the demo's queue: the area holds the first two. */
let waiting: { code: string; path: string; id: number }[];

const filters = (status: 'submitted' | 'verified') => ({
	status,
	campaign: null,
	period: null
});

async function queuedCodes(actor: { scopePath: string; areaId?: number | null }) {
	const codes = new Set<string>();
	for (const status of ['submitted', 'verified'] as const) {
		const queue = await loadReviewQueue(db, { role: 'province_admin', ...actor }, filters(status));
		for (const item of queue.items) codes.add(item.unitCode);
	}
	return [...codes].sort();
}

beforeAll(async () => {
	database = await openAssessmentDatabase();
	({ db } = ctx);
	waiting = await db
		.selectFrom('assessments as a')
		.innerJoin('units as u', 'u.id', 'a.unit_id')
		.select(['u.code', 'u.path', 'u.id'])
		.distinct()
		.where('a.status', 'in', ['submitted', 'verified'])
		.where('u.status', '=', 'active')
		.orderBy('u.code')
		.execute();
	const set = await db
		.insertInto('area_sets')
		.values({
			code: 'THU',
			name_vi: 'Địa bàn thử',
			name_en: 'Test areas',
			valid_from: '2025-07-01'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	areaId = (
		await db
			.insertInto('areas')
			.values({ area_set_id: set.id, code: 'A', name: 'Địa bàn A', map_codes: [] })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	await db
		.insertInto('area_members')
		.values(
			waiting
				.slice(0, 2)
				.map((unit) => ({ area_id: areaId, area_set_id: set.id, unit_id: unit.id }))
		)
		.execute();
});
afterAll(() => database?.drop());

describe('the review queue of an area-scoped user', () => {
	it('has enough waiting units in the demo to tell the area from the rest', () => {
		expect(waiting.length).toBeGreaterThan(3);
	});

	it('lists the area’s members only, with the units under them', async () => {
		const codes = await queuedCodes({ scopePath: '/40/', areaId });
		const members = waiting.slice(0, 2);
		const inArea = waiting.filter((unit) =>
			members.some((member) => unit.path.startsWith(member.path))
		);
		expect(codes).toEqual(inArea.map((unit) => unit.code).sort());
		expect(codes.length).toBeLessThan(waiting.length);
	});

	it('stays within the unit scope: an area member outside it is not listed', async () => {
		const outside = waiting[0];
		const scope = waiting[1].path;
		expect(outside.path.startsWith(scope)).toBe(false);
		expect(await queuedCodes({ scopePath: scope, areaId })).toEqual(
			waiting
				.filter((unit) => unit.path.startsWith(scope))
				.map((unit) => unit.code)
				.sort()
		);
	});

	it('lists the whole unit scope without an area', async () => {
		const codes = await queuedCodes({ scopePath: '/40/', areaId: null });
		expect(codes).toEqual(waiting.map((unit) => unit.code).sort());
	});
});
