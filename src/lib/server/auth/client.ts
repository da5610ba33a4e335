import type { RequestEvent } from '@sveltejs/kit';

/** The client's address as adapter-node reports it (set ADDRESS_HEADER behind a proxy). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

const HERE = 'http://kieumau.invalid';

/**
 * Only a path on this site may follow sign-in: never '//host', 'https://…', nor anything a
 * browser would read as another host once it drops tabs and newlines ('/\t/evil.example').
 */
export function safeNext(next: string | null): string | null {
	// eslint-disable-next-line no-control-regex
	if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return null;
	if (next.startsWith('//') || new URL(next, HERE).origin !== HERE) return null;
	return next;
}
