// The home page's to-do lists on the seeded demo: an officer's open periods across both campaigns,
// and the queues by campaign and period, each against plain SQL; a return puts the assessment at
// the top of the officer's list with the reviewer's words.
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween, vnDate } from '../../src/lib/domain/periods';
import type { Database } from '../../src/lib/server/db/schema';
import { loadTodo } from '../../src/lib/server/home/service';
import { loadReviewQueue } from '../../src/lib/server/assessments/queue';
import { transitionAssessment } from '../../src/lib/server/assessments/transitions';
import {
	actorNamed,
	assessmentOf,
	ctx,
	openAssessmentDatabase,
	placeOf
} from './helpers/assessments';
import { SEED_NOW } from './helpers/fixtures';
import { expectKeptFiguresFresh } from './helpers/kept';

let database: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let db: Kysely<Database>;

beforeAll(async () => {
	database = await openAssessmentDatabase();
	({ db } = ctx);
});

afterAll(() => database.drop());
afterEach(() => expectKeptFiguresFresh(db));

/** The signed-in user as the home page reads it. */
function userNamed(username: string) {
	return db
		.selectFrom('users as u')
		.innerJoin('units as s', 's.id', 'u.unit_id')
		.select([
			'u.role',
			'u.unit_id as unitId',
			's.code as unitCode',
			's.name as unitName',
			's.path as scopePath',
			'u.area_id as areaId'
		])
		.where('u.username', '=', username)
		.executeTakeFirstOrThrow();
}

async function officerTodoOf(username: string, now = SEED_NOW) {
	const todo = await loadTodo(db, await userNamed(username), now);
	if (todo.kind !== 'officer') throw new Error(`${username} has no officer to-do list`);
	return todo;
}

describe('an officer’s to-do list', () => {
	it('holds every open period of every campaign of the unit, each with its assessment', async () => {
		const todo = await officerTodoOf('officer.16681');
		const { rows } = await sql<{ campaign: string; period: string; status: string | null }>`
			SELECT c.code AS campaign, p.label AS period, a.status
			FROM periods p JOIN campaigns c ON c.id = p.campaign_id
			JOIN units u ON u.code = '16681' AND u.status = 'active'
			LEFT JOIN assessments a ON a.period_id = p.id AND a.unit_id = u.id
			WHERE p.status = 'open' AND u.kind = ANY (c.applies_to)
			ORDER BY 1, 2
		`.execute(db);
		expect(rows.map((row) => row.campaign)).toEqual(['CAP-DHKM', 'PT-TDBVANTQ']);
		const listed = [...todo.tasks, ...todo.sent]
			.map((item) => ({ campaign: item.campaignCode, period: item.period, status: item.status }))
			.sort((a, b) => a.campaign.localeCompare(b.campaign) || a.period.localeCompare(b.period));
		expect(listed).toEqual(rows);
		expect(todo.campaigns.map((c) => c.code)).toEqual(['CAP-DHKM', 'PT-TDBVANTQ']);
	});

	it('puts a returned assessment first, with the reason and the days left', async () => {
		// The first CAP-DHKM quarter waiting for the reviewer of the former Vinh, and its officer.
		const reviewerUser = await userNamed('reviewer.vinh');
		const filters = { status: 'submitted' as const, campaign: 'CAP-DHKM', period: '2026-Q4' };
		const [first] = (await loadReviewQueue(db, reviewerUser, filters)).items;
		const waiting = await db
			.selectFrom('users as o')
			.innerJoin('units as u', 'u.id', 'o.unit_id')
			.select(['u.code', 'o.username'])
			.where('u.code', '=', first.unitCode)
			.where('o.role', '=', 'ward_officer')
			.executeTakeFirstOrThrow();
		const place = await placeOf(waiting.code);
		const reviewer = await actorNamed('reviewer.vinh');
		const queueBefore = await loadTodo(db, reviewerUser, SEED_NOW);
		const reason = 'Thiếu biên bản kiểm tra tháng 11.';
		const { version } = await assessmentOf(place);
		await transitionAssessment(
			db,
			reviewer,
			place,
			{ transition: 'return', version, reason },
			SEED_NOW
		);

		const todo = await officerTodoOf(waiting.username);
		expect(todo.tasks[0]).toMatchObject({
			campaignCode: 'CAP-DHKM',
			period: '2026-Q4',
			action: 'fix',
			returnReason: reason,
			deadline: vnDate(place.period.closes_at),
			daysLeft: daysBetween(vnDate(SEED_NOW), vnDate(place.period.closes_at))
		});

		// The reviewer's queue of that period holds one fewer.
		const queueAfter = await loadTodo(db, reviewerUser, SEED_NOW);
		const countOf = (todo: typeof queueAfter) =>
			todo.kind === 'queue'
				? (todo.queue.find((g) => g.campaignCode === 'CAP-DHKM' && g.period === '2026-Q4')?.count ??
					0)
				: NaN;
		expect(countOf(queueAfter)).toBe(countOf(queueBefore) - 1);
	});
});

describe('a queue’s to-do list', () => {
	it('counts the province’s verified assessments by campaign and period as plain SQL does', async () => {
		const todo = await loadTodo(db, await userNamed('admin'), SEED_NOW);
		if (todo.kind !== 'queue') throw new Error('the administrator has no queue');
		expect(todo.status).toBe('verified');
		const { rows } = await sql<{ campaign: string; period: string; count: string }>`
			SELECT c.code AS campaign, p.label AS period, count(*) AS count
			FROM assessments a JOIN campaigns c ON c.id = a.campaign_id JOIN periods p ON p.id = a.period_id
			WHERE a.status = 'verified' AND EXISTS (
				SELECT 1 FROM unit_versions v WHERE v.unit_id = a.unit_id
					AND v.valid_from <= p.ends_on AND p.ends_on < v.valid_to)
			GROUP BY 1, 2 ORDER BY 1, 2
		`.execute(db);
		expect(rows.length).toBeGreaterThan(0);
		const listed = todo.queue
			.map((g) => ({ campaign: g.campaignCode, period: g.period, count: String(g.count) }))
			.sort((a, b) => a.campaign.localeCompare(b.campaign) || a.period.localeCompare(b.period));
		expect(listed).toEqual(rows.map((row) => ({ ...row, count: String(row.count) })));
		// The longest-waiting group comes first.
		const oldest = todo.queue.map((g) => g.oldest.getTime());
		expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
	});
});
