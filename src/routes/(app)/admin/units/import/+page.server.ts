import { fail } from '@sveltejs/kit';
import type { ImportFileProblem, ImportPlan } from '$lib/domain/unit-import';
import { requireAdmin } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readCsvUpload, readForm } from '$lib/server/http/form';
import { attempt } from '$lib/server/http/respond';
import { applyUnitImport, previewUnitImport } from '$lib/server/units/import';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	return {};
};

/** What a refused preview or import shows again. */
type Refused =
	| { problem: ImportFileProblem; missing: string[] }
	| { plan: ImportPlan; fingerprint?: string; stale?: true };

type Done = { csv: string; plan: ImportPlan; done: { created: number; updated: number } };

// Stateless between the two steps: the preview sends the CSV back in the form, the import reads
// and checks it again.
export const actions: Actions = {
	preview: async (event) => {
		const actor = requireAdmin(event);
		const { csv, tooLarge } = await readCsvUpload((await readForm(event.request)).data, MAX_BYTES);
		if (tooLarge) return fail(400, { csv: '', problem: 'too_large' as const, missing: [] });
		return attempt<{ csv: string; plan: ImportPlan; fingerprint: string }, object, Refused>(
			async () => ({ csv, ...(await previewUnitImport(getDb(), actor, csv)) }),
			{ csv }
		);
	},
	import: async (event) => {
		const actor = requireAdmin(event);
		const { values } = await readForm(event.request);
		const csv = values.csv ?? '';
		const previewed = values.fingerprint ?? '';
		return attempt<Done, object, Refused>(
			async () => {
				const { plan, created, updated } = await applyUnitImport(getDb(), actor, csv, previewed);
				return { csv: '', plan, done: { created, updated } };
			},
			{ csv }
		);
	}
};
