import { fail } from '@sveltejs/kit';
import { MAX_IMPORT_ROWS } from '$lib/domain/user-import';
import { requireAdmin } from '$lib/server/auth/guards';
import { importUsers, previewUserImport } from '$lib/server/admin/users/import';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** Far above 500 rows of names; anything bigger is not a staff list. */
const MAX_BYTES = 512 * 1024;

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	return { maxRows: MAX_IMPORT_ROWS };
};

/** The CSV text: a chosen file wins over the text box, which keeps it for the confirm step. */
async function readCsv(request: Request): Promise<string | null> {
	const data = await request.formData();
	const file = data.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_BYTES) return null;
		return new TextDecoder('utf-8').decode(await file.arrayBuffer());
	}
	const text = String(data.get('csv') ?? '');
	return text.length > MAX_BYTES ? null : text;
}

export const actions: Actions = {
	preview: async (event) => {
		const actor = requireAdmin(event);
		const csv = await readCsv(event.request);
		if (csv === null) return fail(400, { csv: '', problem: 'too_many_rows' as const });
		const preview = await previewUserImport(getDb(), actor, csv);
		if (!preview.ok) return fail(400, { csv, problem: preview.problem, missing: preview.missing });
		if (!preview.clean) return fail(400, { csv, rows: preview.rows, clean: false });
		return { csv, rows: preview.rows, clean: true };
	},
	import: async (event) => {
		const actor = requireAdmin(event);
		const csv = await readCsv(event.request);
		if (csv === null) return fail(400, { csv: '', problem: 'too_many_rows' as const });
		const result = await importUsers(getDb(), actor, csv);
		if (!result.ok) {
			const { preview } = result;
			if (!preview.ok) {
				return fail(400, { csv, problem: preview.problem, missing: preview.missing });
			}
			return fail(400, { csv, rows: preview.rows, clean: preview.clean });
		}
		// The passwords are in this response only: shown once, never stored in clear.
		return { created: result.created };
	}
};
