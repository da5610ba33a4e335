import { error } from '@sveltejs/kit';
import { resolvePlace } from '$lib/server/assessments/place';
import { getDb } from '$lib/server/db';
import { findEvidenceFile } from '$lib/server/evidence/service';
import { evidenceRoot, readBlob } from '$lib/server/evidence/storage';
import type { RequestHandler } from './$types';

// Evidence is always downloaded, never shown inline: a file cannot run as a page of this site.
export const GET: RequestHandler = async (event) => {
	const { place } = await resolvePlace(event, 'assessment.view');
	const id = Number(event.params.file);
	const file = Number.isInteger(id) ? await findEvidenceFile(getDb(), place, id) : undefined;
	if (!file) error(404, 'Not found');
	const body = await readBlob(evidenceRoot(), file.sha256).catch(() => error(404, 'Not found'));
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': file.mediaType,
			'content-length': String(body.length),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
