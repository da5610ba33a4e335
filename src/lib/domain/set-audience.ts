// The audience an exported criteria set names (`"audience": "school"` beside its groups), as an
// import into an audience's draft reads it: a file without the key is taken as it is, a file of
// another audience is refused, so that a school's criteria never land in the communes' set. Pure.
import { isAudience, type Audience } from './audiences';

export type FileAudience =
	| { ok: true; audience: Audience | null }
	/** The key holds something that is no audience. */
	| { ok: false; found: string };

/** The audience a parsed file names; null when it names none. */
export function fileAudience(data: unknown): FileAudience {
	if (typeof data !== 'object' || data === null || !('audience' in data)) {
		return { ok: true, audience: null };
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
