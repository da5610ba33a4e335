import { getDb } from '$lib/server/db';
import { loadUnitRecord } from '$lib/server/reports/unit-record';
import { placeOf } from '../place.server';
import type { PageServerLoad } from './$types';

// One unit's assessment of a period as a record to print and sign.
export const load: PageServerLoad = async (event) => {
	const { user, place } = await placeOf(event, 'assessment.view');
	return loadUnitRecord(getDb(), user, place);
};
