// The audience an exported criteria set names (`"audience": "school"` beside its groups), as an
// import into an audience's draft reads it: a file without the key is taken as it is, a file of
// another audience is refused, so that a school's criteria never land in the communes' set. A whole
// campaign file names none, but its `groups` are its first audience's set (the others are in
// `sets`): it is taken as that audience's. Pure.
import { audiencesOf, isAudience, type Audience } from './audiences';

export type FileAudience =
	| { ok: true; audience: Audience | null }
	/** The key holds something that is no audience. */
	| { ok: false; found: string };

/** The audience a parsed file names; null when it names none. */
export function fileAudience(data: unknown): FileAudience {
	if (typeof data !== 'object' || data === null) return { ok: true, audience: null };
	if (!('audience' in data)) {
		const appliesTo = (data as { applies_to?: unknown }).applies_to;
		const kinds = Array.isArray(appliesTo)
			? appliesTo.filter((kind) => typeof kind === 'string')
			: [];
		return { ok: true, audience: audiencesOf(kinds)[0] ?? null };
	}
	const value = (data as { audience: unknown }).audience;
	return isAudience(value) ? { ok: true, audience: value } : { ok: false, found: String(value) };
}

/** The audience named by JSON text; a text that is no JSON names none (its parse says why). */
export function jsonAudience(text: string): FileAudience {
	try {
		return fileAudience(JSON.parse(text.replace(/^\uFEFF/, '')));
	} catch {
		return { ok: true, audience: null };
	}
}

export type AudienceMismatch =
	{ problem: 'other_audience'; found: Audience } | { problem: 'unknown_audience'; found: string };

/** Why a file cannot go into the draft of `target`, or null when it can. */
export function audienceMismatch(file: FileAudience, target: Audience): AudienceMismatch | null {
	if (!file.ok) return { problem: 'unknown_audience', found: file.found };
	if (file.audience === null || file.audience === target) return null;
	return { problem: 'other_audience', found: file.audience };
}
