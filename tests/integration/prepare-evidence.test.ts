// Upgrading a PostgreSQL install whose evidence content still lies in files: the start moves the
// content the database lacks in from the old folder, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prepareDatabase } from '../../scripts/lib/database';
import { sha256Of } from '../../src/lib/server/evidence/content';
import { databaseStore } from '../../src/lib/server/evidence/database-store';
import { fileStore } from '../../src/lib/server/evidence/file-store';
import { uploadEvidence } from '../../src/lib/server/evidence/service';
import { actorNamed, ctx, freshPlace, openAssessmentDatabase, pdf } from './helpers/assessments';
import { SEED_NOW } from './helpers/fixtures';

let source: Awaited<ReturnType<typeof openAssessmentDatabase>>;
let folder: string;
const bytes = pdf('biên bản họp chi bộ');

beforeAll(async () => {
	source = await openAssessmentDatabase();
	folder = mkdtempSync(path.join(tmpdir(), 'kieumau-old-evidence-'));
	// Uploaded by a release that kept content in files: the row is there, the content on disk.
	const place = await freshPlace('16690');
	const officer = await actorNamed('officer.16690');
	await uploadEvidence(
		ctx.db,
		fileStore(folder),
		officer,
		place,
		{ criterionCode: '1.1', fileName: 'biên bản.pdf', bytes },
		SEED_NOW
	);
});
afterAll(async () => {
	await source?.drop();
	rmSync(folder, { recursive: true, force: true });
});

it('moves the content the database lacks in from the old folder, once', async () => {
	const inDatabase = databaseStore();
	expect(await inDatabase.has(ctx.db, sha256Of(bytes))).toBe(false);
	const lines: string[] = [];
	await prepareDatabase(ctx.db, { seed: false, evidenceFiles: folder, log: (l) => lines.push(l) });
	expect(lines.join('\n')).toContain('Moving 1 evidence files');
	expect(lines.join('\n')).toContain('1 moved, 0 there already, 0 missing, 0 damaged');
	expect(await inDatabase.has(ctx.db, sha256Of(bytes))).toBe(true);

	const again: string[] = [];
	await prepareDatabase(ctx.db, { seed: false, evidenceFiles: folder, log: (l) => again.push(l) });
	expect(again).toEqual([]);
	// No folder (a new install): nothing to move, nothing to say.
	await prepareDatabase(ctx.db, {
		seed: false,
		evidenceFiles: path.join(folder, 'none'),
		log: (l) => again.push(l)
	});
	expect(again).toEqual([]);
});
