import { error, fail } from '@sveltejs/kit';
import { cleanText, UNIT_KINDS, UNIT_TYPES_VI } from '$lib/domain/unit-rules';
import { requireAdmin } from '$lib/server/auth/guards';
import { findScopedUnit, listChildren, searchUnits } from '$lib/server/admin/units/repository';
import { createUnit } from '$lib/server/admin/units/service';
import { getDb } from '$lib/server/db';
import { listAncestors } from '$lib/server/units/repository';
import type { Actions, PageServerLoad } from './$types';

/** The code of the unit at the top of a scope path: '/40/412/' → '412'. */
const scopeCode = (scopePath: string) => scopePath.split('/').filter(Boolean).pop() ?? '';

// The tree a level at a time (?unit=CODE, the scope's top by default), and a search over it.
export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const db = getDb();
	const params = event.url.searchParams;
	const query = cleanText(params.get('q') ?? '');
	const withRetired = params.get('retired') === '1';
	const current = await findScopedUnit(
		db,
		actor.scopePath,
		params.get('unit') || scopeCode(actor.scopePath)
	);
	if (!current) error(404, 'Unit not found');
	const [ancestors, children, results] = await Promise.all([
		listAncestors(db, current.path),
		listChildren(db, current.id, withRetired),
		query ? searchUnits(db, actor.scopePath, query, withRetired) : null
	]);
	return {
		query,
		withRetired,
		current: {
			code: current.code,
			name: current.name,
			type_vi: current.type_vi,
			kind: current.kind,
			status: current.status,
			retired_on: current.retired_on
		},
		breadcrumbs: ancestors
			.filter((ancestor) => ancestor.path.startsWith(actor.scopePath))
			.map((ancestor) => ({ code: ancestor.code, name: ancestor.name, linked: true })),
		children,
		results,
		kinds: UNIT_KINDS,
		types: UNIT_TYPES_VI
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireAdmin(event);
		const form = await event.request.formData();
		const values = {
			parent: String(form.get('parent') ?? ''),
			code: String(form.get('code') ?? '').trim(),
			name: cleanText(String(form.get('name') ?? '')),
			type_vi: cleanText(String(form.get('type_vi') ?? '')),
			kind: String(form.get('kind') ?? ''),
			established_on: String(form.get('established_on') ?? '').trim()
		};
		const result = await createUnit(getDb(), actor, {
			parentCode: values.parent,
			code: values.code,
			name: values.name,
			typeVi: values.type_vi,
			kind: values.kind,
			establishedOn: values.established_on
		});
		if (!result.ok) return fail(400, { form: 'create' as const, values, errors: result.errors });
		return { form: 'create' as const, created: { code: values.code, name: values.name } };
	}
};
