// The scanned signed decision, downloaded as evidence is (never shown inline). Whoever may see a
// unit the decision recognises may read it: the unit page links to it.
import { error } from '@sveltejs/kit';
import { pathInScope } from '$lib/domain/authorization';
import { inAreaScope } from '$lib/server/auth/area-scope';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getEvidenceStore } from '$lib/server/evidence/store';
import { orError } from '$lib/server/http/respond';
import { listDecisionUnitPaths } from '$lib/server/recognitions/decisions';
import { openDecisionScan } from '$lib/server/recognitions/scan';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'dashboard.view');
	const db = getDb();
	const id = Number(event.params.id);
	const paths = Number.isInteger(id) ? await listDecisionUnitPaths(db, id) : [];
	let visible = false;
	for (const path of paths) {
		if (pathInScope(path, user.scopePath) && (await inAreaScope(db, user, path))) {
			visible = true;
			break;
		}
	}
	if (!visible) error(404, 'Not found');
	const file = await orError(openDecisionScan(db, getEvidenceStore(), id));
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(file.body, {
		headers: {
			'content-type': file.mediaType,
			'content-length': String(file.size),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
