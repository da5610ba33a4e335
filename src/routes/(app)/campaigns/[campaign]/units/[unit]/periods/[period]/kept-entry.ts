// What an officer types on the assessment form is kept in the browser (localStorage) until the
// server has it: a lost connection, a reload or a closed tab loses nothing. The entry is kept per
// user and assessment, with the version it was typed on, so a save after restoring goes through
// the usual conflict check when someone else saved in between.
import type { ActionResult } from '@sveltejs/kit';

export interface KeptEntry {
	/** The assessment's version the entry was typed on. */
	version: number;
	values: Record<string, string>;
	notes: Record<string, string>;
	/** When it was last kept (ISO). */
	at: string;
}

export const keptKey = (username: string, path: string) => `kieumau:entry:${username}:${path}`;

function isRecordOfStrings(value: unknown): value is Record<string, string> {
	return (
		typeof value === 'object' &&
		value !== null &&
		Object.values(value).every((item) => typeof item === 'string')
	);
}

/** The kept entry from its stored text; null when there is none or it is not one of ours. */
export function parseKept(text: string | null): KeptEntry | null {
	if (!text) return null;
	try {
		const entry = JSON.parse(text) as Partial<KeptEntry>;
		if (
			typeof entry.version === 'number' &&
			isRecordOfStrings(entry.values) &&
			isRecordOfStrings(entry.notes) &&
			typeof entry.at === 'string'
		)
			return entry as KeptEntry;
	} catch {
		// Not JSON: someone else's key, or a damaged one; it is ignored.
	}
	return null;
}

/**
 * The criteria whose kept text differs from what the server holds now: what restoring brings
 * back. Only criteria still on the form count.
 */
export function restoredCodes(
	kept: Pick<KeptEntry, 'values' | 'notes'>,
	stored: Pick<KeptEntry, 'values' | 'notes'>
): string[] {
	return Object.keys(stored.values).filter(
		(code) =>
			(code in kept.values && kept.values[code] !== stored.values[code]) ||
			(code in kept.notes && kept.notes[code] !== stored.notes[code])
	);
}

/** A save that never reached the server, or whose answer never came back (not a refusal). */
export function isNetworkFailure(result: ActionResult): boolean {
	return result.type === 'error' && result.status === undefined;
}

// The browser's storage may be full, disabled or unavailable (private windows): keeping is then
// skipped, and the form still works as before.
export function readKept(key: string): KeptEntry | null {
	try {
		return parseKept(localStorage.getItem(key));
	} catch {
		return null;
	}
}

export function writeKept(key: string, entry: KeptEntry) {
	try {
		localStorage.setItem(key, JSON.stringify(entry));
	} catch {
		// See above.
	}
}

export function forgetKept(key: string) {
	try {
		localStorage.removeItem(key);
	} catch {
		// See above.
	}
}
