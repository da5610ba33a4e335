// What an officer's browser sends: sign in, then save notes on the assessment page, over HTTP.
import * as devalue from 'devalue';
import { DEMO_PASSWORD } from '../../../scripts/seed/demo';
import type { Officer } from './data';

/** Signs in and returns the session cookie to send with later requests. */
export async function signIn(url: string, username: string, password = DEMO_PASSWORD) {
	const response = await fetch(`${url}/login`, {
		method: 'POST',
		headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username, password }),
		redirect: 'manual'
	});
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.find((pair) => pair.startsWith('km_session='));
	if (!cookie)
		throw new Error(`Sign-in of ${username} answered ${response.status} with no session`);
	return cookie;
}

export type SaveOutcome =
	{ saved: true; version: number } | { saved: false; status: number; conflictVersion?: number };

/** Posts the save action as the page's script does; `version` is the one the officer loaded. */
export async function saveNote(
	url: string,
	cookie: string,
	officer: Officer,
	note: string,
	version: number
): Promise<SaveOutcome> {
	const response = await fetch(`${url}${officer.page}?/save`, {
		method: 'POST',
		headers: {
			origin: url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ version: String(version), [`note.${officer.criterion}`]: note })
	});
	const text = await response.text();
	let result: { type?: string; status?: number; data?: string } = {};
	try {
		result = JSON.parse(text);
	} catch {
		return { saved: false, status: response.status };
	}
	const data = result.data ? devalue.parse(result.data) : {};
	if (result.type === 'success' && data?.done) return { saved: true, version: data.version };
	return {
		saved: false,
		status: result.status ?? response.status,
		conflictVersion: data?.conflict?.version
	};
}

/**
 * Saves notes one after another ("note 1", "note 2", …) until `until` resolves or `count` is
 * reached; returns the notes the app acknowledged. A stale version (another save got in first)
 * is retried with the version the app reports; any other refusal or network error is counted.
 */
export async function saveSteadily(
	url: string,
	cookie: string,
	officer: Officer,
	{ count = Infinity, until }: { count?: number; until?: Promise<unknown> }
) {
	let stopped = false;
	void until?.then(() => (stopped = true));
	let version = 0;
	const acknowledged: string[] = [];
	let failures = 0;
	for (let n = 1; n <= count && !stopped; n++) {
		const note = `${officer.username} note ${n}`;
		try {
			const outcome = await saveNote(url, cookie, officer, note, version);
			if (outcome.saved) {
				acknowledged.push(note);
				version = outcome.version;
			} else if (outcome.conflictVersion !== undefined) {
				version = outcome.conflictVersion;
				n--;
			} else failures++;
		} catch {
			failures++;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	return { acknowledged, failures, lastNote: acknowledged.at(-1) };
}
