import { dateFromInput } from '$lib/domain/date-input';
import { fail } from '@sveltejs/kit';
import type { ReorganisationFileProblem, ReorganisationPlan } from '$lib/domain/reorganisation';
import { requireCampaignAdmin } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { fieldsWith, readCsvUpload, readForm, type FormValues } from '$lib/server/http/form';
import { attempt } from '$lib/server/http/respond';
import {
	applyReorganisation,
	previewReorganisation,
	type ReorganisationInput
} from '$lib/server/units/reorganise';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 5 * 1024 * 1024;

// Province administrators only: a reorganisation redraws the whole tree.
export const load: PageServerLoad = (event) => {
	requireCampaignAdmin(event);
	return {};
};

/** What the form sends back on every step, so nothing typed is lost on a refusal. */
interface Echo {
	csv: string;
	fileName: string;
	effectiveOn: string;
	scopeUnits: Record<string, string>;
	scopeAreas: Record<string, string>;
}

/** What a refused step shows beside the echo. */
type Refused =
	| { errors: Record<string, string> }
	| { problem: ReorganisationFileProblem | 'too_large'; missing: string[] }
	| { plan: ReorganisationPlan };

function echoOf(values: FormValues, csv: string, fileName: string): Echo {
	return {
		csv,
		fileName: fileName || values.file_name || 'reorganisation.csv',
		effectiveOn: dateFromInput(values.effective_on ?? ''),
		scopeUnits: fieldsWith(values, 'scope_unit'),
		scopeAreas: fieldsWith(values, 'scope_area')
	};
}

/** The service's input from the echo: scopes only for the users given a unit. */
function inputOf(echo: Echo): ReorganisationInput {
	const scopes: NonNullable<ReorganisationInput['scopes']> = {};
	for (const [username, unit] of Object.entries(echo.scopeUnits)) {
		const unitCode = unit.trim();
		const areaCode = (echo.scopeAreas[username] ?? '').trim();
		if (unitCode) scopes[username] = { unitCode, ...(areaCode ? { areaCode } : {}) };
	}
	return { fileName: echo.fileName, text: echo.csv, effectiveOn: echo.effectiveOn, scopes };
}

/** The uploaded file (or the one the preview kept in the form) with the typed fields. */
async function readStep(request: Request) {
	const { values, data } = await readForm(request);
	const file = data.get('file');
	const fileName = file instanceof File && file.size > 0 ? file.name : '';
	const { csv, tooLarge } = await readCsvUpload(data, MAX_BYTES);
	return { echo: echoOf(values, csv, fileName), tooLarge };
}

// Stateless between the steps: the preview keeps the file's text in the form, applying reads and
// checks it all again in its transaction.
export const actions: Actions = {
	preview: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { echo, tooLarge } = await readStep(event.request);
		if (tooLarge)
			return fail(400, { ...echo, csv: '', problem: 'too_large' as const, missing: [] });
		return attempt<Echo & { plan: ReorganisationPlan }, Echo, Refused>(
			async () => ({ ...echo, plan: await previewReorganisation(getDb(), actor, inputOf(echo)) }),
			echo
		);
	},
	apply: async (event) => {
		const actor = requireCampaignAdmin(event);
		const { echo } = await readStep(event.request);
		return attempt<
			Echo & { plan: ReorganisationPlan; done: { id: number; alreadyApplied: boolean } },
			Echo,
			Refused
		>(async () => {
			const result = await applyReorganisation(getDb(), actor, inputOf(echo));
			return {
				...echo,
				plan: result.plan,
				done: { id: result.id, alreadyApplied: result.alreadyApplied }
			};
		}, echo);
	}
};
