// Two instances on one PostgreSQL database: a file uploaded through one downloads from the other,
// since the content lives in the database.
import { afterEach, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { freshData, officers, type AppData } from '../helpers/data';
import { download, evidenceIds, pdfOf, sha256, upload } from '../helpers/evidence';
import { signIn } from '../helpers/officer';

let data: AppData | undefined;
const apps: RunningApp[] = [];
afterEach(async () => {
	for (const app of apps.splice(0)) await app.stop();
	await data?.remove();
	data = undefined;
});

test('an upload on one instance downloads on the other, and back', async () => {
	data = await freshData();
	apps.push(await startApp({ env: data.env }), await startApp({ env: data.env }));
	const [first, second] = apps;
	const [officer] = officers();
	const cookie = await signIn(first.url, officer.username);
	const one = pdfOf('từ máy một', 600_000);
	await upload(first.url, cookie, officer.page, officer.criterion, 'một.pdf', one).catch(
		(failure: Error) => {
			throw new Error(`${failure.message}\n${first.output.join('\n')}`);
		}
	);
	const [id] = await evidenceIds(second.url, cookie, officer.page);
	expect(await download(second.url, cookie, officer.page, id)).toMatchObject({
		status: 200,
		sha256: sha256(one),
		length: one.length
	});
	const two = pdfOf('từ máy hai');
	await upload(second.url, cookie, officer.page, officer.criterion, 'hai.pdf', two);
	const ids = await evidenceIds(first.url, cookie, officer.page);
	expect(ids).toHaveLength(2);
	expect(await download(first.url, cookie, officer.page, ids[1])).toMatchObject({
		status: 200,
		sha256: sha256(two)
	});
});
