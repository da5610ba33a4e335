import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changePassword } from '../../src/lib/server/auth/account';
import {
	areaUnitFilter,
	inAreaScope,
	listAreaMemberIds,
	requireAreaScope
} from '../../src/lib/server/auth/area-scope';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	createSession,
	invalidateSession,
	SESSION_LIFETIME,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { createUser } from '../../src/lib/server/users/service';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { insertProvinceAndWard } from './helpers/fixtures';
import { refusalOf } from './helpers/refusal';

const DAY = 86_400_000;
const PASSWORD = 'mat-khau-dung-1';
let test: TestDatabase;
let officerId: number;
let unitId: number;

beforeAll(async () => {
	test = await createTestDatabase();
	const { db } = test;
	({ wardId: unitId } = await insertProvinceAndWard(db));
	officerId = (
		await db
			.insertInto('users')
			.values({
				username: 'officer.hungbinh',
				role: 'ward_officer',
				unit_id: unitId,
				password_hash: await hashPassword(PASSWORD)
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(() => test.drop());
beforeEach(async () => {
	await test.db.deleteFrom('sign_in_throttle').execute();
	await test.db.deleteFrom('sessions').execute();
});

async function auditActions() {
	const rows = await test.db.selectFrom('audit_log').select('action').orderBy('id').execute();
	return rows.map((row) => row.action);
}

describe('sessions', () => {
	it('store only a hash of the secret and validate the token from the cookie', async () => {
		const { token, session } = await createSession(test.db, officerId);
		const [id, secret] = token.split('.');
		const row = await test.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
		expect(row.id).toBe(id);
		expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(secret);
		const valid = await validateSessionToken(test.db, token);
		expect(valid?.user).toMatchObject({
			id: officerId,
			username: 'officer.hungbinh',
			role: 'ward_officer',
			unitCode: '16672',
			scopePath: '/40/16672/',
			areaId: null
		});
		expect(valid?.session.expiresAt.getTime()).toBe(session.expiresAt.getTime());
		expect(valid?.renewed).toBe(false);
	});

	it('refuse a wrong secret, a malformed token and an unknown id', async () => {
		const { token } = await createSession(test.db, officerId);
		const [id] = token.split('.');
		for (const bad of [`${id}.wrongsecretwrongsecretwro`, id, `${token}.x`, 'x.y', '']) {
			expect(await validateSessionToken(test.db, bad)).toBeNull();
		}
		expect(
			await validateSessionToken(test.db, `abcdefghijklmnopqrstuvwx.${token.split('.')[1]}`)
		).toBeNull();
	});

	it('slide: renewed when fewer than 15 days remain, deleted once expired', async () => {
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(test.db, officerId, start);
		const early = await validateSessionToken(test.db, token, new Date(start.getTime() + 10 * DAY));
		expect(early?.renewed).toBe(false);
		const later = new Date(start.getTime() + 20 * DAY);
		const renewed = await validateSessionToken(test.db, token, later);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME);
		const expired = new Date(later.getTime() + SESSION_LIFETIME + 1);
		expect(await validateSessionToken(test.db, token, expired)).toBeNull();
		expect(await test.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
	});

	it('end on logout and when the user is deactivated', async () => {
		const first = await createSession(test.db, officerId);
		await invalidateSession(test.db, first.session.id);
		expect(await validateSessionToken(test.db, first.token)).toBeNull();
		const second = await createSession(test.db, officerId);
		await test.db.updateTable('users').set({ active: false }).where('id', '=', officerId).execute();
		expect(await validateSessionToken(test.db, second.token)).toBeNull();
		await test.db.updateTable('users').set({ active: true }).where('id', '=', officerId).execute();
	});
});

describe('signing in', () => {
	const address = '10.0.0.1';

	it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
		const unknown = signIn(test.db, { username: 'nobody', password: PASSWORD, address });
		expect(await refusalOf(unknown)).toEqual({ status: 400, body: { invalid: true } });
		const wrong = signIn(test.db, { username: 'officer.hungbinh', password: 'sai', address });
		expect(await refusalOf(wrong)).toEqual({ status: 400, body: { invalid: true } });
		expect((await auditActions()).slice(-2)).toEqual([
			'auth.sign_in_failed',
			'auth.sign_in_failed'
		]);
	});

	it('signs in whatever the case of the username and creates a valid session', async () => {
		const result = await signIn(test.db, {
			username: ' Officer.HungBinh ',
			password: PASSWORD,
			address
		});
		expect((await validateSessionToken(test.db, result.token))?.user.id).toBe(officerId);
		expect((await auditActions()).at(-1)).toBe('auth.sign_in');
	});

	it('locks a username after 5 failures, even for the right password, until the lock passes', async () => {
		const now = new Date('2026-03-01T08:00:00Z');
		for (let i = 0; i < 5; i++) {
			const result = signIn(
				test.db,
				{ username: 'officer.hungbinh', password: 'sai', address },
				now
			);
			expect(await refusalOf(result)).toEqual({ status: 400, body: { invalid: true } });
		}
		const locked = signIn(
			test.db,
			{ username: 'officer.hungbinh', password: PASSWORD, address },
			now
		);
		expect(await refusalOf(locked)).toEqual({
			status: 429,
			body: { throttled: new Date(now.getTime() + 30_000).toISOString() }
		});
		expect((await auditActions()).at(-1)).toBe('auth.sign_in_throttled');
		const after = await signIn(
			test.db,
			{ username: 'officer.hungbinh', password: PASSWORD, address },
			new Date(now.getTime() + 31_000)
		);
		expect(after.token).toEqual(expect.any(String));
		const rows = await test.db.selectFrom('sign_in_throttle').select('key').execute();
		expect(rows.map((row) => row.key)).toEqual([`ip:${address}`]);
	});

	it('locks a client address after 20 failures across usernames', async () => {
		const now = new Date('2026-03-02T08:00:00Z');
		for (let i = 0; i < 20; i++) {
			const guess = signIn(
				test.db,
				{ username: `guess${i}`, password: 'x', address: '10.9.9.9' },
				now
			);
			expect((await refusalOf(guess)).status).toBe(400);
		}
		const result = signIn(
			test.db,
			{ username: 'officer.hungbinh', password: PASSWORD, address: '10.9.9.9' },
			now
		);
		expect((await refusalOf(result)).status).toBe(429);
		const other = await signIn(
			test.db,
			{ username: 'officer.hungbinh', password: PASSWORD, address: '10.0.0.2' },
			now
		);
		expect(other.token).toEqual(expect.any(String));
	});

	it('forgets counters idle for longer than any policy remembers', async () => {
		const long = new Date('2026-03-03T08:00:00Z');
		await refusalOf(
			signIn(test.db, { username: 'ghost', password: 'x', address: '10.1.1.1' }, long)
		);
		const later = new Date(long.getTime() + 2 * 3_600_000);
		await refusalOf(
			signIn(test.db, { username: 'other', password: 'x', address: '10.1.1.2' }, later)
		);
		const keys = (await test.db.selectFrom('sign_in_throttle').select('key').execute()).map(
			(row) => row.key
		);
		expect(keys.sort()).toEqual(['ip:10.1.1.2', 'user:other']);
	});

	it('counts concurrent failures from several instances without losing any', async () => {
		await Promise.all(
			Array.from({ length: 4 }, () =>
				refusalOf(signIn(test.db, { username: 'officer.hungbinh', password: 'sai', address }))
			)
		);
		const { rows } = await sql<{ failures: number }>`
			SELECT failures FROM sign_in_throttle WHERE key = 'user:officer.hungbinh'
		`.execute(test.db);
		expect(rows[0].failures).toBe(4);
	});
});

describe('changing a password', () => {
	const user = () => ({ id: officerId, username: 'officer.hungbinh', unitId });

	it('explains each problem next to its field and changes nothing', async () => {
		const before = await test.db
			.selectFrom('users')
			.select('password_hash')
			.where('id', '=', officerId)
			.executeTakeFirstOrThrow();
		const cases = [
			[
				{ current: 'sai', next: 'mot-mat-khau-moi', confirm: 'mot-mat-khau-moi' },
				'current',
				'wrong'
			],
			[{ current: PASSWORD, next: 'ngan', confirm: 'ngan' }, 'next', 'too_short'],
			[{ current: PASSWORD, next: PASSWORD, confirm: PASSWORD }, 'next', 'unchanged'],
			[{ current: PASSWORD, next: 'mot-mat-khau-moi', confirm: 'khac-han' }, 'confirm', 'mismatch']
		] as const;
		for (const [input, field, problem] of cases) {
			expect(
				await refusalOf(changePassword(test.db, user(), { ...input, address: '10.0.0.1' }))
			).toEqual({ status: 400, body: { field, problem } });
		}
		const after = await test.db
			.selectFrom('users')
			.select('password_hash')
			.where('id', '=', officerId)
			.executeTakeFirstOrThrow();
		expect(after.password_hash).toBe(before.password_hash);
	});

	it('refuses further guesses of the current password once the username is locked', async () => {
		const now = new Date('2026-04-01T08:00:00Z');
		const guess = { current: 'sai', next: 'mot-mat-khau-moi', confirm: 'mot-mat-khau-moi' };
		for (let i = 0; i < 5; i++) {
			expect(
				(await refusalOf(changePassword(test.db, user(), { ...guess, address: '10.2.2.2' }, now)))
					.body
			).toEqual({ field: 'current', problem: 'wrong' });
		}
		const refused = await refusalOf(
			changePassword(
				test.db,
				user(),
				{
					current: PASSWORD,
					next: 'mot-mat-khau-moi',
					confirm: 'mot-mat-khau-moi',
					address: '10.2.2.2'
				},
				now
			)
		);
		expect(refused).toEqual({ status: 429, body: { field: 'current', problem: 'throttled' } });
		await test.db.deleteFrom('sign_in_throttle').execute();
	});

	it('ends every other session, keeps the user signed in and clears a temporary password', async () => {
		await test.db
			.updateTable('users')
			.set({ must_change_password: true })
			.where('id', '=', officerId)
			.execute();
		const other = await createSession(test.db, officerId);
		const result = await changePassword(test.db, user(), {
			current: PASSWORD,
			next: 'mat-khau-moi-2026',
			confirm: 'mat-khau-moi-2026',
			address: '10.0.0.1'
		});
		expect(await validateSessionToken(test.db, other.token)).toBeNull();
		const current = await validateSessionToken(test.db, result.token);
		expect(current?.user.mustChangePassword).toBe(false);
		expect((await auditActions()).at(-1)).toBe('auth.password_change');
		const signedIn = await signIn(test.db, {
			username: 'officer.hungbinh',
			password: 'mat-khau-moi-2026',
			address: '10.0.0.3'
		});
		expect(signedIn.token).toEqual(expect.any(String));
	});
});

describe('creating a user from the command line', () => {
	it('refuses an unknown unit and a taken username, and audits a creation', async () => {
		const input = {
			role: 'province_admin' as const,
			displayName: 'Quản trị',
			password: 'mot-mat-khau-dai'
		};
		await expect(
			createUser(test.db, null, { ...input, username: 'admin', unitCode: '99' })
		).rejects.toThrow('No active unit has the code 99.');
		const created = await createUser(test.db, null, {
			...input,
			username: 'admin',
			unitCode: '40'
		});
		expect(created.id).toBeGreaterThan(0);
		await expect(
			createUser(test.db, null, { ...input, username: 'admin', unitCode: '40' })
		).rejects.toThrow('The username admin is taken.');
		expect((await auditActions()).at(-1)).toBe('user.create');
		const signedIn = await signIn(test.db, {
			username: 'admin',
			password: 'mot-mat-khau-dai',
			address: '10.0.0.4'
		});
		expect(signedIn.token).toEqual(expect.any(String));
	});
});

describe('area scopes', () => {
	/** Province 40 › ward 16672 › a school under it; ward 16675; the area holds 16672 only. */
	let areaId: number;
	let reviewerId: number;
	const paths = ['/40/', '/40/16672/', '/40/16672/T1/', '/40/16675/', '/40/166721/'];

	beforeAll(async () => {
		const { db } = test;
		const province = await db
			.selectFrom('units')
			.select('id')
			.where('code', '=', '40')
			.executeTakeFirstOrThrow();
		const others = await db
			.insertInto('units')
			.values([
				{
					code: 'T1',
					name: 'Trường Tiểu học Hưng Bình',
					kind: 'school',
					level: 3,
					parent_id: unitId,
					path: '/40/16672/T1/'
				},
				{
					code: '16675',
					name: 'Phường Hà Huy Tập',
					kind: 'ward',
					level: 2,
					parent_id: province.id,
					path: '/40/16675/'
				},
				{
					code: '166721',
					name: 'Phường thử mã dài',
					kind: 'ward',
					level: 2,
					parent_id: province.id,
					path: '/40/166721/'
				}
			])
			.returning('id')
			.execute();
		expect(others).toHaveLength(3);
		const set = await db
			.insertInto('area_sets')
			.values({ code: 'DIA-BAN', name_vi: 'Địa bàn', name_en: 'Areas', valid_from: '2025-07-01' })
			.returning('id')
			.executeTakeFirstOrThrow();
		areaId = (
			await db
				.insertInto('areas')
				.values({ area_set_id: set.id, code: 'VINH', name: 'Vinh', map_codes: ['412'] })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		await db
			.insertInto('area_members')
			.values({ area_id: areaId, area_set_id: set.id, unit_id: unitId })
			.execute();
		reviewerId = (
			await db
				.insertInto('users')
				.values({
					username: 'reviewer.area',
					role: 'district_reviewer',
					unit_id: province.id,
					area_id: areaId,
					password_hash: await hashPassword(PASSWORD)
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	});

	it('puts the area on the session user', async () => {
		const { token } = await createSession(test.db, reviewerId);
		const valid = await validateSessionToken(test.db, token);
		expect(valid?.user).toMatchObject({ username: 'reviewer.area', scopePath: '/40/', areaId });
	});

	it('holds the area’s members and the units under them, nothing else', async () => {
		const inside = [];
		for (const path of paths) inside.push(await inAreaScope(test.db, { areaId }, path));
		expect(inside).toEqual([false, true, true, false, false]);
		expect(await listAreaMemberIds(test.db, areaId)).toEqual([unitId]);
	});

	it('narrows a query to the area, and leaves it whole without one', async () => {
		const codes = async (actor: { areaId?: number | null }) =>
			(
				await test.db
					.selectFrom('units as u')
					.select('u.code')
					.where(areaUnitFilter(actor, 'u.path'))
					.orderBy('u.path')
					.execute()
			).map((row) => row.code);
		expect(await codes({ areaId })).toEqual(['16672', 'T1']);
		expect(await codes({ areaId: null })).toEqual(['40', '16672', 'T1', '166721', '16675']);
		expect(await codes({})).toHaveLength(5);
	});

	it('answers 404 for a unit outside the area, as for one outside the unit scope', async () => {
		await expect(requireAreaScope(test.db, { areaId }, '/40/16672/T1/')).resolves.toBeUndefined();
		await expect(requireAreaScope(test.db, { areaId }, '/40/16675/')).rejects.toMatchObject({
			status: 404
		});
		await expect(
			requireAreaScope(test.db, { areaId: null }, '/40/16675/')
		).resolves.toBeUndefined();
	});
});
