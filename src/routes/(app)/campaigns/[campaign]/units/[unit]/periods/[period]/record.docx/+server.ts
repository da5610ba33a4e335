// The assessment record as a Word file, for whoever may read the assessment page.
import { getDb } from '$lib/server/db';
import { DOCX_TYPE, writeDocx } from '$lib/server/reports/docx-writer';
import { loadUnitRecord } from '$lib/server/reports/unit-record';
import { placeOf } from '../place.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { user, place } = await placeOf(event, 'assessment.view');
	const { document, names } = await loadUnitRecord(getDb(), user, place);
	return new Response(await writeDocx(document), {
		headers: {
			'Content-Type': DOCX_TYPE,
			'Content-Disposition': `attachment; filename="PDG_${names.campaign}_${names.unit}_${names.period}.docx"`
		}
	});
};
