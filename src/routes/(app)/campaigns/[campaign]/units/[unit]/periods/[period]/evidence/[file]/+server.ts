import { getDb } from '$lib/server/db';
import { openEvidenceFile } from '$lib/server/evidence/service';
import { evidenceRoot } from '$lib/server/evidence/storage';
import { orError } from '$lib/server/http/respond';
import { placeOf } from '../../place.server';
import type { RequestHandler } from './$types';

// Evidence is always downloaded, never shown inline: a file cannot run as a page of this site.
export const GET: RequestHandler = async (event) => {
	const { place } = await placeOf(event, 'assessment.view');
	const file = await orError(
		openEvidenceFile(getDb(), evidenceRoot(), place, Number(event.params.file))
	);
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.mediaType,
			'content-length': String(file.body.length),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
