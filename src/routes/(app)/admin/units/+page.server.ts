import { dateFromInput } from '$lib/domain/date-input';
import { cleanText, UNIT_KINDS, UNIT_TYPES_VI } from '$lib/domain/unit-rules';
import type { UnitRefusalBody } from '$lib/types/units';
import { requireAdmin } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import { browseUnits } from '$lib/server/units/browse';
import { createUnit } from '$lib/server/units/service';
import type { Actions, PageServerLoad } from './$types';

// The tree a level at a time (?unit=CODE, the scope's top by default), and a search over it.
export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const params = event.url.searchParams;
	const query = cleanText(params.get('q') ?? '');
	const withRetired = params.get('retired') === '1';
	const tree = await orError(
		browseUnits(getDb(), actor, { unit: params.get('unit') ?? '', query, withRetired })
	);
	return { query, withRetired, ...tree, kinds: UNIT_KINDS, types: UNIT_TYPES_VI };
};

type Created = { form: 'create'; created: { code: string; name: string } };

export const actions: Actions = {
	create: async (event) => {
		const actor = requireAdmin(event);
		const { values: typed } = await readForm(event.request);
		const values = {
			parent: typed.parent ?? '',
			code: (typed.code ?? '').trim(),
			name: cleanText(typed.name ?? ''),
			type_vi: cleanText(typed.type_vi ?? ''),
			kind: typed.kind ?? '',
			established_on: dateFromInput(typed.established_on ?? '')
		};
		const echo = { form: 'create' as const, values };
		return attempt<Created, typeof echo, UnitRefusalBody>(async () => {
			await createUnit(getDb(), actor, {
				parentCode: values.parent,
				code: values.code,
				name: values.name,
				typeVi: values.type_vi,
				kind: values.kind,
				establishedOn: values.established_on
			});
			return { form: 'create' as const, created: { code: values.code, name: values.name } };
		}, echo);
	}
};
