import { dateFromInput } from '$lib/domain/date-input';
import { cleanText, UNIT_KINDS, UNIT_TYPES_VI } from '$lib/domain/unit-rules';
import type { UnitRefusalBody } from '$lib/types/units';
import { requireAdmin } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import { loadUnitForAdmin } from '$lib/server/units/browse';
import { mergeUnits } from '$lib/server/units/merge';
import { moveUnit, retireUnit, updateUnit } from '$lib/server/units/service';
import { localizeHref } from '$lib/paraglide/runtime';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const unit = await orError(loadUnitForAdmin(getDb(), actor, event.params.unit));
	// One address per unit: a plain code that names it, else its code on its last day.
	if (unit.unit.ref !== event.params.unit)
		redirect(307, localizeHref(`/admin/units/${encodeURIComponent(unit.unit.ref)}`));
	return { ...unit, kinds: UNIT_KINDS, types: UNIT_TYPES_VI };
};

type FormName = 'edit' | 'move' | 'retire' | 'merge';

/**
 * Runs one of the unit's forms: its answer, or the refusal with what was typed (404 when the unit
 * is gone, 409 for a stale form, else 400) and the unit a problem names, if any.
 */
function run<T, V extends object>(name: FormName, values: V, write: () => Promise<T>) {
	const echo = { form: name, values, subject: '' };
	return attempt<T, typeof echo, UnitRefusalBody>(write, echo);
}

async function read(event: { request: Request }) {
	const { values, data } = await readForm(event.request);
	const text = (name: string) => values[name] ?? '';
	return { data, text, revision: text('revision') };
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
		return run('edit', values, async () => {
			await updateUnit(getDb(), actor, {
				code: event.params.unit,
				revision,
				name: values.name,
				typeVi: values.type_vi,
				kind: values.kind
			});
			return { form: 'edit' as const, done: true };
		});
	},
	move: async (event) => {
		const actor = requireAdmin(event);
		const { text, revision } = await read(event);
		const values = { parent: text('parent').trim() };
		return run('move', values, async () => {
			await moveUnit(getDb(), actor, {
				code: event.params.unit,
				revision,
				parentCode: values.parent
			});
			return { form: 'move' as const, done: true };
		});
	},
	retire: async (event) => {
		const actor = requireAdmin(event);
		const { text, revision } = await read(event);
		const values = { date: dateFromInput(text('date')) };
		return run('retire', values, async () => {
			await retireUnit(getDb(), actor, { code: event.params.unit, revision, date: values.date });
			return { form: 'retire' as const, done: true };
		});
	},
	merge: async (event) => {
		const actor = requireAdmin(event);
		const { data, text, revision } = await read(event);
		const chosen = data.getAll('predecessors').map(String);
		const values = {
			predecessors: chosen,
			other: text('other'),
			date: dateFromInput(text('date'))
		};
		const codes = [...chosen, ...values.other.split(/[\s,;]+/)].map((code) => code.trim());
		return run('merge', values, async () => {
			await mergeUnits(getDb(), actor, {
				code: event.params.unit,
				revision,
				predecessorCodes: codes.filter(Boolean),
				date: values.date
			});
			return { form: 'merge' as const, done: true, merged: new Set(codes.filter(Boolean)).size };
		});
	}
};
