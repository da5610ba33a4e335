import type { RequestEvent } from '@sveltejs/kit';

/** The client's address as adapter-node reports it (set ADDRESS_HEADER behind a proxy). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** Only a path on this site may follow sign-in: never '//host' or 'https://…'. */
export function safeNext(next: string | null): string | null {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return null;
	return next;
}
