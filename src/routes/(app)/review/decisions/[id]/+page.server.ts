import { fileSize } from '$lib/assessment-format';
import { MAX_EVIDENCE_BYTES } from '$lib/domain/file-type';
import { clientAddress } from '$lib/server/auth/client';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getEvidenceStore } from '$lib/server/evidence/store';
import { readForm } from '$lib/server/http/form';
import { attempt, orError } from '$lib/server/http/respond';
import { loadDecisionAnnex } from '$lib/server/recognitions/annex';
import { uploadDecisionScan } from '$lib/server/recognitions/scan';
import type { Actions, PageServerLoad } from './$types';

// A recognition decision: its annex (the units it recognises), printable and as .xlsx, and the
// scanned signed decision. The province's own page.
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'assessment.approve');
	const annex = await orError(loadDecisionAnnex(getDb(), Number(event.params.id)));
	// Right after a bulk approval: how many were approved, how many units recognised by it.
	const count = (name: string) => {
		const value = Number(event.url.searchParams.get(name) ?? '');
		return Number.isInteger(value) && value >= 0 ? value : null;
	};
	const approved = count('approved');
	return {
		...annex,
		approved: approved ? { approved, recognised: count('recognised') ?? 0 } : null,
		maxScanSize: fileSize(MAX_EVIDENCE_BYTES)
	};
};

export const actions: Actions = {
	/** Attaches the scanned signed decision (a PDF), replacing any earlier scan. */
	scan: async (event) => {
		const user = requireRole(event, 'assessment.approve');
		const { data } = await readForm(event.request);
		const file = data.get('scan');
		const actor = {
			id: user.id,
			username: user.username,
			role: user.role,
			ip: clientAddress(event)
		};
		return attempt(async () => {
			const stored = await uploadDecisionScan(
				getDb(),
				getEvidenceStore(),
				actor,
				Number(event.params.id),
				{
					fileName: file instanceof File ? file.name : '',
					bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
				}
			);
			return { scanned: true, fileName: stored.fileName };
		}, {});
	}
};
