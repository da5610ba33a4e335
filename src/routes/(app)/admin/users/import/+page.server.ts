import { fail } from '@sveltejs/kit';
import { MAX_IMPORT_ROWS, type ImportFileProblem, type ImportRow } from '$lib/domain/user-import';
import { requireAdmin } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readCsvUpload, readForm } from '$lib/server/http/form';
import { attempt } from '$lib/server/http/respond';
import { importUsers, previewUserImport } from '$lib/server/users/import';
import type { Actions, PageServerLoad } from './$types';

/** Far above 500 rows of names; anything bigger is not a staff list. */
const MAX_BYTES = 512 * 1024;

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	return { maxRows: MAX_IMPORT_ROWS };
};

/** The CSV text: a chosen file wins over the text box, which keeps it for the confirm step. */
async function readCsv(request: Request): Promise<string | null> {
	const { csv, tooLarge } = await readCsvUpload((await readForm(request)).data, MAX_BYTES);
	return tooLarge ? null : csv;
}

/** What a refused preview or import shows again: the file's problem, or its rows. */
type Refused =
	{ problem: ImportFileProblem; missing: string[] } | { rows: ImportRow[]; clean: boolean };

export const actions: Actions = {
	preview: async (event) => {
		const actor = requireAdmin(event);
		const csv = await readCsv(event.request);
		if (csv === null) return fail(400, { csv: '', problem: 'too_many_rows' as const });
		return attempt<{ csv: string; rows: ImportRow[]; clean: true }, { csv: string }, Refused>(
			async () => ({ csv, ...(await previewUserImport(getDb(), actor, csv)) }),
			{ csv }
		);
	},
	import: async (event) => {
		const actor = requireAdmin(event);
		const csv = await readCsv(event.request);
		if (csv === null) return fail(400, { csv: '', problem: 'too_many_rows' as const });
		// The passwords are in this response only: shown once, never stored in clear.
		return attempt<Awaited<ReturnType<typeof importUsers>>, { csv: string }, Refused>(
			() => importUsers(getDb(), actor, csv),
			{ csv }
		);
	}
};
