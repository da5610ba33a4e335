// The audit log as an admin reads it: scope, filters by actor, unit, action and Vietnam dates, pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminActor } from '../../src/lib/server/auth/guards';
import { writeAudit } from '../../src/lib/server/audit/repository';
import {
	AUDIT_PAGE_SIZE,
	listAuditActions,
	readAudit,
	type AuditFilters
} from '../../src/lib/server/audit/service';
import { createUserByAdmin, setUserActive } from '../../src/lib/server/users/service';
import type { TestDatabase } from './helpers/database';
import { createSeededDatabase, demoAdmin } from './helpers/fixtures';

let test: TestDatabase;
let admin: AdminActor;
const VINH = '/40/412/';
const none: AuditFilters = { actor: '', unit: '', action: '', from: null, to: null, page: 1 };

async function unitId(code: string) {
	const row = await test.db
		.selectFrom('units')
		.select('id')
		.where('code', '=', code)
		.executeTakeFirstOrThrow();
	return row.id;
}

async function entries(scopePath: string, filters: Partial<AuditFilters>) {
	const page = await readAudit(test.db, { scopePath }, { ...none, ...filters });
	if (page.unitUnknown) throw new Error('unit unknown');
	return page;
}

beforeAll(async () => {
	test = await createSeededDatabase();
	admin = await demoAdmin(test.db, '203.0.113.9');
	// Known entries at known Vietnam times, by an actor nobody else is.
	const auditor = { id: admin.id, username: 'auditor.test' };
	const at = [
		['2026-03-31T23:30:00+07:00', '16672'], // 31/03 in Vietnam, 16:30 UTC
		['2026-04-01T00:30:00+07:00', '16672'], // 01/04 in Vietnam, still 31/03 in UTC
		['2026-04-30T23:59:00+07:00', '413'],
		['2026-05-01T00:00:00+07:00', '412']
	] as const;
	for (const [moment, code] of at) {
		await writeAudit(test.db, {
			actor: auditor,
			action: 'test.probe',
			entityType: 'unit',
			entityId: code,
			unitId: await unitId(code),
			after: { at: moment }
		});
		await test.db
			.updateTable('audit_log')
			.set({ at: moment } as never)
			.where('actor_name', '=', 'auditor.test')
			.where('entity_id', '=', code)
			.where('after', '=', JSON.stringify({ at: moment }))
			.execute();
	}
	await writeAudit(test.db, {
		actor: auditor,
		action: 'test.province',
		entityType: 'campaign',
		entityId: 'CAP-DHKM',
		before: { name: 'A' },
		after: { name: 'B' }
	});
}, 300_000);
afterAll(() => test?.drop());

describe('the audit log', () => {
	it('lists newest first and writes what user administration did', async () => {
		const created = await createUserByAdmin(test.db, admin, {
			username: 'audit.moi',
			displayName: 'Kiểm tra',
			role: 'leader',
			unitCode: '16681'
		});
		expect(created.username).toBe('audit.moi');
		await setUserActive(test.db, admin, 'audit.moi', false);
		const page = await entries('/40/', { actor: 'admin' });
		expect(page.entries.slice(0, 2).map((entry) => [entry.action, entry.subject_username])).toEqual(
			[
				['user.deactivate', 'audit.moi'],
				['user.create', 'audit.moi']
			]
		);
		expect(page.entries[0]).toMatchObject({
			actor_name: 'admin',
			unit_code: '16681',
			before: { active: true },
			after: { active: false },
			ip: '203.0.113.9'
		});
	});

	it('filters by actor, action and unit subtree', async () => {
		const probes = await entries('/40/', { actor: 'auditor.test', action: 'test.probe' });
		expect(probes.entries.map((entry) => entry.entity_id)).toEqual([
			'412',
			'413',
			'16672',
			'16672'
		]);
		const vinh = await entries('/40/', { actor: 'auditor.test', unit: '412' });
		expect(vinh.entries.map((entry) => entry.entity_id)).toEqual(['412', '16672', '16672']);
		expect(await readAudit(test.db, { scopePath: '/40/' }, { ...none, unit: 'NOPE' })).toEqual({
			unitUnknown: true
		});
	});

	it('reads dates as Vietnam calendar days, both ends included', async () => {
		const april = await entries('/40/', {
			actor: 'auditor.test',
			from: '2026-04-01',
			to: '2026-04-30'
		});
		expect(april.entries.map((entry) => entry.entity_id)).toEqual(['413', '16672']);
		const march = await entries('/40/', { actor: 'auditor.test', to: '2026-03-31' });
		expect(march.entries.map((entry) => entry.entity_id)).toEqual(['16672']);
		const may = await entries('/40/', {
			actor: 'auditor.test',
			action: 'test.probe',
			from: '2026-05-01'
		});
		expect(may.entries.map((entry) => entry.entity_id)).toEqual(['412']);
	});

	it('keeps a sub-province admin to their units, and province-wide entries to the root', async () => {
		const root = await entries('/40/', { actor: 'auditor.test' });
		expect(root.entries.map((entry) => entry.action)).toContain('test.province');
		const vinh = await entries(VINH, { actor: 'auditor.test' });
		expect(vinh.entries.map((entry) => entry.entity_id)).toEqual(['412', '16672', '16672']);
		// Another district's unit is not found for Vinh's admin, not merely empty.
		expect(await readAudit(test.db, { scopePath: VINH }, { ...none, unit: '413' })).toEqual({
			unitUnknown: true
		});
	});

	it('pages by 50 without gaps or repeats', async () => {
		const first = await entries('/40/', {});
		const second = await entries('/40/', { page: 2 });
		expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.hasNext).toBe(true);
		const ids = [...first.entries, ...second.entries].map((entry) => entry.id);
		expect(new Set(ids).size).toBe(ids.length);
		const last = first.entries.at(-1)!;
		expect(new Date(second.entries[0].at).getTime()).toBeLessThanOrEqual(
			new Date(last.at).getTime()
		);
		const few = await entries('/40/', { actor: 'auditor.test' });
		expect(few.hasNext).toBe(false);
	});

	it('offers the distinct actions present', async () => {
		const actions = await listAuditActions(test.db);
		expect(actions).toEqual([...actions].sort());
		expect(actions).toEqual(
			expect.arrayContaining(['test.probe', 'user.create', 'user.deactivate'])
		);
		expect(new Set(actions).size).toBe(actions.length);
	});
});
