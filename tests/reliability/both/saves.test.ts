// kill -9 during saves loses nothing that was acknowledged, on either database.
import { afterEach, expect, test } from 'vitest';
import { startApp } from '../helpers/app';
import { freshData, notesHeld, officers, type AppData } from '../helpers/data';
import { saveSteadily, signIn } from '../helpers/officer';

let data: AppData | undefined;
afterEach(async () => {
	await data?.remove();
	data = undefined;
});

test('an app killed with SIGKILL while officers save keeps every acknowledged save', async () => {
	data = await freshData();
	const app = await startApp({ env: data.env });
	const team = officers().slice(0, 4);
	expect(team).toHaveLength(4);
	const cookies = await Promise.all(team.map((officer) => signIn(app.url, officer.username)));
	const kill = new Promise((resolve) => setTimeout(resolve, 3_000)).then(() => app.stop('SIGKILL'));
	const runs = await Promise.all(
		team.map((officer, i) => saveSteadily(app.url, cookies[i], officer, { until: kill }))
	);
	expect((await app.exited).signal).toBe('SIGKILL');
	const held = await notesHeld(data);
	for (const [i, officer] of team.entries()) {
		expect(runs[i].acknowledged.length).toBeGreaterThan(0);
		// Saves are sequential per officer: the last one acknowledged, or one that was in flight.
		const note = held.get(officer.username) ?? '';
		const n = Number(note.split(' ').at(-1));
		expect(n).toBeGreaterThanOrEqual(runs[i].acknowledged.length);
	}
});
