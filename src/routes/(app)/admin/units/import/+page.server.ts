import { fail } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guards';
import { planFingerprint } from '$lib/domain/unit-import';
import { applyUnitImport, previewUnitImport } from '$lib/server/admin/units/import';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	return {};
};

/** The CSV from the uploaded file, else from the text area (where a preview keeps it). */
async function readCsv(request: Request) {
	const form = await request.formData();
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_BYTES) return { csv: '', tooLarge: true };
		return { csv: await file.text(), tooLarge: false };
	}
	return { csv: String(form.get('csv') ?? ''), tooLarge: false };
}

// Stateless between the two steps: the preview sends the CSV back in the form, the import reads
// and checks it again.
export const actions: Actions = {
	preview: async (event) => {
		const actor = requireAdmin(event);
		const { csv, tooLarge } = await readCsv(event.request);
		if (tooLarge) return fail(400, { csv: '', problem: 'too_large' as const, missing: [] });
		const result = await previewUnitImport(getDb(), actor, csv);
		if (!result.ok) {
			return fail(400, { csv, problem: result.problem, missing: result.missing ?? [] });
		}
		return { csv, plan: result.plan, fingerprint: planFingerprint(result.plan) };
	},
	import: async (event) => {
		const actor = requireAdmin(event);
		const form = await event.request.formData();
		const csv = String(form.get('csv') ?? '');
		const previewed = String(form.get('fingerprint') ?? '');
		const result = await applyUnitImport(getDb(), actor, csv, previewed);
		if (!result.ok) {
			return fail(400, { csv, problem: result.problem, missing: result.missing ?? [] });
		}
		if ('stale' in result) {
			const fingerprint = planFingerprint(result.plan);
			return fail(409, { csv, plan: result.plan, fingerprint, stale: true });
		}
		if (!('applied' in result)) return fail(400, { csv, plan: result.plan });
		return {
			csv: '',
			plan: result.plan,
			done: { created: result.created, updated: result.updated }
		};
	}
};
