// Users as a province admin manages them, on a seeded demo: scope, temporary passwords, sessions
// ended, stale edits refused, CSV imports all or nothing, and the audit trail of each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRow } from '../../src/lib/domain/user-import';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import { importUsers, previewUserImport } from '../../src/lib/server/users/import';
import {
	findAreaByRef,
	insertAreaMembers,
	insertAreaSet,
	insertAreas
} from '../../src/lib/server/areas/repository';
import { findUserInScope } from '../../src/lib/server/users/repository';
import {
	createUserByAdmin,
	listUsersInScope,
	resetUserPassword,
	setUserActive,
	updateUser
} from '../../src/lib/server/users/service';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/auth/sign-in';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase, demoAdmin } from './helpers/fixtures';
import { refusalOf } from './helpers/refusal';

let test: TestDatabase;
let admin: AdminActor;
/** A province admin of Phường Thành Vinh (16681) only (Thành phố Vinh, 412, retired in 2025). */
let vinhAdmin: AdminActor;

const HEADER = 'username,display_name,role,unit_code';

beforeAll(async () => {
	test = await createSeededDatabase();
	admin = await demoAdmin(test.db, '203.0.113.7');
	const created = await createUserByAdmin(test.db, admin, {
		username: 'admin.vinh',
		displayName: 'Quản trị Vinh',
		role: 'province_admin',
		unitCode: '16681'
	});
	vinhAdmin = {
		id: created.id,
		username: 'admin.vinh',
		role: 'province_admin',
		scopePath: '/40/16681/',
		ip: null
	};
}, 300_000);
afterAll(() => test?.drop());

function userRow(username: string) {
	return test.db
		.selectFrom('users')
		.selectAll()
		.where('username', '=', username)
		.executeTakeFirst();
}

function auditFor(userId: number) {
	return test.db
		.selectFrom('audit_log')
		.select(['action', 'actor_name', 'unit_id', 'before', 'after', 'ip'])
		.where('entity_type', '=', 'user')
		.where('entity_id', '=', String(userId))
		.orderBy('id')
		.execute();
}

async function sessionsOf(userId: number) {
	const rows = await test.db
		.selectFrom('sessions')
		.select('id')
		.where('user_id', '=', userId)
		.execute();
	return rows.length;
}

