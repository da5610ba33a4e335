// `npm run units:reorganise`'s use case (the same code the app runs for the script over its
// control socket): the preview as text, a refusal that writes nothing, --scope, --apply, and the
// same file again.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import {
	parseScope,
	readReorganiseRequest,
	reorganiseFromCommandLine
} from '../../src/lib/server/control/units-reorganise';
import { applyUnitImport } from '../../src/lib/server/units/import';
import { createRootUnit } from '../../src/lib/server/units/service';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { refusalOf } from './helpers/refusal';
import { expectKeptFiguresFresh } from './helpers/kept';

const HEADER = 'new_code,new_name,new_type_vi,new_kind,old_code,old_name,part';
// Two communes of Kỳ Sơn merged into a new one; Kỳ Sơn keeps its other communes.
const MERGE = `${HEADER}\n16816,Xã Mỹ Lý Bắc Lý,Xã,commune,16816,Xã Mỹ Lý,full\n16816,Xã Mỹ Lý Bắc Lý,Xã,commune,16819,Xã Bắc Lý,full\n`;

let test: TestDatabase;

beforeAll(async () => {
	test = await createTestDatabase();
	await createRootUnit(test.db, null, {
		code: '40',
		name: 'Tỉnh Nghệ An',
		typeVi: 'Tỉnh',
		kind: 'province'
	});
	const province = await test.db
		.selectFrom('units')
		.select('id')
		.where('code', '=', '40')
		.executeTakeFirstOrThrow();
	const admin = await test.db
		.insertInto('users')
		.values({
			username: 'quantri',
			role: 'province_admin',
			unit_id: province.id,
			password_hash: 'x'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const actor: AdminActor = {
		id: admin.id,
		username: 'quantri',
		role: 'province_admin',
		scopePath: '/40/',
		ip: null
	};
	await applyUnitImport(
		test.db,
		actor,
		readFileSync('scripts/seed/data/units-2025-03.csv', 'utf8')
	);
	const unit = await test.db
		.selectFrom('units')
		.select('id')
		.where('code', '=', '16819')
		.executeTakeFirstOrThrow();
	await test.db
		.insertInto('users')
		.values({
			username: 'officer.bacly',
			role: 'ward_officer',
			unit_id: unit.id,
			password_hash: 'x'
		})
		.execute();
}, 120_000);
afterAll(() => test.drop());
afterEach(() => expectKeptFiguresFresh(test?.db));

const request = (args: Record<string, unknown>) =>
	readReorganiseRequest({ fileName: 'merge.csv', text: MERGE, effectiveOn: '2027-01-01', ...args });

describe('units:reorganise', () => {
	it('reads --scope as user=UNIT or user=UNIT/SET/AREA', () => {
		expect(parseScope('Reviewer.Vinh=40/DIA-BAN-HUYEN-CU/412')).toEqual({
			username: 'reviewer.vinh',
			scope: { unitCode: '40', areaCode: 'DIA-BAN-HUYEN-CU/412' }
		});
		expect(parseScope('officer.x=16681')).toEqual({
			username: 'officer.x',
			scope: { unitCode: '16681' }
		});
		expect(parseScope('no-unit')).toBeNull();
	});

	it('previews as the first administrator of the whole tree, writing nothing', async () => {
		const result = await reorganiseFromCommandLine(test.db, request({}));
		expect(result.ok).toBe(true);
		expect(result.lines).toEqual([
			'As quantri.',
			'merge.csv (mapping), effective 2027-01-01',
			'created 1, merged 2, split 0, renamed 0, kindChanged 0, moved 0, retired 0, emptied 0, ' +
				'hanging 0, users 1, usersWithoutScope 0, assessments 0, campaigns 0, errors 0',
			'  user officer.bacly (16819) → 16816',
			'Preview only: add --apply to apply it.'
		]);
		const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM reorganisations`.execute(
			test.db
		);
		expect(count.rows[0].n).toBe(0);
	});

	it('refuses a wrong file row by row and writes nothing', async () => {
		const wrong = `${HEADER}\n16816,Xã Mới,Xã,commune,16816,Xã Sai Tên,full\n`;
		const result = await reorganiseFromCommandLine(test.db, request({ text: wrong, apply: true }));
		expect(result.ok).toBe(false);
		expect(result.lines.slice(-2)).toEqual([
			'  line 2, 16816: the name does not match: this code is "Xã Mỹ Lý"',
			'Not applied: nothing was written.'
		]);
	});

	it('refuses an unknown administrator and a bad date', async () => {
		expect(await refusalOf(reorganiseFromCommandLine(test.db, request({ as: 'nobody' })))).toEqual({
			status: 400,
			body: {}
		});
		const badDate = await refusalOf(
			reorganiseFromCommandLine(test.db, request({ effectiveOn: '01/07/2025' }))
		);
		expect(badDate.status).toBe(400);
	});

	it('applies with --apply, a given scope taking the place of the successor', async () => {
		const result = await reorganiseFromCommandLine(
			test.db,
			request({ apply: true, scopes: ['officer.bacly=16822'] })
		);
		expect(result.ok).toBe(true);
		expect(result.lines).toContain('  user officer.bacly (16819) → 16822');
		expect(result.lines.at(-1)).toMatch(/^Applied: reorganisation #\d+\.$/);
		const officer = await test.db
			.selectFrom('users')
			.innerJoin('units', 'units.id', 'users.unit_id')
			.select('units.code')
			.where('username', '=', 'officer.bacly')
			.executeTakeFirstOrThrow();
		expect(officer.code).toBe('16822');
		const again = await reorganiseFromCommandLine(test.db, request({ apply: true }));
		expect(again.lines.slice(-2)).toEqual([
			expect.stringMatching(/^Already applied \(reorganisation #\d+, /),
			'Nothing changed.'
		]);
	});
});
