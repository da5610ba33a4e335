import { error, fail } from '@sveltejs/kit';
import { cleanText, UNIT_KINDS, UNIT_TYPES_VI } from '$lib/domain/unit-rules';
import { requireAdmin } from '$lib/server/auth/guards';
import { findScopedUnit } from '$lib/server/admin/units/repository';
import {
	mergeUnits,
	moveUnit,
	retireUnit,
	updateUnit,
	type UnitResult
} from '$lib/server/admin/units/service';
import { getDb } from '$lib/server/db';
import { hasChildren, listAncestors, subtreePattern } from '$lib/server/units/repository';
import { loadLineage } from '$lib/server/units/unit-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const db = getDb();
	const unit = await findScopedUnit(db, actor.scopePath, event.params.unit);
	if (!unit) error(404, 'Unit not found');
	const [ancestors, lineage, siblings, users, campaigns, parent] = await Promise.all([
		listAncestors(db, unit.path),
		loadLineage(db, unit.id),
		unit.parent_id === null
			? []
			: db
					.selectFrom('units')
					.select(['code', 'name'])
					.where('parent_id', '=', unit.parent_id)
					.where('status', '=', 'active')
					.where('id', '<>', unit.id)
					.where('path', 'like', subtreePattern(actor.scopePath))
					.orderBy('name')
					.limit(300)
					.execute(),
		db
			.selectFrom('users')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('unit_id', '=', unit.id)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('campaigns')
			.select(['code', 'name_vi', 'name_en', 'applies_to'])
			.orderBy('start_date')
			.execute(),
		hasChildren(db, unit.id)
	]);
	return {
		unit: {
			code: unit.code,
			name: unit.name,
			type_vi: unit.type_vi,
			kind: unit.kind,
			level: unit.level,
			path: unit.path,
			status: unit.status,
			retired_on: unit.retired_on,
			parent_code: unit.parent_code,
			revision: unit.revision,
			isScopeRoot: unit.path === actor.scopePath
		},
		breadcrumbs: ancestors
			.filter((ancestor) => ancestor.path.startsWith(actor.scopePath))
			.map((ancestor) => ({ code: ancestor.code, name: ancestor.name, linked: true })),
		lineage,
		siblings,
		users: Number(users.n),
		// The unit's public page exists in a campaign that applies to it, or above such units.
		campaigns: campaigns
			.filter((campaign) => parent || campaign.applies_to.includes(unit.kind))
			.map(({ code, name_vi, name_en }) => ({ code, name_vi, name_en })),
		kinds: UNIT_KINDS,
		types: UNIT_TYPES_VI
	};
};

type FormName = 'edit' | 'move' | 'retire' | 'merge';

/** Turns a refused service result into the page's answer: 404, 409 for a stale form, else 400. */
function refused(name: FormName, result: Extract<UnitResult, { ok: false }>, values: object) {
	if (result.errors.form === 'not_found') error(404, 'Unit not found');
	const status = result.errors.form === 'stale' ? 409 : 400;
	return fail(status, { form: name, values, errors: result.errors, subject: result.subject ?? '' });
}

async function read(event: { request: Request }) {
	const form = await event.request.formData();
	const text = (name: string) => String(form.get(name) ?? '');
	return { form, text, revision: text('revision') };
}

export const actions: Actions = {
	edit: async (event) => {
		const actor = requireAdmin(event);
		const { text, revision } = await read(event);
		const values = {
			name: cleanText(text('name')),
			type_vi: cleanText(text('type_vi')),
			kind: text('kind')
		};
		const result = await updateUnit(getDb(), actor, {
			code: event.params.unit,
			revision,
			name: values.name,
			typeVi: values.type_vi,
			kind: values.kind
		});
		if (!result.ok) return refused('edit', result, values);
		return { form: 'edit' as const, done: true };
	},
	move: async (event) => {
		const actor = requireAdmin(event);
		const { text, revision } = await read(event);
		const values = { parent: text('parent').trim() };
		const result = await moveUnit(getDb(), actor, {
			code: event.params.unit,
			revision,
			parentCode: values.parent
		});
		if (!result.ok) return refused('move', result, values);
		return { form: 'move' as const, done: true };
	},
	retire: async (event) => {
		const actor = requireAdmin(event);
		const { text, revision } = await read(event);
		const values = { date: text('date') };
		const result = await retireUnit(getDb(), actor, {
			code: event.params.unit,
			revision,
			date: values.date
		});
		if (!result.ok) return refused('retire', result, values);
		return { form: 'retire' as const, done: true };
	},
	merge: async (event) => {
		const actor = requireAdmin(event);
		const { form, text, revision } = await read(event);
		const chosen = form.getAll('predecessors').map(String);
		const values = { predecessors: chosen, other: text('other'), date: text('date') };
		const codes = [...chosen, ...values.other.split(/[\s,;]+/)].map((code) => code.trim());
		const result = await mergeUnits(getDb(), actor, {
			code: event.params.unit,
			revision,
			predecessorCodes: codes.filter(Boolean),
			date: values.date
		});
		if (!result.ok) return refused('merge', result, values);
		return { form: 'merge' as const, done: true, merged: new Set(codes.filter(Boolean)).size };
	}
};
