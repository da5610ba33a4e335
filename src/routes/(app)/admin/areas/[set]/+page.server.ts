import { MAX_AREA_ROWS, type AreaFileProblem, type AreaImportRow } from '$lib/domain/area-import';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { importAreas, loadAreaSet, moveMember, previewAreaImport } from '$lib/server/areas/service';
import { getDb } from '$lib/server/db';
import { readCsvUpload, readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/** Far above 2,000 rows of codes and names. */
const MAX_BYTES = 512 * 1024;

// One area set: its areas and members, the CSV import of areas and members, and moving a member.
export const load: PageServerLoad = async (event) => {
	requireCampaignAdmin(event);
	return {
		...(await orError(loadAreaSet(getDb(), event.params.set))),
		created: event.url.searchParams.has('created'),
		maxRows: MAX_AREA_ROWS
	};
};

type Refused =
	{ problem: AreaFileProblem; missing: string[] } | { rows: AreaImportRow[]; clean: boolean };

/** The CSV text: a chosen file wins over the text box, which keeps it for the confirm step. */
async function readCsv(request: Request) {
	const { csv, tooLarge } = await readCsvUpload((await readForm(request)).data, MAX_BYTES);
	return tooLarge ? null : csv;
}

export const actions: Actions = {
	preview: async (event) => {
		const actor = requireCampaignAdmin(event);
		const csv = await readCsv(event.request);
		if (csv === null) return fail(400, { form: 'import', csv: '', problem: 'too_many_rows' });
		return attempt<object, { form: 'import'; csv: string }, Refused>(
			async () => ({
				form: 'import',
				csv,
				...(await previewAreaImport(getDb(), actor, event.params.set, csv))
			}),
			{ form: 'import', csv }
		);
	},
	import: async (event) => {
		const actor = requireCampaignAdmin(event);
		const csv = await readCsv(event.request);
		if (csv === null) return fail(400, { form: 'import', csv: '', problem: 'too_many_rows' });
		return attempt<object, { form: 'import'; csv: string }, Refused>(
			async () => ({
				form: 'import',
				imported: await importAreas(getDb(), actor, event.params.set, csv)
			}),
			{ form: 'import', csv }
		);
	},
	move: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { values: form } = await readForm(event.request);
		const values = { unit: (form.unit ?? '').trim(), area: form.area ?? '' };
		return attempt(
			async () => ({
				form: 'move',
				moved: await moveMember(getDb(), actor, event.params.set, {
					unitCode: values.unit,
					areaCode: values.area
				})
			}),
			{ form: 'move', values }
		);
	}
};
