// Conditional requests (RFC 9110, section 13.1.2): does an `If-None-Match` header name a tag?

/** Weak comparison: `W/` aside, the opaque tags must be equal; `*` names any current tag. */
export function namesTag(header: string | null, tag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	const opaque = (candidate: string) => candidate.trim().replace(/^W\//, '');
	return header.split(',').some((candidate) => opaque(candidate) === opaque(tag));
}
