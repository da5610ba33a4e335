import { getDb } from '$lib/server/db';
import { openEvidenceFile } from '$lib/server/evidence/service';
import { getEvidenceStore } from '$lib/server/evidence/store';
import { orError } from '$lib/server/http/respond';
import { placeOf } from '../../place.server';
import type { RequestHandler } from './$types';

// Evidence is always downloaded, never shown inline: a file cannot run as a page of this site.
// The content streams from its store a chunk at a time, whatever the file's size.
export const GET: RequestHandler = async (event) => {
	const { place } = await placeOf(event, 'assessment.view');
	const file = await orError(
		openEvidenceFile(getDb(), getEvidenceStore(), place, Number(event.params.file))
	);
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