describe('creating a user', () => {
	it('creates the user with a temporary password that signs in and must be changed', async () => {
		const result = await createUserByAdmin(test.db, admin, {
			username: '  CB.Moi ',
			displayName: ' Nguyễn Văn Mới ',
			role: 'ward_officer',
			unitCode: '16690'
		});
		expect(result.username).toBe('cb.moi');
		expect(result.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
		const row = await userRow('cb.moi');
		expect(row).toMatchObject({
			display_name: 'Nguyễn Văn Mới',
			role: 'ward_officer',
			active: true,
			must_change_password: true
		});
		expect(row!.password_hash).not.toContain(result.password);
		const signedIn = await signIn(test.db, {
			username: 'cb.moi',
			password: result.password,
			address: '198.51.100.1'
		});
		expect(signedIn).toMatchObject({ token: expect.any(String), mustChangePassword: true });
		const audit = await auditFor(result.id);
		expect(audit[0]).toMatchObject({
			action: 'user.create',
			actor_name: 'admin',
			ip: '203.0.113.7',
			after: {
				username: 'cb.moi',
				display_name: 'Nguyễn Văn Mới',
				role: 'ward_officer',
				unit: '16690'
			}
		});
		expect(JSON.stringify(audit)).not.toContain(result.password);
		expect(JSON.stringify(audit)).not.toContain('argon2');
	});

	it('refuses a duplicate username, a bad one, an unknown role and an empty name', async () => {
		expect(
			await refusalOf(
				createUserByAdmin(test.db, admin, {
					username: 'officer.hungbinh',
					displayName: 'X',
					role: 'leader',
					unitCode: '16681'
				})
			)
		).toEqual({ status: 400, body: { errors: { username: 'username_taken' } } });
		expect(
			await refusalOf(
				createUserByAdmin(test.db, admin, {
					username: 'a b',
					displayName: '',
					role: 'king',
					unitCode: '16681'
				})
			)
		).toEqual({
			status: 400,
			body: {
				errors: { username: 'username_invalid', display_name: 'name_empty', role: 'role_unknown' }
			}
		});
	});

	it('refuses an unknown unit, a retired one and one outside the admin scope', async () => {
		const input = { username: 'cb.ngoai', displayName: 'Ngoài', role: 'leader' };
		expect(
			await refusalOf(createUserByAdmin(test.db, vinhAdmin, { ...input, unitCode: '999999' }))
		).toEqual({ status: 400, body: { errors: { unit_code: 'unit_unknown' } } });
		// Thành phố Vinh (412) retired on 01/07/2025: no active unit holds the code.
		expect(
			await refusalOf(createUserByAdmin(test.db, admin, { ...input, unitCode: '412' }))
		).toEqual({ status: 400, body: { errors: { unit_code: 'unit_unknown' } } });
		expect(
			await refusalOf(createUserByAdmin(test.db, vinhAdmin, { ...input, unitCode: '16690' }))
		).toEqual({ status: 400, body: { errors: { unit_code: 'unit_out_of_scope' } } });
		expect(await userRow('cb.ngoai')).toBeUndefined();
	});
});

describe('listing users', () => {
	it('lists the scope only and filters by text, role, unit and status', async () => {
		const vinh = await listUsersInScope(test.db, vinhAdmin, {
			q: '',
			role: null,
			unit: '',
			status: null,
			page: 1
		});
		expect(vinh!.rows.map((row) => row.username)).toContain('officer.hungbinh');
		expect(vinh!.rows.map((row) => row.username)).not.toContain('admin');
		expect(vinh!.total).toBe(vinh!.rows.length);
		const byName = await listUsersInScope(test.db, admin, {
			q: 'mới',
			role: 'ward_officer',
			unit: '16690',
			status: 'active',
			page: 1
		});
		expect(byName!.rows.map((row) => row.username)).toEqual(['cb.moi']);
		for (const q of ['NGUYEN VAN MOI', 'Nguyễn Văn', 'văn mơi']) {
			const found = await listUsersInScope(test.db, admin, {
				q,
				role: null,
				unit: '16690',
				status: null,
				page: 1
			});
			expect(
				found!.rows.map((row) => row.username),
				q
			).toEqual(['cb.moi']);
		}
		expect(
			await listUsersInScope(test.db, vinhAdmin, {
				q: '',
				role: null,
				unit: '16690',
				status: null,
				page: 1
			})
		).toBeNull();
	});

	it('pages by 50', async () => {
		const all = await listUsersInScope(test.db, admin, {
			q: '',
			role: null,
			unit: '',
			status: null,
			page: 1
		});
		expect(all!.total).toBeGreaterThan(50);
		expect(all!.rows).toHaveLength(50);
		const second = await listUsersInScope(test.db, admin, {
			q: '',
			role: null,
			unit: '',
			status: null,
			page: 2
		});
		expect(second!.rows[0].username > all!.rows[49].username).toBe(true);
	});
});

describe('editing a user', () => {
	it('saves name, role and unit with the current revision and audits before and after', async () => {
		const user = (await findUserInScope(test.db, admin.scopePath, 'cb.moi'))!;
		const result = await updateUser(test.db, admin, 'cb.moi', {
			displayName: 'Nguyễn Văn Mới (Vinh)',
			role: 'district_reviewer',
			unitCode: '16681',
			revision: user.revision
		});
		expect(result).toBeUndefined();
		const audit = await auditFor(user.id);
		expect(audit.at(-1)).toMatchObject({
			action: 'user.update',
			before: { display_name: 'Nguyễn Văn Mới', role: 'ward_officer', unit: '16690' },
			after: { display_name: 'Nguyễn Văn Mới (Vinh)', role: 'district_reviewer', unit: '16681' }
		});
		// The form read before that save is stale now.
		expect(
			await refusalOf(
				updateUser(test.db, admin, 'cb.moi', {
					displayName: 'Ghi đè',
					role: 'leader',
					unitCode: '16681',
					revision: user.revision
				})
			)
		).toEqual({ status: 409, body: { errors: { form: 'stale' } } });
		expect((await userRow('cb.moi'))!.display_name).toBe('Nguyễn Văn Mới (Vinh)');
	});

	it('answers not found outside the scope and refuses an out-of-scope unit', async () => {
		const admin413 = (await findUserInScope(test.db, admin.scopePath, 'reviewer.413'))!;
		expect(
			await refusalOf(
				updateUser(test.db, vinhAdmin, 'reviewer.413', {
					displayName: 'X',
					role: 'leader',
					unitCode: '16681',
					revision: admin413.revision
				})
			)
		).toEqual({ status: 404, body: {} });
		const own = (await findUserInScope(test.db, vinhAdmin.scopePath, 'cb.moi'))!;
		expect(
			await refusalOf(
				updateUser(test.db, vinhAdmin, 'cb.moi', {
					displayName: 'X',
					role: 'leader',
					unitCode: '16690',
					revision: own.revision
				})
			)
		).toEqual({ status: 400, body: { errors: { unit_code: 'unit_out_of_scope' } } });
		expect(await refusalOf(setUserActive(test.db, vinhAdmin, 'reviewer.413', false))).toEqual({
			status: 404,
			body: {}
		});
	});

	it('does not let an admin demote, move or deactivate themself', async () => {
		const self = (await findUserInScope(test.db, admin.scopePath, 'admin'))!;
		const edit = {
			displayName: 'Quản trị',
			role: 'province_admin',
			unitCode: '40',
			revision: self.revision
		};
		expect(
			await refusalOf(updateUser(test.db, admin, 'admin', { ...edit, role: 'leader' }))
		).toEqual({ status: 400, body: { errors: { role: 'self_role' } } });
		expect(
			await refusalOf(updateUser(test.db, admin, 'admin', { ...edit, unitCode: '16681' }))
		).toEqual({ status: 400, body: { errors: { unit_code: 'self_unit' } } });
		expect(await refusalOf(setUserActive(test.db, admin, 'admin', false))).toEqual({
			status: 400,
			body: { errors: { form: 'self' } }
		});
		expect(await refusalOf(resetUserPassword(test.db, admin, 'admin'))).toEqual({
			status: 400,
			body: { errors: { form: 'self' } }
		});
		expect((await userRow('admin'))!).toMatchObject({ active: true, role: 'province_admin' });
		expect(
			await updateUser(test.db, admin, 'admin', { ...edit, displayName: 'Quản trị tỉnh' })
		).toBeUndefined();
	});
});

describe('deactivating and resetting', () => {
	it('deactivation ends every open session at once and blocks sign-in; reactivation restores it', async () => {
		const user = (await userRow('officer.hungbinh'))!;
		// The demo already moved the officer (into Phường Thành Vinh, 2025): only what follows counts.
		const earlier = (await auditFor(user.id)).length;
		const { token } = await createSession(test.db, user.id);
		await createSession(test.db, user.id);
		expect(await sessionsOf(user.id)).toBe(2);
		expect(await setUserActive(test.db, admin, 'officer.hungbinh', false)).toBeUndefined();
		expect(await sessionsOf(user.id)).toBe(0);
		expect(await validateSessionToken(test.db, token)).toBeNull();
		expect(
			(
				await refusalOf(
					signIn(test.db, {
						username: 'officer.hungbinh',
						password: 'kieumau-demo',
						address: '198.51.100.2'
					})
				)
			).status
		).toBe(400);
		expect(await setUserActive(test.db, admin, 'officer.hungbinh', true)).toBeUndefined();
		expect(
			await signIn(test.db, {
				username: 'officer.hungbinh',
				password: 'kieumau-demo',
				address: '198.51.100.2'
			})
		).toMatchObject({ token: expect.any(String), mustChangePassword: false });
		const audit = (await auditFor(user.id)).slice(earlier);
		expect(audit.filter((entry) => entry.action.startsWith('user.'))).toMatchObject([
			{
				action: 'user.deactivate',
				before: { active: true },
				after: { active: false },
				unit_id: user.unit_id
			},
			{ action: 'user.reactivate', before: { active: false }, after: { active: true } }
		]);
	});

	it('a reset sets must-change, ends the sessions, and the new password signs in', async () => {
		const user = (await userRow('reviewer.vinh'))!;
		await createSession(test.db, user.id);
		const result = await resetUserPassword(test.db, admin, 'reviewer.vinh');
		expect(result.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
		expect(await sessionsOf(user.id)).toBe(0);
		expect((await userRow('reviewer.vinh'))!.must_change_password).toBe(true);
		expect(
			(
				await refusalOf(
					signIn(test.db, {
						username: 'reviewer.vinh',
						password: 'kieumau-demo',
						address: '198.51.100.3'
					})
				)
			).status
		).toBe(400);
		expect(
			await signIn(test.db, {
				username: 'reviewer.vinh',
				password: result.password,
				address: '198.51.100.3'
			})
		).toMatchObject({ token: expect.any(String), mustChangePassword: true });
		const audit = await auditFor(user.id);
		const reset = audit.find((entry) => entry.action === 'user.password_reset')!;
		expect(reset.after).toEqual({ must_change_password: true });
		expect(JSON.stringify(audit)).not.toContain(result.password);
	});
});

describe('importing users from CSV', () => {
	it('previews per-row errors and writes nothing while any row has one', async () => {
		const text = [
			HEADER,
			'nhap.mot,Nhập Một,ward_officer,16681',
			'nhap.mot,Nhập Trùng,ward_officer,16681',
			'officer.hungbinh,Đã có,leader,16681',
			'nhap.hai,Nhập Hai,chief,16681',
			'nhap.ba,Nhập Ba,leader,999999',
			'nhap.bon,,leader,16681',
			'x,Ngắn,leader,16681'
		].join('\n');
		const preview = await refusalOf(previewUserImport(test.db, admin, text));
		expect(preview).toMatchObject({ status: 400, body: { clean: false } });
		const { rows } = preview.body as { rows: ImportRow[] };
		expect(rows.map((row) => [row.line, row.problems])).toEqual([
			[2, ['username_duplicate']],
			[3, ['username_duplicate']],
			[4, ['username_taken']],
			[5, ['role_unknown']],
			[6, ['unit_unknown']],
			[7, ['name_empty']],
			[8, ['username_invalid']]
		]);
		const before = await test.db.selectFrom('users').select('id').execute();
		const result = await refusalOf(importUsers(test.db, admin, text));
		expect(result).toMatchObject({ status: 400, body: { clean: false } });
		expect(await test.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
		expect(await userRow('nhap.mot')).toBeUndefined();
	});

	it('refuses units outside the scope, and a file without the header', async () => {
		const preview = await refusalOf(
			previewUserImport(test.db, vinhAdmin, `${HEADER}\nnhap.ngoai,Ngoài,leader,16690\n`)
		);
		expect((preview.body as { rows: ImportRow[] }).rows[0].problems).toEqual(['unit_out_of_scope']);
		expect(await refusalOf(previewUserImport(test.db, admin, 'ten,vai tro\na,b'))).toMatchObject({
			status: 400,
			body: { problem: 'header' }
		});
	});

	it('creates every user in one go, each with a temporary password, audited', async () => {
		const text = `\uFEFF${HEADER}\r\nnhap.mot,Nhập Một,ward_officer,16681\r\nnhap.hai,"Trần Thị Hai, phó",district_reviewer,16681\r\n`;
		const result = await importUsers(test.db, vinhAdmin, text);
		expect(result.created.map((user) => [user.username, user.displayName, user.unitCode])).toEqual([
			['nhap.mot', 'Nhập Một', '16681'],
			['nhap.hai', 'Trần Thị Hai, phó', '16681']
		]);
		for (const user of result.created) {
			expect(await userRow(user.username)).toMatchObject({
				must_change_password: true,
				active: true
			});
			expect(
				await signIn(test.db, {
					username: user.username,
					password: user.password,
					address: '198.51.100.4'
				})
			).toMatchObject({ token: expect.any(String), mustChangePassword: true });
			const row = (await userRow(user.username))!;
			const audit = await auditFor(row.id);
			expect(audit[0]).toMatchObject({
				action: 'user.import',
				actor_name: 'admin.vinh',
				after: { username: user.username, role: user.role, unit: user.unitCode }
			});
			expect(JSON.stringify(audit)).not.toContain(user.password);
		}
		// The same file again: every username is taken now.
		const again = await refusalOf(importUsers(test.db, vinhAdmin, text));
		expect(again.status).toBe(400);
		expect((again.body as { rows: ImportRow[] }).rows.map((row) => row.problems)).toEqual([
			['username_taken'],
			['username_taken']
		]);
	});
});

describe('scoping a reviewer or leader to a reporting area', () => {
	/** Two active commune-level units of the demo, put in an area of a set made for the test. */
	let members: { id: number; code: string; path: string }[];

	beforeAll(async () => {
		members = await test.db
			.selectFrom('units')
			.select(['id', 'code', 'path'])
			.where('status', '=', 'active')
			.where('kind', 'in', ['ward', 'commune'])
			.orderBy('code')
			.limit(2)
			.execute();
		await test.db.transaction().execute(async (trx) => {
			const setId = await insertAreaSet(trx, {
				code: 'TEST-SET',
				name_vi: 'Bộ thử',
				name_en: 'Test set',
				valid_from: '2025-07-01'
			});
			const [area] = await insertAreas(trx, setId, [
				{ code: 'A', name: 'Địa bàn A', map_codes: [] }
			]);
			await insertAreaMembers(
				trx,
				setId,
				members.map((unit) => ({ areaId: area.id, unitId: unit.id }))
			);
		});
	});

	it('creates a reviewer of the province scoped to an area, audited and listed', async () => {
		const created = await createUserByAdmin(test.db, admin, {
			username: 'reviewer.area',
			displayName: 'Thẩm định địa bàn A',
			role: 'district_reviewer',
			unitCode: '40',
			areaRef: 'TEST-SET/A'
		});
		const row = (await userRow('reviewer.area'))!;
		const area = (await findAreaByRef(test.db, 'TEST-SET/A'))!;
		expect(row.area_id).toBe(area.id);
		expect((await auditFor(created.id)).at(-1)).toMatchObject({
			action: 'user.create',
			after: { username: 'reviewer.area', unit: '40', area: 'TEST-SET/A' }
		});
		const list = await listUsersInScope(test.db, admin, {
			q: 'reviewer.area',
			role: null,
			unit: '',
			status: null,
			page: 1
		});
		expect(list!.rows.map((user) => [user.username, user.area_ref])).toEqual([
			['reviewer.area', 'TEST-SET/A']
		]);
	});

	it('refuses an unknown area, an officer with an area, an area beyond the unit', async () => {
		const attempt = (role: string, unitCode: string, areaRef: string) =>
			refusalOf(
				createUserByAdmin(test.db, admin, {
					username: 'area.refused',
					displayName: 'Bị từ chối',
					role,
					unitCode,
					areaRef
				})
			);
		expect((await attempt('leader', '40', 'TEST-SET/Z')).body).toEqual({
			errors: { area: 'area_unknown' }
		});
		expect((await attempt('ward_officer', members[0].code, 'TEST-SET/A')).body).toEqual({
			errors: { area: 'area_role' }
		});
		// The area holds two units; the first alone does not cover the second.
		expect((await attempt('leader', members[0].code, 'TEST-SET/A')).body).toEqual({
			errors: { area: 'area_outside_unit' }
		});
		expect(await userRow('area.refused')).toBeUndefined();
	});

	it('changes and clears the area on edit, audited; an edit without the field keeps it', async () => {
		const revision = async () =>
			(await findUserInScope(test.db, admin.scopePath, 'reviewer.area'))!.revision;
		const edit = (areaRef?: string) => ({
			displayName: 'Thẩm định địa bàn A',
			role: 'district_reviewer',
			unitCode: '40',
			areaRef
		});
		await updateUser(test.db, admin, 'reviewer.area', { ...edit(), revision: await revision() });
		expect((await findUserInScope(test.db, admin.scopePath, 'reviewer.area'))!.area_ref).toBe(
			'TEST-SET/A'
		);
		await updateUser(test.db, admin, 'reviewer.area', { ...edit(''), revision: await revision() });
		const row = (await userRow('reviewer.area'))!;
		expect(row.area_id).toBeNull();
		expect((await auditFor(row.id)).at(-1)).toMatchObject({
			action: 'user.update',
			before: { area: 'TEST-SET/A' },
			after: { area: null }
		});
		const refused = await refusalOf(
			updateUser(test.db, admin, 'reviewer.area', {
				...edit('TEST-SET/A'),
				role: 'ward_officer',
				revision: await revision()
			})
		);
		expect(refused.body).toEqual({ errors: { area: 'area_role' } });
	});
});
