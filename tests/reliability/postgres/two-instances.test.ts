// Two app instances on one PostgreSQL database, as behind a load balancer: figures reused and
// pages answered 304 by one instance follow a transition made through the other at once.
import * as devalue from 'devalue';
import { sql, type RawBuilder } from 'kysely';
import { afterEach, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { freshData, type AppData } from '../helpers/data';
import { signIn } from '../helpers/officer';

let data: AppData | undefined;
let apps: RunningApp[] = [];
afterEach(async () => {
	await Promise.all(apps.map((app) => app.stop()));
	await data?.remove();
	data = undefined;
	apps = [];
});

interface Submitted {
	campaign: string;
	period: string;
	page: string;
	version: number;
}

/** An assessment submitted in reviewer.vinh's scope, waiting for their verification. */
async function submittedForVinh(appData: AppData): Promise<Submitted> {
	const db = appData.open();
	try {
		const { rows } = await sql<Submitted>`
			SELECT c.code AS campaign, p.label AS period, a.version,
				'/campaigns/' || c.code || '/units/' || u.code || '/periods/' || p.label AS page
			FROM assessments a
			JOIN units u ON u.id = a.unit_id
			JOIN periods p ON p.id = a.period_id
			JOIN campaigns c ON c.id = a.campaign_id
			JOIN users r ON r.username = 'reviewer.vinh'
			JOIN units ru ON ru.id = r.unit_id
			WHERE a.status = 'submitted' AND u.path LIKE ru.path || '%' AND u.status = 'active'
			ORDER BY p.ends_on DESC, u.code
			LIMIT 1
		`.execute(db);
		expect(rows, 'a submitted assessment under Vinh').toHaveLength(1);
		return rows[0];
	} finally {
		await db.destroy();
	}
}

/** The workflow counts of the campaign's dashboard for the period, as the page's data has them. */
async function totals(url: string, cookie: string, { campaign, period }: Submitted) {
	const response = await fetch(`${url}/campaigns/${campaign}/__data.json?period=${period}`, {
		headers: { cookie }
	});
	expect(response.status).toBe(200);
	const body = (await response.json()) as { nodes: ({ data: unknown[] } | null)[] };
	const page = devalue.unflatten(body.nodes.at(-1)!.data) as {
		figures: { total: { submitted: number; verified: number } };
	};
	return page.figures.total;
}

/** A change made straight in the database, as another instance or a command would make it. */
async function write(appData: AppData, statement: RawBuilder<unknown>) {
	const db = appData.open();
	try {
		await statement.execute(db);
	} finally {
		await db.destroy();
	}
}

async function dashboard(url: string, cookie: string, tag?: string) {
	const headers: Record<string, string> = { cookie, accept: 'text/html' };
	if (tag) headers['if-none-match'] = tag;
	const response = await fetch(url, { headers });
	await response.arrayBuffer();
	return { status: response.status, tag: response.headers.get('etag') };
}

test('a transition through one instance shows on the next request to the other', async () => {
	data = await freshData();
	const shared = { ...data.env, DATA_DIR: data.env.DATA_DIR };
	apps = await Promise.all([startApp({ env: shared }), startApp({ env: shared })]);
	const [one, other] = apps;
	const submitted = await submittedForVinh(data);
	const leader = await signIn(other.url, 'leader');
	const page = `${other.url}/campaigns/${submitted.campaign}?period=${submitted.period}`;

	const before = await totals(other.url, leader, submitted);
	const first = await dashboard(page, leader);
	expect(first.status).toBe(200);
	expect(first.tag).toMatch(/^W\/".+"$/);
	// Nothing changed: the browser's copy stands, on either instance.
	expect((await dashboard(page, leader, first.tag!)).status).toBe(304);
	const onOne = await dashboard(page.replace(other.url, one.url), leader, first.tag!);
	expect(onOne.status).toBe(304);

	const reviewer = await signIn(one.url, 'reviewer.vinh');
	const verify = await fetch(`${one.url}${submitted.page}?/verify`, {
		method: 'POST',
		headers: {
			origin: one.url,
			cookie: reviewer,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ version: String(submitted.version) })
	});
	expect(await verify.json()).toMatchObject({ type: 'success' });

	const after = await dashboard(page, leader, first.tag!);
	expect(after.status).toBe(200);
	expect(after.tag).not.toBe(first.tag);
	expect(await totals(other.url, leader, submitted)).toMatchObject({
		submitted: before.submitted - 1,
		verified: before.verified + 1
	});
});

test('what is personal on the page is part of its tag: the user and their bell', async () => {
	data = await freshData();
	apps = [await startApp({ env: data.env })];
	const [app] = apps;
	const submitted = await submittedForVinh(data);
	const leader = await signIn(app.url, 'leader');
	const page = `${app.url}/campaigns/${submitted.campaign}`;
	const first = await dashboard(page, leader);
	expect((await dashboard(page, leader, first.tag!)).status).toBe(304);

	// Another user's copy is not this user's, even with nothing changed.
	const admin = await signIn(app.url, 'admin');
	expect((await dashboard(page, admin, first.tag!)).status).toBe(200);

	await write(
		data,
		sql`UPDATE users SET display_name = 'Lãnh đạo (mới)' WHERE username = 'leader'`
	);
	const renamed = await dashboard(page, leader, first.tag!);
	expect(renamed.status).toBe(200);
	expect(renamed.tag).not.toBe(first.tag);
	expect((await dashboard(page, leader, renamed.tag!)).status).toBe(304);

	// A notification for the leader rings the bell on every page: the copy is stale.
	await write(
		data,
		sql`INSERT INTO notifications (recipient_id, kind, campaign_id, unit_id, period_id, params)
			SELECT u.id, 'approved', a.campaign_id, a.unit_id, a.period_id, '{}'
			FROM users u, assessments a
			WHERE u.username = 'leader' AND a.status = 'approved' LIMIT 1`
	);
	const rung = await dashboard(page, leader, renamed.tag!);
	expect(rung.status).toBe(200);
	expect(rung.tag).not.toBe(renamed.tag);
});
